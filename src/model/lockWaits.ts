/**
 * What the lock-contention finding needs of each lock, gathered event by event, so that the end
 * of a run reads it at once instead of going over the log again (the runner's recorder feeds it
 * as it records). It keeps the meaning of `lockIntervals` (lockIntervals.ts): one wait per
 * request, ended by the acquire, a timeout, the waiter's exit or the end of the log; the holders
 * during a wait are the other processes that held the lock at some moment of it.
 */

/** One lock's waits, as the finding tells them. */
export interface LockWaitSummary {
  obj: number;
  /** Processes that had to wait for it (a request while another held it). */
  waiters: ReadonlySet<number>;
  /** Acquisitions, and those of them after a wait. */
  acquired: number;
  acquiredAfterWait: number;
  /** Waits that ended in a timeout. */
  gaveUp: number;
  /** Contended waits that never got the lock: their process exited, or the log ended, first. */
  neverGot: number;
  /** The longest wait (the first of the longest, in request order), when any process waited. */
  longest?: LongestWait;
}

export interface LongestWait {
  proc: number;
  waitUs: number;
  /** The other processes that held the lock during it, in the order they asked for it. */
  holders: number[];
  /** Seq of its acquire, else of its request. */
  at: number;
  /** It never got the lock: its process exited, or the log ended, while it waited. */
  neverGot?: true;
}

/**
 * A wait still going on. Who held the lock meanwhile (kept for a contended wait only, the only
 * kind the finding tells) is read from the lock's log of holds when it is needed: from `from` on,
 * up to the hold its end saw. `holders` are those already gathered, by the seq of the request of
 * their hold: the holds left over from before it began, and, once it is `gathered`, all of them.
 */
interface Wait {
  proc: number;
  requestSeq: number;
  requestT: number;
  contended: boolean;
  /** The index in the lock's log of holds of the first one held during it (the one at its start). */
  from: number;
  /**
   * Its holders are all in `holders`: it ended (they are those its end saw), or it never will (a
   * replaced wait, which from then on takes each hold as it comes). A pending wait never is.
   */
  gathered: boolean;
  holders: Map<number, number> | null;
}

/** A lock's holds, in order: `procs[i]` held it by a hold asked for at `seqs[i]`. */
interface HoldLog {
  procs: number[];
  seqs: number[];
  /** The index (counted over the whole run) of procs[0]: the holds before it no wait needs. */
  base: number;
  /** When procs grows to this length, the holds no wait needs are dropped. */
  trimAt: number;
}

/** The longest wait so far, as LongestWait says it. */
interface Longest {
  wait: Wait;
  waitUs: number;
  at: number;
  neverGot?: true;
}

interface LockState {
  summary: {
    obj: number;
    waiters: Set<number>;
    acquired: number;
    acquiredAfterWait: number;
    gaveUp: number;
    neverGot: number;
  };
  longest?: Longest;
  /** The wait of each process, by process. */
  pending: Map<number, Wait>;
  /** A wait replaced by a later request of its process: never ended, so it stays 0 µs long. */
  orphans: Wait[];
  holds: HoldLog;
  /** The hold not yet released, if any: its process and the seq of its request (no object per acquire). */
  holding: boolean;
  holderProc: number;
  holderSeq: number;
  /** Holds replaced by a later acquire without a release: held until the end, by process. */
  neverReleased: Map<number, number>;
}

/** How many holds a lock's log keeps before it drops those no wait needs. */
const LOG_TRIM = 1024;

export class LockWaits {
  /** Locks in the order of their first request (or acquire). */
  readonly #locks = new Map<number, LockState>();

