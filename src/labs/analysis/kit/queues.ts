/** Queue traffic read back from a log: each put paired with the get that received its item. */
import type { Json, LabEvent } from '../../../protocol/events';

export interface Transfer {
  obj: number;
  item: number;
  value: Json;
  putProc: number;
  putT: number;
  getProc?: number;
  getT?: number;
}

/** Every put in log order, with its get when one happened (matched by the run-unique item id). */
export function transfers(events: readonly LabEvent[]): Transfer[] {
  const byItem = new Map<number, Transfer>();
  const out: Transfer[] = [];
  for (const e of events) {
    if (e.kind === 'queue.put') {
      const t: Transfer = { obj: e.obj, item: e.item, value: e.value, putProc: e.proc, putT: e.t };
      byItem.set(e.item, t);
      out.push(t);
    } else if (e.kind === 'queue.get') {
      const t = byItem.get(e.item);
      if (t) {
        t.getProc = e.proc;
        t.getT = e.t;
      }
    }
  }
  return out;
}

/** Items put (not None) and items got (not None): the producer-consumer outcome. */
export function producedConsumed(events: readonly LabEvent[]): {
  produced: number;
  consumed: number;
} {
  let produced = 0;
  let consumed = 0;
  for (const e of events) {
    if (e.kind === 'queue.put' && e.value !== null) produced++;
    if (e.kind === 'queue.get' && e.value !== null) consumed++;
  }
  return { produced, consumed };
}

/** The deepest a queue got. */
export function maxDepth(events: readonly LabEvent[], obj: number): number {
  let max = 0;
  for (const e of events) if (e.kind === 'queue.put' && e.obj === obj) max = Math.max(max, e.size);
  return max;
}

/** Counts per key, in first-seen order. */
export function tally<T>(xs: readonly T[], key: (x: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
  return m;
}
