/**
 * Pools on the timeline: each task as a span on the lane of the worker that ran it (from its
 * start to its result), each job from its submit to the owner's get(), and the lanes' waits (an
 * idle worker waits for a task; the owner waits in get() or join()).
 */
import type { Json, LabEvent } from '../protocol/events';
import { Float64Column, Int32Column, countLE } from './timelineColumns';
import { LaneState, type Lane } from './timelineLanes';

export interface PoolJobInfo {
  job: number;
  fn: string;
  call: string;
  tasks: number;
  items: number;
  owner: number;
  submitT: number;
  /** When get() took the result (NaN until then). */
  resultT: number;
  ok: boolean;
}

export class PoolTrack {
  /** Worker process ids, in the order they joined the pool. */
  readonly workers: number[] = [];
  readonly jobs = new Map<number, PoolJobInfo>();
  /** Task spans, in start order: end is Infinity while the task runs. */
  readonly taskStart = new Float64Column();
  readonly taskEnd = new Float64Column();
  readonly taskWorker = new Int32Column();
  readonly taskJob = new Int32Column();
  readonly taskIndex = new Int32Column();
  /** How many calls (items of a map) each task made. */
  readonly taskItems = new Int32Column();
  /** 1: done, 0: raised, -1: still running (or lost with its worker). */
  readonly taskOk = new Int32Column();
  readonly taskValue: Json[] = [];
  closedT = NaN;
  terminatedT = NaN;

  constructor(
    readonly obj: number,
    readonly name: string,
    readonly processes: number,
    readonly owner: number,
  ) {}

  /** Span indices of the tasks running at t. */
  runningAt(t: number): number[] {
    const out: number[] = [];
    const n = countLE(this.taskStart.values, this.taskStart.count, t);
    for (let i = 0; i < n; i++) if (this.taskEnd.values[i] > t) out.push(i);
    return out;
  }

  /** Tasks submitted by t and not started by then, and tasks done by t. */
  countsAt(t: number): { queued: number; done: number; failed: number } {
    let submitted = 0;
    for (const j of this.jobs.values()) if (j.submitT <= t) submitted += j.tasks;
    const started = countLE(this.taskStart.values, this.taskStart.count, t);
    let done = 0;
    let failed = 0;
    for (let i = 0; i < started; i++) {
      if (this.taskEnd.values[i] > t) continue;
      done++;
      if (this.taskOk.values[i] === 0) failed++;
    }
    return { queued: Math.max(0, submitted - started), done, failed };
  }

  /** The span of the task worker `proc` runs at t, or -1. */
  taskOf(proc: number, t: number): number {
    const n = countLE(this.taskStart.values, this.taskStart.count, t);
    for (let i = n - 1; i >= 0; i--)
      if (this.taskWorker.values[i] === proc) return this.taskEnd.values[i] >= t ? i : -1;
    return -1;
  }

  start(t: number, worker: number, job: number, task: number, items: number): void {
    this.taskItems.push(items);
    this.taskStart.push(t);
    this.taskEnd.push(Infinity);
    this.taskWorker.push(worker);
    this.taskJob.push(job);
    this.taskIndex.push(task);
    this.taskOk.push(-1);
    this.taskValue.push(null);
  }

  done(t: number, worker: number, ok: boolean, value: Json | undefined): void {
    for (let i = this.taskStart.count - 1; i >= 0; i--) {
      if (this.taskWorker.values[i] !== worker || this.taskEnd.values[i] !== Infinity) continue;
      this.taskEnd.set(i, t);
      this.taskOk.set(i, ok ? 1 : 0);
      this.taskValue[i] = value ?? null;
      return;
    }
  }
}

/** What applying a pool event needs from the model. */
export interface PoolTarget {
  pools: Map<number, PoolTrack>;
  addPoolTrack(track: PoolTrack): void;
  laneFor(proc: number, t: number): Lane;
}

/** Applies one event of a Pool; false when `e` is not one. */
export function applyPoolEvent(m: PoolTarget, e: LabEvent, t: number): boolean {
  if (!e.kind.startsWith('pool.')) return false;
  if (e.kind === 'pool.create') {
    m.addPoolTrack(new PoolTrack(e.obj, e.name, e.processes, e.proc));
    return true;
  }
  const p = m.pools.get((e as { obj: number }).obj);
  if (!p) return true;
  const lane = () => m.laneFor(e.proc, t);
  const site = 'site' in e && e.site !== undefined ? e.site : -1;
  switch (e.kind) {
    case 'pool.worker':
      p.workers.push(e.proc);
      // A new worker waits for its first task as it waits between tasks: it is not running.
      lane().enter(t, LaneState.SyncWait, p.obj);
      break;
    case 'pool.submit':
      p.jobs.set(e.job, { ...e, owner: e.proc, submitT: t, resultT: NaN, ok: true });
      break;
    case 'pool.start':
      p.start(t, e.proc, e.job, e.task, e.items);
      lane().enter(t, LaneState.Running, p.obj);
      break;
    case 'pool.done':
      p.done(t, e.proc, e.ok, e.value);
      // Until its next task, the worker waits for one.
      lane().enter(t, LaneState.SyncWait, p.obj);
      break;
    case 'pool.wait':
    case 'pool.join.wait':
      lane().enter(t, LaneState.SyncWait, p.obj, site);
      break;
    case 'pool.result': {
      const job = p.jobs.get(e.job);
      if (job && e.delivered && e.task === undefined) Object.assign(job, { resultT: t, ok: e.ok });
      lane().enter(t, LaneState.Running);
      break;
    }
    case 'pool.join.done':
      lane().enter(t, LaneState.Running);
      break;
    case 'pool.close':
      p.closedT = t;
      break;
    case 'pool.terminate':
      p.terminatedT = t;
      break;
  }
  return true;
}
