/**
 * Semaphore and BoundedSemaphore brokered by the runner (Python's multiprocessing ones): a counter
 * that acquire() takes one from, waiting at 0, and release() gives one back, from any process.
 */
import { newRef, notify, request } from './context';
import { registerShareable, type Shareable } from './encode';
import { counterArg, nameArg } from './syncArgs';
import { timeoutArg } from './timeouts';

export interface SemaphoreOptions {
  /** A name for the timeline (default "Semaphore 1", …). */
  name?: string;
}

export class Semaphore implements Shareable {
  readonly #ref: string;

  constructor(value = 1, options: SemaphoreOptions = {}, ref?: string) {
    if (ref !== undefined) {
      this.#ref = ref;
      return;
    }
    const bounded = this instanceof BoundedSemaphore;
    const start = counterArg(value, bounded ? 'BoundedSemaphore()' : 'Semaphore()');
    this.#ref = newRef();
    notify({
      id: 0,
      op: 'sem.create',
      ref: this.#ref,
      value: start,
      bounded,
      name: nameArg(options.name),
    });
  }

  /**
   * Resolves true once a unit is taken; false when `block` is false and the counter is 0, or
   * when `timeoutSec` passes first. Timeouts as `Lock.acquire` (null: no limit; negative: zero).
   */
  async acquire(block = true, timeoutSec: number | null = null): Promise<boolean> {
    const blocking = Boolean(block);
    const call = `${this.constructor.name}.acquire()`;
    const got = await request({
      id: 0,
      op: 'sem.acquire',
      ref: this.#ref,
      block: blocking,
      timeoutSec: blocking ? timeoutArg(timeoutSec, call) : undefined,
    });
    return got === true;
  }

  /** Gives a unit back (any process may). A BoundedSemaphore rejects with ValueError past its initial value. */
  async release(): Promise<void> {
    await request({ id: 0, op: 'sem.release', ref: this.#ref });
  }

  /** The counter now (Python's `get_value()`). */
  async getValue(): Promise<number> {
    return (await request({ id: 0, op: 'sem.value', ref: this.#ref })) as number;
  }

  /** Runs `fn` holding a unit, giving it back however `fn` ends (Python's `with sem:`). */
  async withLock<T>(fn: () => T | Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      await this.release();
    }
  }

  toWire() {
    return {
      $cl: this instanceof BoundedSemaphore ? 'BoundedSemaphore' : 'Semaphore',
      ref: this.#ref,
    };
  }
}

/** A Semaphore that may not be released past its initial value (ValueError, as CPython raises). */
export class BoundedSemaphore extends Semaphore {}

registerShareable('Semaphore', (w) => new Semaphore(0, {}, w.ref as string));
registerShareable('BoundedSemaphore', (w) => new BoundedSemaphore(0, {}, w.ref as string));
