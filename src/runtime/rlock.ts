/**
 * An RLock brokered by the runner (Python's multiprocessing.RLock): the process that holds it may
 * acquire it again, and must release it as many times; no other process may release it.
 */
import { Acquirable } from './acquirable';
import { newRef, notify, request } from './context';
import { registerShareable } from './encode';
import { nameArg } from './syncArgs';

export interface RLockOptions {
  /** A name for the timeline (default "RLock 1", "RLock 2", …). */
  name?: string;
}

/** `acquire` resolves at once when this process already holds it: one level more. */
export class RLock extends Acquirable {
  protected readonly acquireOp = 'lock.acquire';

  constructor(options: RLockOptions = {}, ref?: string) {
    super(ref ?? newRef());
    if (ref === undefined)
      notify({
        id: 0,
        op: 'lock.create',
        ref: this.ref,
        name: nameArg(options.name),
        recursive: true,
      });
  }

  /** Releases one level. Rejects with AssertionError when this process does not hold it (as CPython). */
  async release(): Promise<void> {
    await request({ id: 0, op: 'lock.release', ref: this.ref });
  }

  toWire() {
    return { $cl: 'RLock', ref: this.ref };
  }
}

registerShareable('RLock', (w) => new RLock({}, w.ref as string));