  #lock(obj: number): LockState {
    let l = this.#locks.get(obj);
    if (!l) {
      l = {
        summary: {
          obj,
          waiters: new Set(),
          acquired: 0,
          acquiredAfterWait: 0,
          gaveUp: 0,
          neverGot: 0,
        },
        pending: new Map(),
        orphans: [],
        holds: { procs: [], seqs: [], base: 0, trimAt: LOG_TRIM },
        neverReleased: new Map(),
        holding: false,
        holderProc: 0,
        holderSeq: 0,
      };
      this.#locks.set(obj, l);
    }
    return l;
  }

  /**
   * A wait beginning now: the holds open at this moment are its first holders. The hold open now,
   * if any, is the last of the log (only an acquire opens one, and it logs it): the wait reads its
   * holders from there when asked, and so a wait that is never the longest costs no map.
   */
  #begin(l: LockState, proc: number, seq: number, t: number, contended: boolean): Wait {
    const end = l.holds.base + l.holds.procs.length;
    const wait: Wait = {
      proc,
      requestSeq: seq,
      requestT: t,
      contended,
      from: l.holding ? end - 1 : end,
      gathered: false,
      holders: null,
    };
    for (const [p, s] of l.neverReleased) held(wait, p, s);
    if (contended) l.summary.waiters.add(proc);
    return wait;
  }

  request(obj: number, proc: number, seq: number, t: number): void {
    const l = this.#lock(obj);
    const wait = this.#begin(l, proc, seq, t, l.holding);
    const replaced = l.pending.get(proc);
    if (replaced) {
      // It never ends: from now on it takes each hold as it comes, and pins no part of the log.
      gather(l, replaced);
      l.orphans.push(replaced);
    }
    l.pending.set(proc, wait);
  }

  acquire(obj: number, proc: number, seq: number, t: number, waitedUs: number): void {
    const l = this.#lock(obj);
    let wait = l.pending.get(proc);
    // A log cut before the request: the wait is the acquire's own report.
    wait ??= this.#begin(l, proc, seq, Math.max(0, t - waitedUs), waitedUs > 0);
    this.#end(l, wait, t - wait.requestT, seq);
    l.summary.acquired++;
    if (wait.contended) l.summary.acquiredAfterWait++;
    if (l.holding) keepFirst(l.neverReleased, l.holderProc, l.holderSeq);
    l.holding = true;
    l.holderProc = proc;
    l.holderSeq = wait.requestSeq;
    const log = l.holds;
    log.procs.push(proc);
    log.seqs.push(wait.requestSeq);
    for (const w of l.orphans) held(w, proc, wait.requestSeq);
    if (log.procs.length >= log.trimAt) trim(l);
  }

  release(obj: number): void {
    const l = this.#locks.get(obj);
    if (l) l.holding = false;
  }

  timeout(obj: number, proc: number, t: number): void {
    const l = this.#locks.get(obj);
    const wait = l?.pending.get(proc);
    if (!l || !wait) return;
    this.#end(l, wait, t - wait.requestT);
    if (wait.contended) l.summary.gaveUp++;
  }

  /** A process exited: its waits are over. */
  exited(proc: number, t: number): void {
    for (const l of this.#locks.values()) {
      const wait = l.pending.get(proc);
      if (!wait) continue;
      this.#end(l, wait, t - wait.requestT, undefined, true);
      if (wait.contended) l.summary.neverGot++;
    }
  }

  /**
   * A wait ended after `us`; `acquireSeq` when it ended in an acquire (the finding points there),
   * `neverGot` when its process exited first.
   */
  #end(l: LockState, wait: Wait, us: number, acquireSeq?: number, neverGot = false): void {
    if (l.pending.get(wait.proc) === wait) l.pending.delete(wait.proc);
    this.#consider(l, wait, Math.max(0, us), acquireSeq ?? wait.requestSeq, neverGot);
  }

  /** The longest wait so far: the first of the longest in request order. */
  #consider(l: LockState, wait: Wait, waitUs: number, at: number, neverGot: boolean): void {
    if (!wait.contended) return;
    const best = l.longest;
    if (
      !best ||
      waitUs > best.waitUs ||
      (waitUs === best.waitUs && wait.requestSeq < best.wait.requestSeq)
    ) {
      // Its holders as its end saw them (the holds after it are not its).
      if (!wait.gathered) gather(l, wait);
      l.longest = neverGot ? { wait, waitUs, at, neverGot } : { wait, waitUs, at };
    }
  }

  /** Each lock's summary, in the order of its first request, as the log stands at `lastT`. */
  summaries(lastT: number): LockWaitSummary[] {
    return [...this.#locks.values()].map((l) => {
      let longest = l.longest;
      // Waits still going on end with the log; a replaced one stays as it began.
      const open = [
        ...[...l.pending.values()].map((w) => [w, lastT - w.requestT] as const),
        ...l.orphans.map((w) => [w, 0] as const),
      ];
      for (const [w, us] of open) {
        const waitUs = Math.max(0, us);
        if (!w.contended) continue;
        if (
          !longest ||
          waitUs > longest.waitUs ||
          (waitUs === longest.waitUs && w.requestSeq < longest.wait.requestSeq)
        )
          longest = { wait: w, waitUs, at: w.requestSeq, neverGot: true };
      }
      const out: LockWaitSummary = { ...l.summary };
      // Waits still going on, and those replaced by a later request, never got the lock either.
      for (const w of l.pending.values()) if (w.contended) out.neverGot++;
      for (const w of l.orphans) if (w.contended) out.neverGot++;
      if (longest) out.longest = longestOf(longest, holdersOf(l, longest.wait));
      return out;
    });
  }
}

