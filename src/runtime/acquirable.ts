/**
 * What Lock, RLock and the semaphores share: a ref the runner knows them by, `acquire` with
 * CPython's blocking and timeout rules, and `withLock` (Python's `with` statement).
 */
import { request, siteOfCall } from './context';
import { QuickAnswer } from './quickAnswer';
import { presetSite } from './siteSlot';
import type { Shareable } from './encode';
import type { LabMessage } from '../protocol/lab';
import { timeoutArg } from './timeouts';

export abstract class Acquirable implements Shareable {
  readonly #ref: string;
  readonly #quick = new QuickAnswer();

  /** `ref`: the one the runner already knows (a copy sent to another process), or a new one. */
  protected constructor(ref: string) {
    this.#ref = ref;
  }

  /** The ref the runner knows this object by (a Condition over a lock names it). */
  get ref(): string {
    return this.#ref;
  }

  /** The runner's operation that takes it. */
  protected abstract readonly acquireOp: 'lock.acquire' | 'sem.acquire';

  /**
   * Resolves true once this process has taken it; false when `block` is false and it cannot be
   * taken now, or when `timeoutSec` passes first. As in CPython's `multiprocessing`: `null` (the
   * default, Python's `None`) waits without limit, a negative timeout counts as zero, and the
   * timeout is ignored when `block` is false.
   */
  async acquire(block = true, timeoutSec: number | null = null): Promise<boolean> {
    const blocking = Boolean(block);
    const msg: LabMessage = {
      id: 0,
      op: this.acquireOp,
      ref: this.#ref,
      block: blocking,
      timeoutSec: blocking ? timeoutArg(timeoutSec, `${this.toWire().$cl}.acquire()`) : undefined,
    };
    const asked = performance.now();
    const answer = request(msg);
    // request() gave the message its id and sent it: its answer may be back within microseconds.
    const way = this.#quick.wait(msg.id);
    const got = await answer;
    this.#quick.answered(way, performance.now() - asked);
    if (got === true) this.acquired();
    return got === true;
  }

  /** Called once this process has taken it. */
  protected acquired(): void {}

  abstract release(): Promise<void>;

  /**
   * Runs `fn` holding it, releasing it however `fn` ends (Python's `with lock:`). The acquire
   * and the release are both sited at the line that called withLock.
   */
  async withLock<T>(fn: () => T | Promise<T>): Promise<T> {
    const site = siteOfCall(Acquirable.prototype.withLock);
    presetSite(site);
    await this.acquire();
    try {
      return await fn();
    } finally {
      presetSite(site);
      await this.release();
    }
  }

  /** `$cl` is the Python class's name (it also names the class in error messages). */
  abstract toWire(): { $cl: string; ref: string };
}
