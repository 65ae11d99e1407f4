/** A Lock brokered by the runner: it truly excludes across processes (Python's multiprocessing.Lock). */
import { Acquirable } from './acquirable';
import {
  ctx,
  newRef,
  notify,
  notifySoon,
  request,
  type HeldFlag,
  type LabContext,
} from './context';
import { registerShareable } from './encode';

export interface LockOptions {
  /** A name for the timeline (default "Lock 1", "Lock 2", … in creation order). */
  name?: string;
}

export class Lock extends Acquirable {
  protected readonly acquireOp = 'lock.acquire';
  /** This process's flag for this lock, and the run it belongs to (a process may run again). */
  #flag: HeldFlag | null = null;
  #flagOf: LabContext | null = null;

  constructor(options: LockOptions = {}, ref?: string) {
    super(ref ?? newRef());
    if (ref === undefined) notify({ id: 0, op: 'lock.create', ref: this.ref, name: options.name });
  }

  protected override acquired(): void {
    this.#held(ctx()).held = true;
  }

  #held(c: LabContext): HeldFlag {
    if (this.#flagOf !== c) {
      let flag = c.held.get(this.ref);
      if (flag === undefined) c.held.set(this.ref, (flag = { held: false }));
      this.#flag = flag;
      this.#flagOf = c;
    }
    return this.#flag as HeldFlag;
  }

  /**
   * Releases the lock, whichever process acquired it (as `multiprocessing.Lock` allows). Rejects
   * with ValueError when it is not held (as Python raises).
   */
  release(): Promise<void> {
    const c = ctx();
    const flag = this.#held(c);
    const held = flag.held;
    flag.held = false;
    if (held && !c.init.controlled) {
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
