/** Expectations computed straight from an engine log, independently of the timeline model. */
import type { EventOf, Json, LabEvent } from '../../src/protocol/events';

/** The moment the most processes waited for a lock: its id, the time, the owner and waiters (request order). */
export function busiestLockMoment(
  events: readonly LabEvent[],
): { obj: number; t: number; owner: number; waiters: number[] } | undefined {
  const waiting = new Map<number, number[]>();
  const owner = new Map<number, number>();
  let best: { obj: number; t: number; owner: number; waiters: number[] } | undefined;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.kind === 'lock.request' && e.block)
      waiting.set(e.obj, [...(waiting.get(e.obj) ?? []), e.proc]);
    else if (e.kind === 'lock.acquire') {
      waiting.set(
        e.obj,
        (waiting.get(e.obj) ?? []).filter((p) => p !== e.proc),
      );
      owner.set(e.obj, e.proc);
    } else if (e.kind === 'lock.release') owner.set(e.obj, -1);
    else continue;
    const w = waiting.get((e as EventOf<'lock.acquire'>).obj) ?? [];
    const next = events[i + 1];
    // Sample strictly inside the gap before the next event, where nothing changes.
    if (next && next.t > e.t + 1 && w.length > (best?.waiters.length ?? 0)) {
      const obj = (e as EventOf<'lock.acquire'>).obj;
      best = {
        obj,
        t: Math.floor((e.t + next.t) / 2),
        owner: owner.get(obj) ?? -1,
        waiters: [...w],
      };
    }
  }
  return best;
}

/** Queue contents (values, oldest first) just after the fullest moment of the queue. */
export function fullestQueueMoment(
  events: readonly LabEvent[],
): { obj: number; t: number; contents: Json[] } | undefined {
  const qs = new Map<number, { item: number; value: Json }[]>();
  let best: { obj: number; t: number; contents: Json[] } | undefined;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.kind === 'queue.put')
      qs.set(e.obj, [...(qs.get(e.obj) ?? []), { item: e.item, value: e.value }]);
    else if (e.kind === 'queue.get')
      qs.set(
        e.obj,
        (qs.get(e.obj) ?? []).filter((x) => x.item !== e.item),
      );
    else continue;
    const q = qs.get(e.obj)!;
    const next = events[i + 1];
    if (next && next.t > e.t + 1 && q.length > (best?.contents.length ?? 0))
      best = { obj: e.obj, t: Math.floor((e.t + next.t) / 2), contents: q.map((x) => x.value) };
  }
  return best;
}

export const spawnCount = (events: readonly LabEvent[]) =>
  events.filter((e) => e.kind === 'proc.spawn').length;
