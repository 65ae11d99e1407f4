/** The state of every process, lock, queue and file at one instant: what the state panel shows. */
import type { Json } from '../protocol/events';
import { STATE_NAMES, type StateName } from './timelineLanes';
import type { TimelineModel } from './timeline';

export interface ProcState {
  proc: number;
  name: string;
  state: StateName | 'notStarted';
  obj: number;
  holding: number[];
}
export interface LockState {
  obj: number;
  name: string;
  owner: number;
  ownerName: string | null;
  waiters: number[];
  waiterNames: string[];
}
export interface QueueState {
  obj: number;
  name: string;
  maxsize: number;
  joinable: boolean;
  contents: Json[];
  depth: number;
  unfinished: number;
  putters: string[];
  getters: string[];
}
export interface FileState {
  obj: number;
  name: string;
  value: Json;
}
export interface Snapshot {
  t: number;
  procs: ProcState[];
  locks: LockState[];
  queues: QueueState[];
  files: FileState[];
}

export function lockStateAt(m: TimelineModel, obj: number, t: number): LockState | undefined {
  const l = m.locks.get(obj);
  if (!l) return undefined;
  const owner = l.ownerAt(t);
  const waiters = l.waitersAt(t);
  return {
    obj,
    name: l.name,
    owner,
    ownerName: owner >= 0 ? m.procName(owner) : null,
    waiters,
    waiterNames: waiters.map((p) => m.procName(p)),
  };
}

/** `contents` holds the oldest `limit` items (`depth` says how many there are in all). */
export function queueStateAt(
  m: TimelineModel,
  obj: number,
  t: number,
  limit = Infinity,
): QueueState | undefined {
  const q = m.queues.get(obj);
  if (!q) return undefined;
  const names = (idx: number[], w: typeof q.putWaits) =>
    idx.map((i) => m.procName(w.who.values[i]));
  return {
    obj,
    name: q.name,
    maxsize: q.maxsize,
    joinable: q.joinable,
    contents: q.contentsAt(t, limit),
    depth: q.depthAt(t),
    unfinished: q.unfinishedAt(t),
    putters: names(q.putWaits.activeAt(t), q.putWaits),
    getters: names(q.getWaits.activeAt(t), q.getWaits),
  };
}

export function stateAt(m: TimelineModel, t: number): Snapshot {
  const procs: ProcState[] = m.lanes.map((l) => {
    const i = l.spanAt(t);
    return {
      proc: l.info.proc,
      name: l.info.name,
      state: i < 0 ? 'notStarted' : STATE_NAMES[l.state.values[i]],
      obj: i < 0 ? -1 : l.obj.values[i],
      holding: l.holdingAt(t),
    };
  });
  const locks: LockState[] = [],
    queues: QueueState[] = [],
    files: FileState[] = [];
  for (const tr of m.tracks) {
    if (tr.kind === 'lock') locks.push(lockStateAt(m, tr.obj, t)!);
    else if (tr.kind === 'queue') queues.push(queueStateAt(m, tr.obj, t)!);
    else if (tr.kind === 'file') {
      const f = m.files.get(tr.obj)!;
      files.push({ obj: tr.obj, name: f.name, value: f.valueAt(t) });
    }
  }
  return { t, procs, locks, queues, files };
}

/** A snapshot cut for display: at most `limit` of each list, and how many of each were left out. */
export interface BoundedSnapshot extends Snapshot {
  omitted: { procs: number; locks: number; queues: number; files: number };
}

/**
 * What the state panel shows at t, bounded whatever the run's shape: the first `limit` locks,
 * queues and files, the oldest `limit` items of each queue, the first `limit` processes that are
 * waiting or sleeping. Cost: one look per lane and per track, never one per queued item.
 */
export function boundedStateAt(m: TimelineModel, t: number, limit: number): BoundedSnapshot {
  const omitted = { procs: 0, locks: 0, queues: 0, files: 0 };
  const procs: ProcState[] = [];
  for (const l of m.lanes) {
    const i = l.spanAt(t);
    if (i < 0) continue;
    const state = STATE_NAMES[l.state.values[i]];
    if (state === 'running' || state === 'exited') continue;
    if (procs.length >= limit) {
      omitted.procs++;
      continue;
    }
    procs.push({ proc: l.info.proc, name: l.info.name, state, obj: l.obj.values[i], holding: [] });
  }
  const locks: LockState[] = [],
    queues: QueueState[] = [],
    files: FileState[] = [];
  for (const tr of m.tracks) {
    if (tr.kind === 'lock') {
      if (locks.length < limit) locks.push(lockStateAt(m, tr.obj, t)!);
      else omitted.locks++;
    } else if (tr.kind === 'queue') {
      if (queues.length < limit) queues.push(queueStateAt(m, tr.obj, t, limit)!);
      else omitted.queues++;
    } else if (tr.kind !== 'file') {
      continue; // semaphores, events, conditions, barriers: their tracks and tooltips tell them
    } else if (files.length < limit) {
      const f = m.files.get(tr.obj)!;
      files.push({ obj: tr.obj, name: f.name, value: f.valueAt(t) });
    } else omitted.files++;
  }
  return { t, procs, locks, queues, files, omitted };
}
