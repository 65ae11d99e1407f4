/**
 * Pool, modelled on Python's multiprocessing.Pool: worker processes (children of this one, which
 * the runner starts and replaces) run a lab module's exported function over arguments, in tasks.
 * The runner holds the task queue and the results, so every submit, hand-out and result is an
 * event on the timeline and a scheduling point under a controlled schedule.
 */
import { ctx, newRef, request } from './context';
import { AsyncResult, wantsPush, type JobHandle, type ResultCallbacks } from './asyncResult';
import { cpuCount } from './cpuCount';
import { encodeValue } from './encode';
import { ValueError } from './errors';
import { IMapIterator } from './imapIterator';
import { exportName, poolWorkersGone, poolWorkersStarting, poolWorkerStarted } from './process';
import { nameArg } from './syncArgs';

type PoolFunction = ((...args: never[]) => unknown) | string;
type JobKind = 'apply' | 'map' | 'starmap' | 'imap' | 'imapUnordered';

export interface PoolOptions {
  /** An exported function each worker runs once, with `initargs`, before its first task. */
  initializer?: PoolFunction | null;
  initargs?: unknown[];
  /** After this many tasks a worker exits and a new one takes its place (null: never). */
  maxtasksperchild?: number | null;
  /** A name for the timeline (default "Pool 1", …). */
  name?: string;
}

export class Pool {
  readonly #ref: string;
  readonly #processes: number;
  readonly #created: Promise<unknown>;
  #state: 'run' | 'close' | 'terminate' = 'run';
  #jobs = 0;

