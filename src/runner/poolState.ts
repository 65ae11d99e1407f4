/** What the runner holds for one Pool: its workers, its task queue and its jobs' results. */
import type { Json } from '../protocol/events';
import type { WireError } from '../protocol/lab';
import type { POOL_JOB_KINDS } from '../protocol/poolOps';
import type { ProcRec } from './procRec';
import type { Waiter } from './waiter';

export type PoolJobKind = (typeof POOL_JOB_KINDS)[number];

/** A task's error; from Python also the exception itself as a value, for the owner to raise. */
export type PoolError = WireError & { value?: Json };

export interface PoolTask {
  readonly job: PoolJob;
  readonly index: number;
  /** One argument list per call of the job's function. */
  readonly calls: Json[][];
  /** The worker running it, while one does. */
  worker: ProcRec | null;
  /** Set once it is done: its results, one per call, or the error it raised. */
  outcome: { ok: true; value: Json[] } | { ok: false; error: PoolError } | null;
  /** Its worker exited while running it: its job will never be complete (as in CPython). */
  lost: boolean;
}

export interface PoolJob {
  readonly id: number;
  readonly call: PoolJobKind;
  readonly fn: string;
  /** Python: the function itself (a Pickle value), handed to the worker with each task. */
  readonly callable: Json | undefined;
  /** The owner has a callback for it: `poolDone` is sent to it when the job is complete. */
  readonly notify: boolean;
  readonly tasks: PoolTask[];
  /** Tasks not done yet. */
  left: number;
  /** The first error a task raised, in the order they finished (CPython keeps the first). */
  firstError: PoolError | null;
  /** imap_unordered: finished tasks in the order they finished, and how many the owner had. */
  readonly finished: PoolTask[];
  handedOut: number;
}

export interface PoolState {
  readonly kind: 'pool';
  readonly obj: number;
  readonly name: string;
  /** The ref its owner and its workers name it by. */
  readonly ref: string;
  readonly owner: ProcRec;
  state: 'run' | 'close' | 'terminate';
  /** Python: the owner starts the workers and adopts them (`pool.create` with `adopt`). */
  readonly adopt: boolean;
  /** With `adopt`: workers that exited and whose replacement the owner was asked to start. */
  readonly replacing: ProcRec[];
  readonly maxtasks: number | undefined;
  readonly initializer: string | undefined;
  readonly initargs: Json[];
  /** Python's `_identity` of the owner, and the number the next worker's identity ends in. */
  readonly identity: number[];
  nextNumber: number;
  /** Live workers, and the tasks each has done. */
  readonly workers: Map<ProcRec, number>;
  /** Tasks submitted and not taken by a worker yet, oldest first. */
  readonly queue: PoolTask[];
  /** Workers waiting in pool.next for a task. */
  readonly idle: Waiter[];
  readonly jobs: Map<number, PoolJob>;
  /** The owner's waits in get()/wait() (`obj` of each is the pool; `index` the job). */
  readonly resultWaits: Waiter[];
  /** The owner's waits in join() or terminate() for every worker to exit. */
  readonly joinWaits: Waiter[];
}

/** Tasks of the pool that a worker runs now. */
export function runningTasks(pool: PoolState): PoolTask[] {
  const out: PoolTask[] = [];
  for (const job of pool.jobs.values())
    for (const t of job.tasks) if (t.worker && !t.outcome && !t.lost) out.push(t);
  return out;
}
