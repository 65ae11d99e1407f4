/**
 * SimpleQueue (Python's multiprocessing.SimpleQueue): an unbounded queue with only put, get,
 * empty and close. Its items live in the runner as a Queue's do; close() closes this process's
 * handles, after which every call here raises OSError, as CPython's closed pipe handles do.
 */
import { registerShareable, type Shareable } from './encode';
import { OSError } from './errors';
import { Queue, type QueueOptions } from './queue';

/** The brokered queue under a SimpleQueue. */
class SimpleStore extends Queue {
  protected override get simple(): boolean {
    return true;
  }

  get wireRef(): string {
    return this.ref;
  }
}

export class SimpleQueue implements Shareable {
  readonly #store: SimpleStore;
  #closed = false;

  constructor(options: QueueOptions = {}, ref?: string) {
    this.#store = new SimpleStore(0, options, ref);
  }

  /** Puts `obj` at the back (never waits: the queue is unbounded). */
  put(obj: unknown): Promise<void> {
    return this.#closed ? closedHandle() : this.#store.put(obj);
  }

  /** Takes the front item, waiting for one as long as it takes. */
  get(): Promise<unknown> {
    return this.#closed ? closedHandle() : this.#store.get();
  }

  /** Whether the queue holds no item now. */
  empty(): Promise<boolean> {
    return this.#closed ? closedHandle() : this.#store.empty();
  }

  /** Closes this process's handles: later calls here raise OSError. Closing twice does nothing. */
  close(): void {
    this.#closed = true;
  }

  toWire() {
    return { $cl: 'SimpleQueue', ref: this.#store.wireRef };
  }
}

function closedHandle(): Promise<never> {
  return Promise.reject(new OSError('handle is closed'));
}

registerShareable('SimpleQueue', (w) => new SimpleQueue({}, w.ref as string));
