/**
 * Statistics of the Semaphores, Events, Conditions, Barriers, Pipes and Values of a run, from its
 * log alone: how often each was used, how long processes waited in it, and what each one's waits
 * came to.
 */
import type { LabEvent } from '../protocol/events';
import { summarizeDurations, type DurationSummary } from './durationSummary';
import { findLostUpdates } from './fileDiagnostics';

export type SyncKind =
  'semaphore' | 'bounded' | 'event' | 'condition' | 'barrier' | 'pipe' | 'value';

export interface SyncStats {
  obj: number;
  name: string;
  kind: SyncKind;
  /** acquire() on a semaphore, wait() on an event or condition, arrivals at a barrier, recv() on a pipe, reads of a Value or Array. */
  uses: number;
  /**
   * Uses that had to wait (a semaphore at 0, an event not set, every condition wait, a barrier
   * arrival but the last, a recv() on an empty pipe); a Value or Array: its writes that lost
   * updates (each overwrote a write made since its own read).
   */
  contended: number;
  /** Waits that gave up (timeouts, non-blocking misses; a barrier: times it broke; a pipe: EOFError). */
  timeouts: number;
  /** How long each finished wait took. */
  wait: DurationSummary;
  /** Semaphore: its lowest count. Event: set() calls. Condition: notify calls. Barrier: generations passed. Pipe: messages sent. Value or Array: writes. */
  detail: number;
}

interface Acc extends Omit<SyncStats, 'wait'> {
  waits: number[];
  /** Barrier: when each waiting arrival of the current generation came (proc → t). */
  arrivals: Map<number, number>;
}

/** Per primitive, in order of creation, and each process's total time waiting in them (µs). */
export function syncStats(events: readonly LabEvent[]): {
  syncs: SyncStats[];
  waitByProc: Map<number, number>;
} {
  const objs = new Map<number, Acc>();
  const waitByProc = new Map<number, number>();
  const waited = (a: Acc, proc: number, us: number) => {
    a.waits.push(us);
    waitByProc.set(proc, (waitByProc.get(proc) ?? 0) + us);
  };
  const make = (obj: number, name: string, kind: SyncKind, detail = 0) =>
    objs.set(obj, {
      obj,
      name,
      kind,
      uses: 0,
      contended: 0,
      timeouts: 0,
      detail,
      waits: [],
      arrivals: new Map(),
    });
  for (const e of events) {
    if (e.kind.endsWith('.create')) {
      if (e.kind === 'sem.create')
        make(e.obj, e.name, e.bounded ? 'bounded' : 'semaphore', e.value);
      else if (e.kind === 'event.create') make(e.obj, e.name, 'event');
      else if (e.kind === 'cond.create') make(e.obj, e.name, 'condition');
      else if (e.kind === 'barrier.create') make(e.obj, e.name, 'barrier');
      else if (e.kind === 'pipe.create') make(e.obj, e.name, 'pipe');
      else if (e.kind === 'value.create') make(e.obj, e.name, 'value');
      continue;
    }
    const a = 'obj' in e ? objs.get(e.obj) : undefined;
    if (!a) continue;
    switch (e.kind) {
      case 'sem.acquire':
        a.uses++;
        if (e.waitedUs > 0) a.contended++;
        waited(a, e.proc, e.waitedUs);
        a.detail = Math.min(a.detail, e.value);
        break;
      case 'sem.timeout':
      case 'event.wake':
      case 'cond.wake':
        if (e.kind === 'sem.timeout') {
          a.uses++;
          a.timeouts++;
          break;
        }
        a.uses++;
        if (e.waitedUs > 0 || e.kind === 'cond.wake') a.contended++;
        if ((e.kind === 'event.wake' && !e.flag) || (e.kind === 'cond.wake' && !e.notified))
          a.timeouts++;
        waited(a, e.proc, e.waitedUs);
        break;
      case 'event.set':
      case 'cond.notify':
        a.detail++;
        break;
      case 'barrier.arrive':
        a.uses++;
        a.arrivals.set(e.proc, e.t);
        break;
      case 'barrier.pass':
      case 'barrier.broken':
        if (e.kind === 'barrier.pass') a.detail++;
        else a.timeouts++;
        for (const [proc, t] of a.arrivals) {
          if (t < e.t) a.contended++;
          waited(a, proc, e.t - t);
        }
        a.arrivals.clear();
        break;
      case 'pipe.recv.wait':
        a.arrivals.set(e.proc, e.t);
        break;
      case 'pipe.recv':
      case 'pipe.eof': {
        a.uses++;
        if (e.kind === 'pipe.eof') a.timeouts++;
        const since = a.arrivals.get(e.proc);
        if (since === undefined) break;
        a.arrivals.delete(e.proc);
        a.contended++;
        waited(a, e.proc, e.t - since);
        break;
      }
      case 'pipe.send':
      case 'value.set':
        a.detail++;
        break;
      case 'value.get':
        a.uses++;
        break;
    }
  }
  if ([...objs.values()].some((a) => a.kind === 'value'))
    for (const x of findLostUpdates(events))
      if (x.write.kind === 'value.set') objs.get(x.write.obj)!.contended++;
  const syncs = [...objs.values()].map(({ waits, arrivals: _arrivals, ...rest }) => ({
    ...rest,
    wait: summarizeDurations(waits),
  }));
  return { syncs, waitByProc };
}
