/** A Lock brokered by the runner: it truly excludes across processes (Python's multiprocessing.Lock). */
import { ctx, newRef, notify, request } from './context';
import { registerShareable, type Shareable } from './encode';
import { timeoutArg } from './timeouts';

export interface LockOptions {
  /** A name for the timeline (default "Lock 1", "Lock 2", … in creation order). */
  name?: string;
}

export class Lock implements Shareable {
  readonly #ref: string;

  constructor(options: LockOptions = {}, ref?: string) {
    if (ref !== undefined) {
      this.#ref = ref;
      return;
    }
    this.#ref = newRef();
    notify({ id: 0, op: 'lock.create', ref: this.#ref, name: options.name });
  }

  /** The ref the runner knows this lock by (a Condition over it names it). */
  get ref(): string {
    return this.#ref;
  }

  /**
   * Resolves true once this process holds the lock; false when `block` is false and the lock is
   * held, or when `timeoutSec` passes first. As in CPython's `multiprocessing.Lock`: `null` (the
   * default, Python's `None`) waits without limit, a negative timeout counts as zero, and the
   * timeout is ignored when `block` is false.
   */
  async acquire(block = true, timeoutSec: number | null = null): Promise<boolean> {
    const blocking = Boolean(block);
    const got = await request({
      id: 0,
      op: 'lock.acquire',
      ref: this.#ref,
      block: blocking,
      timeoutSec: blocking ? timeoutArg(timeoutSec, 'Lock.acquire()') : undefined,
    });
    if (got === true) ctx().held.add(this.#ref);
    return got === true;
  }

  /**
   * Releases the lock, whichever process acquired it (as `multiprocessing.Lock` allows). Rejects
   * with ValueError when it is not held (as Python raises).
   */
  release(): Promise<void> {
    const c = ctx();
    if (c.held.delete(this.#ref) && !c.init.controlled) {
      // We hold it, so the release cannot fail: send it without waiting for a round trip.
      notify({ id: 0, op: 'lock.release', ref: this.#ref });
      return Promise.resolve();
    }
    return request({ id: 0, op: 'lock.release', ref: this.#ref }).then(() => undefined);
  }

  /** Runs `fn` holding the lock, releasing it however `fn` ends (Python's `with lock:`). */
  async withLock<T>(fn: () => T | Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      await this.release();
    }
  }

  toWire() {
    return { $cl: 'Lock', ref: this.#ref };
  }
}

registerShareable('Lock', (w) => new Lock({}, w.ref as string));
