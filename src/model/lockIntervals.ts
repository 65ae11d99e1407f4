import type { LabEvent } from '../protocol/events';

/**
 * One lock request by one process: when it asked, got and let go of the lock.
 * Intervals still open when the log ends are closed at the last event's time and flagged.
 */
export interface LockInterval {
  obj: number;
  proc: number;
  requestSeq: number;
  requestT: number;
  /** Another process held the lock when this one asked (or the acquire reported a wait). */
  contended: boolean;
  /** How the wait ended: got the lock, gave up, the process exited, or the log ended first. */
  waitEnd: 'acquired' | 'timeout' | 'exited' | 'log-end';
  waitEndT: number;
  /** Seq of the event that ended the wait (acquire, timeout or exit); absent at log end. */
  waitEndSeq?: number;
  /** waitEndT − requestT. */
  waitUs: number;
  acquireSeq?: number;
  acquireT?: number;
  releaseSeq?: number;
  releaseT?: number;
  /** Who released it (Python locks may be released by another process). */
  releasedBy?: number;
  /** releaseT − acquireT, or lastT − acquireT while still held at the end of the log. */
  holdUs?: number;
  /** Still held when the log ended. */
  holdOpen?: boolean;
}

/** Every lock request in log order, with its wait and hold. */
export function lockIntervals(events: readonly LabEvent[]): LockInterval[] {
  const out: LockInterval[] = [];
  // obj → waiting request per process, indexed by proc + 1 (proc ids are small; -1 is the runner).
  const pending = new Map<number, (LockInterval | undefined)[]>();
  const waiting = (obj: number, proc: number) => pending.get(obj)?.[proc + 1];
  const holder = new Map<number, LockInterval>();
  const endWait = (iv: LockInterval, how: LockInterval['waitEnd'], t: number, seq?: number) => {
    iv.waitEnd = how;
    iv.waitEndT = t;
    iv.waitEndSeq = seq;
    iv.waitUs = Math.max(0, t - iv.requestT);
    const m = pending.get(iv.obj);
    if (m && m[iv.proc + 1] === iv) m[iv.proc + 1] = undefined;
  };
  for (const e of events) {
    switch (e.kind) {
      case 'lock.request': {
        const h = holder.get(e.obj);
        const iv = newInterval(e.obj, e.proc, e.seq, e.t, h !== undefined);
        out.push(iv);
        let m = pending.get(e.obj);
        if (!m) pending.set(e.obj, (m = []));
        m[e.proc + 1] = iv;
        break;
      }
      case 'lock.acquire': {
        let iv = waiting(e.obj, e.proc);
        if (!iv) {
          // A log cut before the request: reconstruct the wait from the acquire's own report.
          const requestT = Math.max(0, e.t - e.waitedUs);
          iv = newInterval(e.obj, e.proc, e.seq, requestT, e.waitedUs > 0);
          out.push(iv);
        }
        endWait(iv, 'acquired', e.t, e.seq);
        iv.acquireSeq = e.seq;
        iv.acquireT = e.t;
        holder.set(e.obj, iv);
        break;
      }
      case 'lock.release': {
        const iv = holder.get(e.obj);
        if (!iv || iv.acquireT === undefined) break;
        iv.releaseSeq = e.seq;
        iv.releaseT = e.t;
        iv.releasedBy = e.proc;
        iv.holdUs = e.t - iv.acquireT;
        holder.delete(e.obj);
        break;
      }
      case 'lock.timeout': {
        const iv = waiting(e.obj, e.proc);
        if (iv) endWait(iv, 'timeout', e.t, e.seq);
        break;
      }
      case 'proc.exit':
        for (const m of pending.values()) {
          const iv = m[e.proc + 1];
          if (iv) endWait(iv, 'exited', e.t, e.seq);
        }
        break;
    }
  }
  const lastT = events.length ? events[events.length - 1].t : 0;
  for (const m of pending.values()) for (const iv of m) if (iv) endWait(iv, 'log-end', lastT);
  for (const iv of holder.values()) {
    if (iv.acquireT !== undefined) {
      iv.holdUs = lastT - iv.acquireT;
      iv.holdOpen = true;
    }
  }
  return out;
}

/** Every field present from the start keeps one object shape for all intervals (much faster on big logs). */
function newInterval(
  obj: number,
  proc: number,
  requestSeq: number,
  requestT: number,
  contended: boolean,
): LockInterval {
  return {
    obj,
    proc,
    requestSeq,
    requestT,
    contended,
    waitEnd: 'log-end',
    waitEndT: requestT,
    waitEndSeq: undefined,
    waitUs: 0,
    acquireSeq: undefined,
    acquireT: undefined,
    releaseSeq: undefined,
    releaseT: undefined,
    releasedBy: undefined,
    holdUs: undefined,
    holdOpen: undefined,
  };
}
