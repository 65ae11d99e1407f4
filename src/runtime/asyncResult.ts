/**
 * AsyncResult (Python's multiprocessing.pool.AsyncResult): the result of a Pool job, which the
 * runner keeps until get() takes it. get() raises the error a task raised, or TimeoutError.
 */
import type { Json } from '../protocol/events';
import type { WireError } from '../protocol/lab';
import { request } from './context';
import { decodeValue } from './encode';
import { errorFromWire, TimeoutError, ValueError } from './errors';
import { timeoutArg } from './timeouts';

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
  })) as PoolReply;
}

/** The values of a result, or the task's error raised here. */
export function resultValues(reply: PoolReply): unknown[] {
  if (!reply.done) throw new TimeoutError();
  if (!reply.ok) throw errorFromWire(reply.error);
  return decodeValue(reply.value) as unknown[];
}

export class AsyncResult<T = unknown> {
  readonly #handle: JobHandle;
  readonly #unwrap: (values: unknown[]) => T;

  /** Made by Pool.applyAsync / mapAsync / starmapAsync. */
  constructor(handle: JobHandle, unwrap: (values: unknown[]) => T) {
    this.#handle = handle;
    this.#unwrap = unwrap;
  }

  /**
   * The result, once it is there: rejects with the error a task raised, or with TimeoutError
   * when `timeoutSec` passes first (null, the default, is Python's None: no limit).
   */
  async get(timeoutSec: number | null = null): Promise<T> {
    const timeout = timeoutArg(timeoutSec, 'AsyncResult.get()');
    return this.#unwrap(resultValues(await askResult(this.#handle, 'get', timeout)));
  }

  /** Waits until the result is there, or until `timeoutSec` passes. */
  async wait(timeoutSec: number | null = null): Promise<void> {
    await askResult(this.#handle, 'wait', timeoutArg(timeoutSec, 'AsyncResult.wait()'));
  }

  /** Whether the job has finished (the runner is asked, so this is a promise). */
  async ready(): Promise<boolean> {
    return (await askResult(this.#handle, 'peek')).done;
  }

  /** Whether the job finished without an error; a ValueError while it is not ready (as CPython). */
  async successful(): Promise<boolean> {
    const reply = await askResult(this.#handle, 'peek');
    if (!reply.done) throw new ValueError(`AsyncResult of job ${this.#handle.job} not ready`);
    return reply.ok;
  }
}
