/**
 * AsyncResult (Python's multiprocessing.pool.AsyncResult): the result of a Pool job, which the
 * runner keeps until get() takes it. get() raises the error a task raised, or TimeoutError.
 * A job's `callback` (or `errorCallback`) runs in this process when the runner pushes its
 * result, before any get() of it returns, as CPython's result handler calls them.
 */
import type { Json } from '../protocol/events';
import type { WireError } from '../protocol/lab';
import { ctx, request, siteOfCall, type PoolDone } from './context';
import { decodeValue } from './encode';
import { errorFromWire, TimeoutError, ValueError } from './errors';
import { timeoutArg } from './timeouts';

const NO_ERROR: WireError = { name: 'Error', message: 'the job failed' };

/** The runner's answer to `pool.result`. */
export type PoolReply =
  | { done: false }
  | { done: true; ok: true; value: Json[] }
  | { done: true; ok: false; error: WireError };

/** Where a job's result is: its pool's ref, its number, and the submit that must go out first. */
export interface JobHandle {
  ref: string;
  job: number;
  submitted: Promise<unknown>;
}

/** Asks the runner for (part of) a job's result: `mode` get, wait or peek. */
export async function askResult(
  handle: JobHandle,
  mode: 'get' | 'wait' | 'peek',
  timeoutSec?: number,
  part: { task?: number; unordered?: boolean } = {},
): Promise<PoolReply> {
  // The caller's line is on the stack only until the first await.
  const site = siteOfCall(askResult);
  await handle.submitted;
  const { ref, job } = handle;
  return (await request({
    id: 0,
    op: 'pool.result',
    ref,
    job,
    mode,
    timeoutSec,
    ...part,
    ...(site === undefined ? {} : { site }),
  })) as PoolReply;
}

/** The values of a result, or the task's error raised here. */
export function resultValues(reply: PoolReply): unknown[] {
  if (!reply.done) throw new TimeoutError();
  if (!reply.ok) throw errorFromWire(reply.error);
  return decodeValue(reply.value) as unknown[];
}

/** CPython's `callback` and `error_callback` of apply_async, map_async and starmap_async. */
export interface ResultCallbacks<T> {
  /** Called with the result when the job is done without an error (map: the list of results). */
  callback?: ((value: T) => unknown) | null;
  /** Called with the first error a task raised, once every task of the job is done. */
  errorCallback?: ((error: Error) => unknown) | null;
}

/** Whether the job needs its result pushed; a TypeError for a callback that is not a function. */
export function wantsPush<T>(callbacks: ResultCallbacks<T>): boolean {
  for (const name of ['callback', 'errorCallback'] as const) {
    const f = callbacks[name];
    if (f != null && typeof f !== 'function')
      throw new TypeError(`${name} must be a function or null, not ${typeof f}`);
  }
  return callbacks.callback != null || callbacks.errorCallback != null;
}

export class AsyncResult<T = unknown> {
  readonly #handle: JobHandle;
  readonly #unwrap: (values: unknown[]) => T;
  /** Settles once the job's callback has run (at once when it has none). */
  #callbackRan: Promise<void> = Promise.resolve();

  /** Made by Pool.applyAsync / mapAsync / starmapAsync (`callbacks` checked by wantsPush). */
  constructor(
    handle: JobHandle,
    unwrap: (values: unknown[]) => T,
    callbacks: ResultCallbacks<T> = {},
  ) {
    this.#handle = handle;
    this.#unwrap = unwrap;
    if (callbacks.callback != null || callbacks.errorCallback != null)
      ctx().onPoolDone.set(`${handle.ref}:${handle.job}`, (done) =>
        this.#runCallback(done, callbacks),
      );
  }

  /**
   * A synchronous callback runs now, before the answer that follows the push resolves anything.
   * An error it throws is uncaught in this process, as it is in CPython's result-handler thread.
   */
  #runCallback(done: PoolDone, callbacks: ResultCallbacks<T>): void {
    const { callback, errorCallback } = callbacks;
    const call = done.ok
      ? callback && (() => callback(this.#unwrap(decodeValue(done.value ?? []) as unknown[])))
      : errorCallback && (() => errorCallback(errorFromWire(done.error ?? NO_ERROR)));
    if (!call) return;
    this.#callbackRan = (async () => {
      await call();
    })().catch((err: unknown) =>
      process.nextTick(() => {
        throw err;
      }),
    );
  }

  /** The runner's answer, once the job's callback has run if the answer says it is done. */
  async #ask(mode: 'get' | 'wait' | 'peek', timeoutSec?: number): Promise<PoolReply> {
    const reply = await askResult(this.#handle, mode, timeoutSec);
    if (reply.done) await this.#callbackRan;
    return reply;
  }

  /**
   * The result, once it is there: rejects with the error a task raised, or with TimeoutError
   * when `timeoutSec` passes first (null, the default, is Python's None: no limit).
   */
  async get(timeoutSec: number | null = null): Promise<T> {
    const timeout = timeoutArg(timeoutSec, 'AsyncResult.get()');
    return this.#unwrap(resultValues(await this.#ask('get', timeout)));
  }

  /** Waits until the result is there, or until `timeoutSec` passes. */
  async wait(timeoutSec: number | null = null): Promise<void> {
    await this.#ask('wait', timeoutArg(timeoutSec, 'AsyncResult.wait()'));
  }

  /** Whether the job has finished (the runner is asked, so this is a promise). */
  async ready(): Promise<boolean> {
    return (await this.#ask('peek')).done;
  }

  /** Whether the job finished without an error; a ValueError while it is not ready (as CPython). */
  async successful(): Promise<boolean> {
    const reply = await this.#ask('peek');
    if (!reply.done) throw new ValueError(`AsyncResult of job ${this.#handle.job} not ready`);
    return reply.ok;
  }
}
