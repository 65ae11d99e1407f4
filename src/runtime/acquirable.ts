/**
 * What Lock, RLock and the semaphores share: a ref the runner knows them by, `acquire` with
 * CPython's blocking and timeout rules, and `withLock` (Python's `with` statement).
 */
import { requestFor, siteOfCall, type Pending } from './context';
import { QuickAnswer, type QuickWait } from './quickAnswer';
import { presetSite } from './siteSlot';
import type { Shareable } from './encode';
import type { Json } from '../protocol/events';
import type { LabMessage } from '../protocol/lab';
import { timeoutArg } from './timeouts';

/**
 * One acquire waiting for its answer: the runner's answer settles the caller's promise straight
 * from the wire (no async function, no promise of the request's own in between).
 */
class AcquireAnswer implements Pending {
  readonly promise: Promise<boolean>;
  reject!: (e: Error) => void;
  #resolve!: (got: boolean) => void;
  /** How `QuickAnswer.wait` waited, and when the acquire was made (ms). */
  way: QuickWait = 'off';
  asked = 0;

  constructor(
    private readonly quick: QuickAnswer,
    private readonly got: () => void,
  ) {
    this.promise = new Promise<boolean>((resolve, reject) => {
      this.#resolve = resolve;
      this.reject = reject;
    });
  }

  resolve(value: Json): void {
    this.quick.answered(this.way, performance.now() - this.asked);
    if (value === true) this.got();
    this.#resolve(value === true);
  }
}

export abstract class Acquirable implements Shareable {
  readonly #ref: string;
  readonly #quick = new QuickAnswer();
  readonly #got = (): void => this.acquired();

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
  acquire(block = true, timeoutSec: number | null = null): Promise<boolean> {
    const answer = new AcquireAnswer(this.#quick, this.#got);
    try {
      const blocking = Boolean(block);
      const msg: LabMessage = {
        id: 0,
        op: this.acquireOp,
        ref: this.#ref,
        block: blocking,
        // No limit, the commonest case, is told without building the error message's name.
        timeoutSec:
          !blocking || timeoutSec === null || timeoutSec === undefined
            ? undefined
            : timeoutArg(timeoutSec, `${this.toWire().$cl}.acquire()`),
      };
      answer.asked = performance.now();
      requestFor(msg, answer);
      // requestFor() gave the message its id and sent it: its answer may be back within
      // microseconds (what the wait reads is handed over in a microtask, after `way` is set).
      answer.way = this.#quick.wait(msg.id);
    } catch (err) {
      answer.reject(err as Error);
    }
    return answer.promise;
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
