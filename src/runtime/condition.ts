/**
 * A Condition brokered by the runner (Python's multiprocessing.Condition): a Lock or RLock (an
 * RLock when none is given) and a list of processes waiting to be notified. wait() releases the
 * lock, waits, and takes the lock back before it returns.
 */
import { ctx, newRef, notify, request } from './context';
import { decodeValue, registerShareable, type Shareable } from './encode';
import type { Json } from '../protocol/events';
import { Lock } from './lock';
import { RLock } from './rlock';
import { l } from './currentProcess';
import { nameArg } from './syncArgs';
import { timeoutArg } from './timeouts';

export interface ConditionOptions {
  /** A name for the timeline (default "Condition 1", …). */
  name?: string;
}

export class Condition implements Shareable {
  readonly #ref: string;
  readonly #lock: Lock | RLock;

  constructor(lock: Lock | RLock | null = null, options: ConditionOptions = {}, ref?: string) {
    if (lock !== null && !(lock instanceof Lock) && !(lock instanceof RLock))
      throw new TypeError('Condition(lock): lock must be a Lock or an RLock');
    // Its own lock is named after it in the run's language, as a Value's is.
    const name = options.name;
    this.#lock =
      lock ??
      new RLock({
        name:
          name && ref === undefined
            ? l({ en: `${name} (lock)`, 'zh-CN': `${name}（锁）` })
            : undefined,
      });
    if (ref !== undefined) {
      this.#ref = ref;
      return;
    }
    ctx();
    this.#ref = newRef();
    notify({
      id: 0,
      op: 'cond.create',
      ref: this.#ref,
      lock: this.#lock.ref,
      name: nameArg(options.name),
    });
  }

  acquire(block = true, timeoutSec: number | null = null): Promise<boolean> {
    return this.#lock.acquire(block, timeoutSec);
  }

  release(): Promise<void> {
    return this.#lock.release();
  }

  /** Runs `fn` holding the lock (Python's `with cond:`). */
  withLock<T>(fn: () => T | Promise<T>): Promise<T> {
    return this.#lock.withLock(fn);
  }

  /**
   * Releases the lock, waits for a notify (or for `timeoutSec`), takes the lock back, and
   * resolves true when notified, false on a timeout. Rejects with AssertionError when this
   * process does not hold the lock, as CPython raises.
   */
  async wait(timeoutSec: number | null = null): Promise<boolean> {
    return (await this.#wait(timeoutArg(timeoutSec, 'Condition.wait()'))).notified;
  }

  /**
   * Waits until `predicate()` is true, as CPython's `wait_for`: the predicate is tested first (so a
   * true one needs no lock), then after each wakeup; resolves with its last result, which is
   * falsy when `timeoutSec` ran out.
   */
  async waitFor<T>(predicate: () => T | Promise<T>, timeoutSec: number | null = null): Promise<T> {
    let left = timeoutArg(timeoutSec, 'Condition.waitFor()');
    let result = await predicate();
    while (!result) {
      if (left !== undefined && left <= 0) break;
      const { waitedSec } = await this.#wait(left);
      if (left !== undefined) left -= waitedSec;
      result = await predicate();
    }
    return result;
  }

  async #wait(timeoutSec: number | undefined): Promise<{ notified: boolean; waitedSec: number }> {
    const reply = await request({ id: 0, op: 'cond.wait', ref: this.#ref, timeoutSec });
    return reply as { notified: boolean; waitedSec: number };
  }

  /** Wakes at most `n` waiting processes, oldest first. The caller must hold the lock. */
  async notify(n = 1): Promise<void> {
    if (typeof n !== 'number' || !Number.isInteger(n))
      throw new TypeError('notify(n): n must be an integer');
    await request({ id: 0, op: 'cond.notify', ref: this.#ref, n: Math.max(0, n) });
  }

  /** Wakes every waiting process. The caller must hold the lock. */
  async notifyAll(): Promise<void> {
    await request({ id: 0, op: 'cond.notify', ref: this.#ref, n: 0, all: true });
  }

  toWire() {
    return { $cl: 'Condition', ref: this.#ref, lock: this.#lock.toWire() as Json };
  }
}

registerShareable(
  'Condition',
  (w) => new Condition(decodeValue(w.lock) as Lock | RLock, {}, w.ref as string),
);
