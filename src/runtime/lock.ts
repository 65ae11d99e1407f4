/** A Lock brokered by the runner: it truly excludes across processes (Python's multiprocessing.Lock). */
import { Acquirable } from './acquirable';
import { ctx, newRef, notify, notifySoon, request } from './context';
import { registerShareable } from './encode';

export interface LockOptions {
  /** A name for the timeline (default "Lock 1", "Lock 2", … in creation order). */
  name?: string;
}

export class Lock extends Acquirable {
  protected readonly acquireOp = 'lock.acquire';

  constructor(options: LockOptions = {}, ref?: string) {
    super(ref ?? newRef());
    if (ref === undefined) notify({ id: 0, op: 'lock.create', ref: this.ref, name: options.name });
  }

  protected override acquired(): void {
    ctx().held.add(this.ref);
  }

  /**
   * Releases the lock, whichever process acquired it (as `multiprocessing.Lock` allows). Rejects
   * with ValueError when it is not held (as Python raises).
   */
  release(): Promise<void> {
    const c = ctx();
    if (c.held.delete(this.ref) && !c.init.controlled) {
      // We hold it, so the release cannot fail: send it without waiting for a round trip, with
      // the next acquire if one follows at once (one write, one wake-up of the runner).
      notifySoon({ id: 0, op: 'lock.release', ref: this.ref });
      return Promise.resolve();
    }
    return request({ id: 0, op: 'lock.release', ref: this.ref }).then(() => undefined);
  }

  toWire() {
    return { $cl: 'Lock', ref: this.ref };
  }
}

registerShareable('Lock', (w) => new Lock({}, w.ref as string));
