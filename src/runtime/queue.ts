/** Queue and JoinableQueue: the items live in the runner, so FIFO holds across processes. */
import type { Json } from '../protocol/events';
import { newRef, notify, request } from './context';
import { decodeValue, encodeValue, registerShareable, type Shareable } from './encode';
import { localLease, takeLeased } from './queueLease';

export interface QueueOptions {
  /** A name for the timeline (default "Queue 1", "JoinableQueue 1", …). */
  name?: string;
}

export class Queue implements Shareable {
  protected readonly ref: string;
  readonly maxsize: number;

  constructor(maxsize = 0, options: QueueOptions = {}, ref?: string) {
    this.maxsize = Number.isSafeInteger(maxsize) && maxsize > 0 ? maxsize : 0;
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
    });
  }

  get joinable(): boolean {
    return false;
  }

  /**
   * Puts `item` at the back. When the queue is full: waits (forever, or `timeoutSec`), or raises
   * Full at once when `block` is false. An unbounded queue never blocks, so its put needs no round trip.
   */
  put(item: unknown, block = true, timeoutSec?: number): Promise<void> {
    let value: Json;
    try {
      value = encodeValue(item);
    } catch (err) {
      return Promise.reject(err);
    }
    if (this.maxsize === 0) {
      notify({ id: 0, op: 'queue.put', ref: this.ref, value, block });
      return Promise.resolve();
    }
    return request({
      id: 0,
      op: 'queue.put',
      ref: this.ref,
      value,
      block,
      timeoutSec: timeout(block, timeoutSec),
    }).then(() => undefined);
  }

  /** Takes the front item; waits (forever, or `timeoutSec`) or raises Empty at once when `block` is false. */
  async get(block = true, timeoutSec?: number): Promise<unknown> {
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
          block,
          timeoutSec: timeout(block, timeoutSec),
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

function timeout(block: boolean, sec: number | undefined): number | undefined {
  return block && sec !== undefined && sec !== null && sec >= 0 ? sec : undefined;
}

registerShareable('Queue', (w) => new Queue(w.maxsize as number, {}, w.ref as string));
registerShareable(
  'JoinableQueue',
  (w) => new JoinableQueue(w.maxsize as number, {}, w.ref as string),
);
