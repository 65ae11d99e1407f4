/**
 * What a primitive is at time T, read straight from the raw event log (not through the timeline
 * model): the expectations of the "At the playhead" test. Each state is the one after every event
 * at or before T.
 */
import type { LabEvent } from '../../src/protocol/events';

export interface Seen {
  /** Process indices waiting, in the order they began. */
  waiting: number[];
  owner: number;
  depth: number;
  /** Semaphore count, event flag (1/0), barrier arrivals. */
  level: number;
  gen: number;
  broken: boolean;
}

/** The state of object `obj` after every event up to T. */
export function seenAt(events: readonly LabEvent[], obj: number, T: number): Seen {
  const s: Seen = { waiting: [], owner: -1, depth: 0, level: 0, gen: 0, broken: false };
  const stop = (p: number) => (s.waiting = s.waiting.filter((w) => w !== p));
  for (const e of events) {
    if (e.t > T) break;
    if (!('obj' in e) || e.obj !== obj) continue;
    switch (e.kind) {
      case 'sem.create':
        s.level = e.value;
        break;
      case 'lock.request':
        if (e.block) s.waiting.push(e.proc);
        break;
      case 'sem.request':
        if (e.block) s.waiting.push(e.proc);
        break;
      case 'event.wait':
      case 'cond.wait':
        s.waiting.push(e.proc);
        break;
      case 'lock.acquire':
        stop(e.proc);
        s.owner = e.proc;
        s.depth = 1;
        break;
      case 'lock.depth':
        s.depth = e.depth;
        break;
      case 'lock.release':
        s.owner = -1;
        s.depth = 0;
        break;
      case 'sem.acquire':
      case 'sem.release':
        stop(e.proc);
        s.level = e.value;
        break;
      case 'lock.timeout':
      case 'sem.timeout':
      case 'event.wake':
      case 'cond.wake':
        stop(e.proc);
        break;
      case 'event.set':
        s.level = 1;
        break;
      case 'event.clear':
        s.level = 0;
        break;
      case 'barrier.arrive':
        s.waiting.push(e.proc);
        s.level = e.index + 1;
        s.gen = e.gen;
        break;
      case 'barrier.pass':
        s.waiting = [];
        s.level = 0;
        s.gen = e.gen + 1;
        break;
      case 'barrier.broken':
        s.waiting = [];
        s.level = 0;
        s.broken = true;
        break;
    }
  }
  return s;
}

/** The object id of the primitive created with `name` (any *.create kind). */
export function objNamed(events: readonly LabEvent[], name: string): number {
  const e = events.find((x) => x.kind.endsWith('.create') && 'name' in x && x.name === name);
  if (!e || !('obj' in e)) throw new Error(`no primitive named ${name}`);
  return e.obj;
}

/** The first event time T (of `obj`'s events) whose state satisfies `ok`. */
export function firstMoment(
  events: readonly LabEvent[],
  obj: number,
  ok: (s: Seen) => boolean,
): { T: number; seen: Seen } {
  for (const e of events) {
    if (!('obj' in e) || e.obj !== obj) continue;
    const seen = seenAt(events, obj, e.t);
    if (ok(seen)) return { T: e.t, seen };
  }
  throw new Error(`no moment of object ${obj} has the state asked for`);
}
