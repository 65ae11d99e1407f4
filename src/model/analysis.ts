import type { Json, LabEvent } from '../protocol/events';

export { lockIntervals, type LockInterval } from './lockIntervals';

/** One queue item's trip: its put and, when it was taken, its get. */
export interface ItemTransfer {
  item: number;
  obj: number;
  value: Json;
  putSeq: number;
  putT: number;
  putProc: number;
  getSeq?: number;
  getT?: number;
  getProc?: number;
}

/** A get whose item has no put in the log (a partial log, or a runner bug). */
export interface OrphanGet {
  item: number;
  obj: number;
  value: Json;
  getSeq: number;
  getT: number;
  getProc: number;
}

export interface PutGetMatch {
  /** Every put in log order, with its get when there was one. */
  items: ItemTransfer[];
  /** Items put but never got (still in the queue at the end of the log). */
  unmatchedPuts: ItemTransfer[];
  unmatchedGets: OrphanGet[];
}

/** Pairs each queue.get with the queue.put of the same item id. */
export function matchPutsToGets(events: readonly LabEvent[]): PutGetMatch {
  const items: ItemTransfer[] = [];
  const unmatchedGets: OrphanGet[] = [];
  const waiting = new Map<number, ItemTransfer>();
  for (const e of events) {
    if (e.kind === 'queue.put') {
      const x: ItemTransfer = {
        item: e.item,
        obj: e.obj,
        value: e.value,
        putSeq: e.seq,
        putT: e.t,
        putProc: e.proc,
      };
      items.push(x);
      waiting.set(e.item, x);
    } else if (e.kind === 'queue.get') {
      const x = waiting.get(e.item);
      if (x && x.obj === e.obj) {
        x.getSeq = e.seq;
        x.getT = e.t;
        x.getProc = e.proc;
        waiting.delete(e.item);
      } else {
        unmatchedGets.push({
          item: e.item,
          obj: e.obj,
          value: e.value,
          getSeq: e.seq,
          getT: e.t,
          getProc: e.proc,
        });
      }
    }
  }
  return { items, unmatchedPuts: items.filter((x) => x.getSeq === undefined), unmatchedGets };
}

/** Who had a lock before an acquire, and whether their release is what let the acquirer through. */
export interface LockHandoff {
  obj: number;
  /** The process whose release preceded this acquire; absent for the first acquire. */
  fromProc?: number;
  toProc: number;
  releaseSeq?: number;
  releaseT?: number;
  requestSeq: number;
  acquireSeq: number;
  acquireT: number;
  waitedUs: number;
  /** The acquirer was already waiting when the lock was released: the release let it through. */
  letThrough: boolean;
}

/** One entry per lock.acquire, in log order. */
export function lockHandoffs(events: readonly LabEvent[]): LockHandoff[] {
  const out: LockHandoff[] = [];
  const lastRelease = new Map<number, { proc: number; seq: number; t: number }>();
  const requests = new Map<number, Map<number, number>>(); // obj → proc → request seq
  for (const e of events) {
    if (e.kind === 'lock.request') {
      let m = requests.get(e.obj);
      if (!m) requests.set(e.obj, (m = new Map()));
      m.set(e.proc, e.seq);
    } else if (e.kind === 'lock.release') {
      lastRelease.set(e.obj, { proc: e.proc, seq: e.seq, t: e.t });
    } else if (e.kind === 'lock.acquire') {
      const requestSeq = requests.get(e.obj)?.get(e.proc) ?? e.seq;
      const r = lastRelease.get(e.obj);
      lastRelease.delete(e.obj);
      out.push({
        obj: e.obj,
        fromProc: r?.proc,
        toProc: e.proc,
        releaseSeq: r?.seq,
        releaseT: r?.t,
        requestSeq,
        acquireSeq: e.seq,
        acquireT: e.t,
        waitedUs: e.waitedUs,
        letThrough: r !== undefined && requestSeq < r.seq,
      });
    }
  }
  return out;
}
