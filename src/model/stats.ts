import type { LabEvent, RunStatus } from '../protocol/events';
import { lockIntervals } from './analysis';
import { collectNames, procLabel, type LogNames } from './logNames';
import { blockSpans } from './procActivity';
import { lockStats, type LockStats } from './lockStats';
import { queueStats, type QueueStats } from './queueStats';
import { syncStats, type SyncStats } from './syncStats';
import { poolStats, type PoolStats } from './poolStats';

export { formatDuration } from './formatDuration';
export { percentile, summarizeDurations, type DurationSummary } from './durationSummary';
export type { LockStats, LockProcStats } from './lockStats';
export type { QueueStats } from './queueStats';
export type { SyncStats, SyncKind } from './syncStats';
export type { PoolStats } from './poolStats';

/** How one process spent its life (all times in µs). */
export interface ProcStats {
  proc: number;
  name: string;
  pid: number;
  parent: number;
  daemon: boolean;
  /** False while the process had not exited when the log ended. */
  exited: boolean;
  exitCode: number | null;
  exitReason?: string;
  signal?: string;
  startT: number;
  /** Exit time, or the end of the log while still running. */
  endT: number;
  lifetimeUs: number;
  sleepingUs: number;
  lockWaitUs: number;
  lockHoldUs: number;
  putBlockedUs: number;
  getBlockedUs: number;
  /** Waiting in join() on a process or on a JoinableQueue. */
  joinWaitUs: number;
  /** Waiting in a Semaphore, Event, Condition or Barrier. */
  syncWaitUs: number;
  itemsPut: number;
  itemsGot: number;
  lockAcquisitions: number;
}

export interface RunStats {
  lab?: string;
  status?: RunStatus;
  startT: number;
  endT: number;
  durationUs: number;
  eventCount: number;
  processes: ProcStats[];
  locks: LockStats[];
  queues: QueueStats[];
  /** Semaphores, Events, Conditions and Barriers. */
  syncs: SyncStats[];
  pools: PoolStats[];
}

/** Statistics of a run, from its log alone. */
export function computeStats(events: readonly LabEvent[]): RunStats {
  const names = collectNames(events);
  let lab: string | undefined;
  let status: RunStatus | undefined;
  let startT: number | undefined;
  let endT = events.length ? events[events.length - 1].t : 0;
  const procs = new Map<number, ProcStats>();
  for (const e of events) {
    if (e.kind === 'run.start') {
      lab = e.lab;
      startT ??= e.t;
    } else if (e.kind === 'run.end') {
      status = e.status;
      endT = e.t;
    }
    if (e.proc < 0) continue;
    let p = procs.get(e.proc);
    if (!p) procs.set(e.proc, (p = newProc(names, e.proc, e.t)));
    if (e.kind === 'queue.put') p.itemsPut++;
    else if (e.kind === 'queue.get') p.itemsGot++;
  }
  const lastT = events.length ? events[events.length - 1].t : 0;
  for (const p of procs.values()) {
    const x = names.procs.get(p.proc)?.exit;
    p.endT = x ? x.t : lastT;
    p.lifetimeUs = Math.max(0, p.endT - p.startT);
  }
  const intervals = lockIntervals(events);
  for (const iv of intervals) {
    const p = procs.get(iv.proc);
    if (!p) continue;
    p.lockWaitUs += iv.waitUs;
    if (iv.holdUs !== undefined) {
      p.lockHoldUs += iv.holdUs;
      p.lockAcquisitions++;
    }
  }
  const spans = blockSpans(events);
  for (const s of spans) {
    const p = procs.get(s.proc);
    if (!p) continue;
    const d = Math.max(0, s.endT - s.startT);
    if (s.kind === 'sleep') p.sleepingUs += d;
    else if (s.kind === 'put-blocked') p.putBlockedUs += d;
    else if (s.kind === 'get-blocked') p.getBlockedUs += d;
    else p.joinWaitUs += d;
  }
  const sync = syncStats(events);
  for (const [proc, us] of sync.waitByProc) {
    const p = procs.get(proc);
    if (p) p.syncWaitUs += us;
  }
  const s0 = startT ?? (events.length ? events[0].t : 0);
  return {
    lab,
    status,
    startT: s0,
    endT,
    durationUs: Math.max(0, endT - s0),
    eventCount: events.length,
    processes: [...procs.values()].sort((a, b) => a.proc - b.proc),
    locks: lockStats(intervals, names),
    queues: queueStats(events, spans, names),
    syncs: sync.syncs,
    pools: poolStats(events),
  };
}

function newProc(names: LogNames, proc: number, firstT: number): ProcStats {
  const info = names.procs.get(proc);
  return {
    proc,
    name: info?.name ?? procLabel(names, proc).en,
    pid: info?.pid ?? 0,
    parent: info?.parent ?? -1,
    daemon: info?.daemon ?? false,
    exited: info?.exit !== undefined,
    exitCode: info?.exit?.code ?? null,
    exitReason: info?.exit?.reason,
    signal: info?.exit?.signal,
    startT: info?.spawnT ?? firstT,
    endT: firstT,
    lifetimeUs: 0,
    sleepingUs: 0,
    lockWaitUs: 0,
    lockHoldUs: 0,
    putBlockedUs: 0,
    getBlockedUs: 0,
    joinWaitUs: 0,
    syncWaitUs: 0,
    itemsPut: 0,
    itemsGot: 0,
    lockAcquisitions: 0,
  };
}