  /** Starts `processes` workers (default: cpuCount()), as CPython's Pool() does. */
  constructor(processes: number | null = null, options: PoolOptions = {}) {
    const c = ctx();
    const n = processes ?? cpuCount();
    if (typeof n !== 'number' || !Number.isInteger(n))
      throw new TypeError(
        `Pool(): processes must be an integer, not ${typeof n === 'number' ? n : typeof n}`,
      );
    if (n < 1) throw new ValueError('Number of processes must be at least 1');
    const maxtasks = options.maxtasksperchild ?? undefined;
    if (maxtasks !== undefined && (!Number.isInteger(maxtasks) || maxtasks <= 0))
      throw new ValueError('maxtasksperchild must be a positive int or None');
    const initializer =
      options.initializer == null
        ? undefined
        : poolFunction(c.module, options.initializer, 'initializer');
    this.#processes = n;
    this.#ref = newRef();
    // CPython numbers the workers as the owner's children (SpawnPoolWorker-1 in main, …).
    const identity = [...c.init.identity, c.childCounter + 1];
    const workers = Array.from(
      { length: n },
      (_, i) => `SpawnPoolWorker-${[...c.init.identity, c.childCounter + 1 + i].join(':')}`,
    );
    c.childCounter += n;
    c.onPoolWorker = (w) => poolWorkerStarted(w.name, w.proc, w.pid);
    poolWorkersStarting(workers);
    this.#created = request({
      id: 0,
      op: 'pool.create',
      ref: this.#ref,
      processes: n,
      identity,
      maxtasks,
      initializer,
      initargs: initializer === undefined ? undefined : (encodeValue(options.initargs ?? []) as []),
      name: nameArg(options.name),
    });
    // A pool that could not start says so at its first use (get(), join()).
    this.#created.catch(() => poolWorkersGone(workers));
  }

  /** `fn(item)` for every item, in order (Python's map); waits for all of them. */
  map<T>(
    fn: PoolFunction,
    iterable: Iterable<unknown>,
    chunksize: number | null = null,
  ): Promise<T[]> {
    return this.mapAsync<T>(fn, iterable, chunksize).get();
  }

  /** `fn(...args)` for every argument list, in order (Python's starmap). */
  starmap<T>(
    fn: PoolFunction,
    iterable: Iterable<unknown[]>,
    chunksize: number | null = null,
  ): Promise<T[]> {
    return this.starmapAsync<T>(fn, iterable, chunksize).get();
  }

  /** `fn(...args)` in one worker; waits for the result (Python's apply). */
  apply<T>(fn: PoolFunction, args: unknown[] = []): Promise<T> {
    return this.applyAsync<T>(fn, args).get();
  }

  /**
   * `fn(...args)` in one worker, without waiting (Python's apply_async): `callbacks.callback`
   * runs here with the result, or `errorCallback` with the error, before get() returns.
   */
  applyAsync<T>(
    fn: PoolFunction,
    args: unknown[] = [],
    callbacks: ResultCallbacks<T> = {},
  ): AsyncResult<T> {
    const push = wantsPush(callbacks);
    const handle = this.#submit(fn, 'apply', [[Array.isArray(args) ? args : [args]]], push);
    return new AsyncResult<T>(handle, (values) => values[0] as T, callbacks);
  }

  /** map without waiting (Python's map_async); the callback gets the whole list of results. */
  mapAsync<T>(
    fn: PoolFunction,
    iterable: Iterable<unknown>,
    chunksize: number | null = null,
    callbacks: ResultCallbacks<T[]> = {},
  ): AsyncResult<T[]> {
    const push = wantsPush(callbacks);
    const items = [...iterable].map((x) => [x]);
    const handle = this.#submit(fn, 'map', this.#chunks(items, chunksize), push);
    return new AsyncResult<T[]>(handle, (v) => v as T[], callbacks);
  }

  /** starmap without waiting (Python's starmap_async), with the same callbacks as mapAsync. */
  starmapAsync<T>(
    fn: PoolFunction,
    iterable: Iterable<unknown[]>,
    chunksize: number | null = null,
    callbacks: ResultCallbacks<T[]> = {},
  ): AsyncResult<T[]> {
    const push = wantsPush(callbacks);
    const items = [...iterable].map((args) => [...args]);
    const handle = this.#submit(fn, 'starmap', this.#chunks(items, chunksize), push);
    return new AsyncResult<T[]>(handle, (v) => v as T[], callbacks);
  }

  /** The results one by one, in order, as they come (Python's imap; `for await` over it). */
  imap<T>(fn: PoolFunction, iterable: Iterable<unknown>, chunksize = 1): IMapIterator<T> {
    return this.#imap<T>(fn, iterable, chunksize, false);
  }

  /** The results one by one, in the order the tasks finish (Python's imap_unordered). */
  imapUnordered<T>(fn: PoolFunction, iterable: Iterable<unknown>, chunksize = 1): IMapIterator<T> {
    return this.#imap<T>(fn, iterable, chunksize, true);
  }

  #imap<T>(fn: PoolFunction, iterable: Iterable<unknown>, chunksize: number, unordered: boolean) {
    this.#checkRunning();
    if (!Number.isInteger(chunksize) || chunksize < 1)
      throw new ValueError(`Chunksize must be 1+, not ${chunksize}`);
    const tasks = this.#chunks(
      [...iterable].map((x) => [x]),
      chunksize,
    );
    const handle = this.#submit(fn, unordered ? 'imapUnordered' : 'imap', tasks);
    return new IMapIterator<T>(handle, tasks.length, unordered);
  }

  /** No more jobs: each worker exits once the tasks left are done. */
  async close(): Promise<void> {
    if (this.#state !== 'run') return;
    this.#state = 'close';
    await request({ id: 0, op: 'pool.close', ref: this.#ref });
  }

  /** Stops every worker at once, whatever it is doing; resolves once they have exited. */
  async terminate(): Promise<void> {
    this.#state = 'terminate';
    await this.#created.catch(() => null);
    await request({ id: 0, op: 'pool.terminate', ref: this.#ref });
  }

  /** Waits for every worker to exit: a ValueError before close() or terminate(), as CPython. */
  async join(): Promise<void> {
    if (this.#state === 'run') throw new ValueError('Pool is still running');
    await this.#created;
    await request({ id: 0, op: 'pool.join', ref: this.#ref });
  }

  #checkRunning(): void {
    if (this.#state !== 'run') throw new ValueError('Pool not running');
  }

  /** CPython's default chunksize: the items over four times the workers, rounded up. */
  #chunks(items: unknown[][], chunksize: number | null): unknown[][][] {
    let size = chunksize ?? Math.ceil(items.length / (this.#processes * 4));
    if (!Number.isInteger(size)) throw new TypeError(`chunksize must be an integer, not ${size}`);
    size = Math.max(1, size);
    const tasks: unknown[][][] = [];
    for (let i = 0; i < items.length; i += size) tasks.push(items.slice(i, i + size));
    return tasks;
  }

  /** Sends job `call`; `notify`: the runner pushes its result when done (its callbacks). */
  #submit(fn: PoolFunction, call: JobKind, tasks: unknown[][][], notify = false): JobHandle {
    this.#checkRunning();
    const name = poolFunction(ctx().module, fn, 'a Pool function');
    const job = ++this.#jobs;
    const encoded = encodeValue(tasks);
    const sent = request({
      id: 0,
      op: 'pool.submit',
      ref: this.#ref,
      job,
      fn: name,
      call,
      tasks: encoded,
      ...(notify ? { notify: true as const } : {}),
    });
    // The create's error, if it failed, says more than the submit's.
    const submitted = Promise.all([this.#created, sent]);
    submitted.catch(() => null);
    return { ref: this.#ref, job, submitted };
  }
}

/** The export name of a function a pool runs; a TypeError when it is not an exported function. */
function poolFunction(module: Record<string, unknown>, fn: PoolFunction, what: string): string {
  const name = exportName(module, fn, what);
  if (typeof module[name] !== 'function')
    throw new TypeError(`${what}: the lab module has no exported function "${name}"`);
  return name;
}