function longestOf(x: Longest, during: Map<number, number> | null): LongestWait {
  const holders = [...(during ?? [])]
    .filter(([p]) => p !== x.wait.proc)
    .sort((a, b) => a[1] - b[1])
    .map(([p]) => p);
  const longest: LongestWait = { proc: x.wait.proc, waitUs: x.waitUs, holders, at: x.at };
  if (x.neverGot) longest.neverGot = true;
  return longest;
}

/** A wait's holders so far, `wait` left as it is (a copy when holds of the log are added). */
function holdersOf(l: LockState, wait: Wait): Map<number, number> | null {
  if (wait.gathered) return wait.holders;
  const copy: Wait = { ...wait, holders: wait.holders && new Map(wait.holders) };
  gather(l, copy);
  return copy.holders;
}

/** Adds the holds of the log from `wait.from` on to its holders; from then on it takes them as they come. */
function gather(l: LockState, wait: Wait): void {
  wait.gathered = true;
  if (!wait.contended) return;
  const { procs, seqs, base } = l.holds;
  for (let i = wait.from - base; i < procs.length; i++) held(wait, procs[i], seqs[i]);
}

/**
 * Drops the holds no wait will read: those before the first that a pending, not yet gathered,
 * contended wait starts from (the last hold stays: a wait that begins now starts there).
 */
function trim(l: LockState): void {
  const log = l.holds;
  let keep = log.base + log.procs.length - 1;
  for (const w of l.pending.values())
    if (w.contended && !w.gathered && w.from < keep) keep = w.from;
  const drop = keep - log.base;
  if (drop > 0) {
    log.procs.splice(0, drop);
    log.seqs.splice(0, drop);
    log.base = keep;
  }
  // A wait that pins the log makes it grow: the next look comes once it has doubled.
  log.trimAt = Math.max(LOG_TRIM, 2 * log.procs.length);
}

/** `proc` held the lock during `wait`, by a hold it asked for at `requestSeq`. */
function held(wait: Wait, proc: number, requestSeq: number): void {
  // An uncontended wait (most of a busy run's) is never told: no map for it, per request.
  if (!wait.contended || proc === wait.proc) return;
  keepFirst((wait.holders ??= new Map()), proc, requestSeq);
}

function keepFirst(m: Map<number, number>, proc: number, seq: number): void {
  const known = m.get(proc);
  if (known === undefined || seq < known) m.set(proc, seq);
}
