import type { Json, LabEvent } from '../protocol/events';
import type { LockInterval } from './analysis';
import { objLabel, procLabel, type LogNames } from './logNames';
import type { BlockSpan } from './procActivity';

/** One event of the Trace Event Format (the JSON that Perfetto and chrome://tracing open). */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid?: number;
  ts?: number;
  dur?: number;
  cat?: string;
  id?: number;
  bp?: 'e';
  s?: 'g' | 'p' | 't';
  args?: { [key: string]: Json };
}

/** The whole run is one trace process; each lab process is a thread. */
export const TRACE_PID = 1;
/** Thread id of a lab process; the runner (proc -1) gets thread 0. */
export const traceTid = (proc: number): number => (proc < 0 ? 0 : proc + 1);

export interface Span {
  proc: number;
  start: number;
  end: number;
  name: string;
  cat: string;
  args?: { [key: string]: Json };
}

/** The state spans of each process: its lifetime, sleeps, lock waits and holds, blocked puts/gets, joins. */
export function collectSpans(
  events: readonly LabEvent[],
  locks: readonly LockInterval[],
  blocks: readonly BlockSpan[],
  names: LogNames,
): Span[] {
  const lastT = events.length ? events[events.length - 1].t : 0;
  const spans: Span[] = [];
  for (const p of names.procs.values()) {
    spans.push({
      proc: p.proc,
      start: p.spawnT,
      end: p.exit?.t ?? lastT,
      name: p.name,
      cat: 'process',
      args: { pid: p.pid, daemon: p.daemon },
    });
  }
  for (const iv of locks) {
    const lock = objLabel(names, iv.obj);
    spans.push({
      proc: iv.proc,
      start: iv.requestT,
      end: iv.waitEndT,
      name: `wait ${lock}`,
      cat: 'lock.wait',
      args: { lock, outcome: iv.waitEnd, contended: iv.contended },
    });
    if (iv.acquireT !== undefined) {
      spans.push({
        proc: iv.proc,
        start: iv.acquireT,
        end: iv.acquireT + (iv.holdUs ?? 0),
        name: `hold ${lock}`,
        cat: 'lock.hold',
        args: { lock, open: iv.holdOpen === true },
      });
    }
  }
  for (const b of blocks) {
    const q = b.obj === undefined ? '' : objLabel(names, b.obj);
    const name =
      b.kind === 'sleep'
        ? 'sleep'
        : b.kind === 'put-blocked'
          ? `put blocked: ${q} full`
          : b.kind === 'get-blocked'
            ? `get blocked: ${q} empty`
            : b.kind === 'queue-join'
              ? `join ${q}`
              : `join ${b.target === undefined ? '' : procLabel(names, b.target).en}`;
    spans.push({
      proc: b.proc,
      start: b.startT,
      end: b.endT,
      name,
      cat: b.kind,
      args: { end: b.end },
    });
  }
  return spans;
}

/**
 * Emits spans as complete (`X`) events. Slices on one thread must nest; a span that only partly
 * overlaps an enclosing one (possible when lab code awaits several things at once) becomes an async pair.
 */
export function emitSpans(spans: Span[], out: TraceEvent[], nextId: () => number): void {
  const byProc = new Map<number, Span[]>();
  for (const s of spans) {
    const list = byProc.get(s.proc);
    if (list) list.push(s);
    else byProc.set(s.proc, [s]);
  }
  for (const [proc, list] of byProc) {
    list.sort((a, b) => a.start - b.start || b.end - a.end);
    const stack: number[] = [];
    const tid = traceTid(proc);
    for (const s of list) {
      while (stack.length && stack[stack.length - 1] <= s.start) stack.pop();
      if (stack.length && s.end > stack[stack.length - 1]) {
        const id = nextId();
        out.push({
          name: s.name,
          cat: s.cat,
          ph: 'b',
          pid: TRACE_PID,
          tid,
          ts: s.start,
          id,
          args: s.args ?? {},
        });
        out.push({ name: s.name, cat: s.cat, ph: 'e', pid: TRACE_PID, tid, ts: s.end, id });
        continue;
      }
      stack.push(s.end);
      out.push({
        name: s.name,
        cat: s.cat,
        ph: 'X',
        pid: TRACE_PID,
        tid,
        ts: s.start,
        dur: Math.max(0, s.end - s.start),
        args: s.args ?? {},
      });
    }
  }
}
