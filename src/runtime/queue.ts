/** Queue and JoinableQueue: the items live in the runner, so FIFO holds across processes. */
import type { Json } from '../protocol/events';
import { controlled, newRef, notify, request } from './context';
import { decodeValue, encodeValue, registerShareable, type Shareable } from './encode';
import { AssertionError, ValueError } from './errors';
import { localLease, takeLeased } from './queueLease';
import { timeoutArg } from './timeouts';

export interface QueueOptions {
  /** A name for the timeline (default "Queue 1", "JoinableQueue 1", …). */
  name?: string;
}

export class Queue implements Shareable {
  protected readonly ref: string;
  readonly maxsize: number;
  /** close() was called in this process (Python's flag is per process too). */
  #closed = false;

  constructor(maxsize = 0, options: QueueOptions = {}, ref?: string) {
    // As in Python: a maxsize that is not an integer is a TypeError; zero or less is unbounded.
    if (!Number.isSafeInteger(maxsize))
      throw new TypeError(`maxsize must be an integer, not ${JSON.stringify(maxsize)}`);
    this.maxsize = maxsize > 0 ? maxsize : 0;
    if (ref !== undefined) {
      this.ref = ref;
      return;
    }
    this.ref = newRef();
    notify({
      id: 0,
      op: 'queue.create',
      ref: this.ref,
      maxsize: this.maxsize,
      joinable: this.joinable,
      name: options.name,
      ...(this.simple ? { simple: true } : {}),
    });
  }

  get joinable(): boolean {
    return false;
  }

  /** The store of a SimpleQueue (simpleQueue.ts): named so on the timeline. */
  protected get simple(): boolean {
    return false;
  }

  /**
   * Puts `item` at the back. When the queue is full: waits (without limit when `timeoutSec` is
   * `null`, Python's `None`; a negative timeout counts as zero), or raises Full at once when
   * `block` is false. An unbounded queue never blocks, so its put needs no round trip.
   */
  put(item: unknown, block = true, timeoutSec: number | null = null): Promise<void> {
    let value: Json;
    let timeout: number | undefined;
    const blocking = Boolean(block);
    try {
      this.#checkOpen();
      timeout = blocking ? timeoutArg(timeoutSec, 'Queue.put()') : undefined;
      value = encodeValue(item);
    } catch (err) {
      return Promise.reject(err);
    }
    if (this.maxsize === 0 && !controlled()) {
      notify({ id: 0, op: 'queue.put', ref: this.ref, value, block: blocking });
      return Promise.resolve();
    }
    return request({
      id: 0,
      op: 'queue.put',
      ref: this.ref,
      value,
      block: blocking,
      timeoutSec: timeout,
    }).then(() => undefined);
  }

  /**
   * Takes the front item; waits (without limit when `timeoutSec` is `null`; a negative timeout
   * counts as zero) or raises Empty at once when `block` is false.
   */
  async get(block = true, timeoutSec: number | null = null): Promise<unknown> {
    this.#checkOpen();
    const blocking = Boolean(block);
    const timeout = blocking ? timeoutArg(timeoutSec, 'Queue.get()') : undefined;
    // Sole getters are sent items ahead (a queue lease): then a get needs no round trip.
    const leased = takeLeased(this.ref);
    if (leased) return decodeValue(leased.value);
    const local = localLease(this.ref);
    local.outstanding++;
    try {
      return decodeValue(
        await request({
          id: 0,
          op: 'queue.get',
          ref: this.ref,
          block: blocking,
          timeoutSec: timeout,
        }),
      );
    } finally {
      local.outstanding--;
    }
  }

  putNowait(item: unknown): Promise<void> {
    return this.put(item, false);
  }

  getNowait(): Promise<unknown> {
    return this.get(false);
  }

  /** How many items the queue holds right now. */
  async qsize(): Promise<number> {
    return (await request({ id: 0, op: 'queue.query', ref: this.ref, what: 'qsize' })) as number;
  }

  async empty(): Promise<boolean> {
    return (await request({ id: 0, op: 'queue.query', ref: this.ref, what: 'empty' })) as boolean;
  }

  async full(): Promise<boolean> {
    return (await request({ id: 0, op: 'queue.query', ref: this.ref, what: 'full' })) as boolean;
  }

  /**
   * This process will put and get no more on this queue: later calls here raise ValueError, as in
   * Python. Other processes are not affected, and the items stay in the queue.
   */
  close(): void {
    this.#closed = true;
  }

  /** Python's join_thread(): nothing to wait for here (puts need no feeder thread); only after close(). */
  joinThread(): void {
    if (!this.#closed) throw new AssertionError(`${this.#label()} not closed`);
  }

  /** Python's cancel_join_thread(): nothing to cancel here. */
  cancelJoinThread(): void {}

  #checkOpen(): void {
    if (this.#closed) throw new ValueError(`${this.#label()} is closed`);
  }

  #label(): string {
    return `${this.joinable ? 'JoinableQueue' : 'Queue'} ${this.ref}`;
  }

  toWire() {
    return { $cl: this.joinable ? 'JoinableQueue' : 'Queue', ref: this.ref, maxsize: this.maxsize };
  }
}

export class JoinableQueue extends Queue {
  override get joinable(): boolean {
    return true;
  }

  /** Marks one item as processed. Raises ValueError when called more times than items were put. */
  async taskDone(): Promise<void> {
    await request({ id: 0, op: 'queue.taskDone', ref: this.ref });
  }

  /** Waits until every item ever put has been marked done with taskDone(). */
  async join(): Promise<void> {
    await request({ id: 0, op: 'queue.join', ref: this.ref });
  }
}

registerShareable('Queue', (w) => new Queue(w.maxsize as number, {}, w.ref as string));
registerShareable(
  'JoinableQueue',
  (w) => new JoinableQueue(w.maxsize as number, {}, w.ref as string),
);
