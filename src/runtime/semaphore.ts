/**
 * Semaphore and BoundedSemaphore brokered by the runner (Python's multiprocessing ones): a counter
 * that acquire() takes one from, waiting at 0, and release() gives one back, from any process.
 */
import { Acquirable } from './acquirable';
import { newRef, notify, request } from './context';
import { registerShareable } from './encode';
import { counterArg, nameArg } from './syncArgs';

export interface SemaphoreOptions {
  /** A name for the timeline (default "Semaphore 1", …). */
  name?: string;
}

/** `acquire` takes a unit; timeouts as `Lock.acquire` (null: no limit; negative: zero). */
export class Semaphore extends Acquirable {
  protected readonly acquireOp = 'sem.acquire';

  constructor(value = 1, options: SemaphoreOptions = {}, ref?: string) {
    super(ref ?? newRef());
    if (ref !== undefined) return;
    const bounded = this instanceof BoundedSemaphore;
    const start = counterArg(value, bounded ? 'BoundedSemaphore()' : 'Semaphore()');
    notify({
      id: 0,
      op: 'sem.create',
      ref: this.ref,
      value: start,
      bounded,
      name: nameArg(options.name),
    });
  }

  /** Gives a unit back (any process may). A BoundedSemaphore rejects with ValueError past its initial value. */
  async release(): Promise<void> {
    await request({ id: 0, op: 'sem.release', ref: this.ref });
  }

  /** The counter now (Python's `get_value()`). */
  async getValue(): Promise<number> {
    return (await request({ id: 0, op: 'sem.value', ref: this.ref })) as number;
  }

  toWire() {
    return {
      $cl: this instanceof BoundedSemaphore ? 'BoundedSemaphore' : 'Semaphore',
      ref: this.ref,
    };
  }
}

/** A Semaphore that may not be released past its initial value (ValueError, as CPython raises). */
export class BoundedSemaphore extends Semaphore {}

registerShareable('Semaphore', (w) => new Semaphore(0, {}, w.ref as string));
registerShareable('BoundedSemaphore', (w) => new BoundedSemaphore(0, {}, w.ref as string));
