/**
 * An RLock brokered by the runner (Python's multiprocessing.RLock): the process that holds it may
 * acquire it again, and must release it as many times; no other process may release it.
 */
import { newRef, notify, request } from './context';
import { registerShareable, type Shareable } from './encode';
import { nameArg } from './syncArgs';
import { timeoutArg } from './timeouts';

export interface RLockOptions {
  /** A name for the timeline (default "RLock 1", "RLock 2", …). */
  name?: string;
}

export class RLock implements Shareable {
  readonly #ref: string;

  constructor(options: RLockOptions = {}, ref?: string) {
    if (ref !== undefined) {
      this.#ref = ref;
      return;
    }
    this.#ref = newRef();
    notify({
      id: 0,
      op: 'lock.create',
      ref: this.#ref,
      name: nameArg(options.name),
      recursive: true,
    });
  }

  /** The ref the runner knows this lock by (a Condition over it names it). */
  get ref(): string {
    return this.#ref;
  }

  /**
   * Resolves true once this process holds the lock (at once when it already does: one level
   * more); false when `block` is false or `timeoutSec` passes first. Timeouts as `Lock.acquire`.
   */
  async acquire(block = true, timeoutSec: number | null = null): Promise<boolean> {
    const blocking = Boolean(block);
    const got = await request({
      id: 0,
      op: 'lock.acquire',
      ref: this.#ref,
      block: blocking,
      timeoutSec: blocking ? timeoutArg(timeoutSec, 'RLock.acquire()') : undefined,
    });
    return got === true;
  }

  /** Releases one level. Rejects with AssertionError when this process does not hold it (as CPython). */
  async release(): Promise<void> {
    await request({ id: 0, op: 'lock.release', ref: this.#ref });
  }

  /** Runs `fn` holding the lock, releasing it however `fn` ends (Python's `with rlock:`). */
  async withLock<T>(fn: () => T | Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      await this.release();
    }
  }

  toWire() {
    return { $cl: 'RLock', ref: this.#ref };
  }
}

registerShareable('RLock', (w) => new RLock({}, w.ref as string));
