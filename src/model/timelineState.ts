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

export function queueStateAt(m: TimelineModel, obj: number, t: number): QueueState | undefined {
  const q = m.queues.get(obj);
  if (!q) return undefined;
  const names = (idx: number[], w: typeof q.putWaits) => idx.map((i) => m.procName(w.who.a[i]));
  return {
    obj,
    name: q.name,
    maxsize: q.maxsize,
    joinable: q.joinable,
    contents: q.contentsAt(t),
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
      state: i < 0 ? 'notStarted' : STATE_NAMES[l.state.a[i]],
      obj: i < 0 ? -1 : l.obj.a[i],
      holding: l.holdingAt(t),
    };
  });
  const locks: LockState[] = [],
    queues: QueueState[] = [],
    files: FileState[] = [];
  for (const tr of m.tracks) {
    if (tr.kind === 'lock') locks.push(lockStateAt(m, tr.obj, t)!);
    else if (tr.kind === 'queue') queues.push(queueStateAt(m, tr.obj, t)!);
    else {
      const f = m.files.get(tr.obj)!;
      files.push({ obj: tr.obj, name: f.name, value: f.valueAt(t) });
    }
  }
  return { t, procs, locks, queues, files };
}
