import type { LockInterval } from './analysis';
import { summarizeDurations, type DurationSummary } from './durationSummary';
import { objLabel, procLabel, type LogNames } from './logNames';

/** One process's use of one lock. */
export interface LockProcStats {
  proc: number;
  name: string;
  requests: number;
  acquisitions: number;
  /** Requests made while another process held the lock. */
  contended: number;
  timeouts: number;
  /** Over every request: how long until it got (or gave up on) the lock. */
  wait: DurationSummary;
  /** Over every acquisition: how long it was held. */
  hold: DurationSummary;
}

/** One lock, over all processes, with the per-process breakdown. */
export interface LockStats extends Omit<LockProcStats, 'proc'> {
  obj: number;
  perProc: LockProcStats[];
}

interface Acc {
  requests: number;
  acquisitions: number;
  contended: number;
  timeouts: number;
  waits: number[];
  holds: number[];
}

function add(a: Acc, iv: LockInterval): void {
  a.requests++;
  if (iv.contended) a.contended++;
  if (iv.waitEnd === 'timeout') a.timeouts++;
  a.waits.push(iv.waitUs);
  if (iv.holdUs !== undefined) {
    a.acquisitions++;
    a.holds.push(iv.holdUs);
  }
}

const newAcc = (): Acc => ({
  requests: 0,
  acquisitions: 0,
  contended: 0,
  timeouts: 0,
  waits: [],
  holds: [],
});

function finish(a: Acc) {
  return {
    requests: a.requests,
    acquisitions: a.acquisitions,
    contended: a.contended,
    timeouts: a.timeouts,
    wait: summarizeDurations(a.waits),
    hold: summarizeDurations(a.holds),
  };
}

/** Per lock (in order of first use) and per process on it (by proc id). */
export function lockStats(intervals: readonly LockInterval[], names: LogNames): LockStats[] {
  const locks = new Map<number, { all: Acc; per: Map<number, Acc> }>();
  for (const obj of names.objKinds.keys())
    if (names.objKinds.get(obj) === 'lock') locks.set(obj, { all: newAcc(), per: new Map() });
  for (const iv of intervals) {
    let l = locks.get(iv.obj);
    if (!l) locks.set(iv.obj, (l = { all: newAcc(), per: new Map() }));
    let p = l.per.get(iv.proc);
    if (!p) l.per.set(iv.proc, (p = newAcc()));
    add(l.all, iv);
    add(p, iv);
  }
  return [...locks].map(([obj, l]) => ({
    obj,
    name: objLabel(names, obj),
    ...finish(l.all),
    perProc: [...l.per]
      .sort((a, b) => a[0] - b[0])
      .map(([proc, a]) => ({ proc, name: procLabel(names, proc).en, ...finish(a) })),
  }));
}
