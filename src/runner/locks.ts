/**
 * LockBroker: the runner holds every Lock's and RLock's state, so exclusion across processes is
 * real. An RLock's owner may take it again (`depth`); only the owner may release it.
 */
import type { LabMessageOf } from '../protocol/lab';
import type { BrokerContext } from './brokerContext';
import type { ObjectTable } from './objectTable';
import type { ProcRec } from './procRec';
import { send } from './procRec';
import { dropWaiter, newWaiter, type Waiter } from './waiter';

export interface LockState {
  readonly kind: 'lock';
  readonly obj: number;
  readonly name: string;
  /** An RLock (Python's RECURSIVE_MUTEX). */
  readonly recursive: boolean;
  holder: ProcRec | null;
  /** How many times the holder holds it (1 for a Lock). */
  depth: number;
  readonly waiters: Waiter[];
  /**
   * Processes whose hold another process released, told so by a `lockLost` message that may
   * still be on its way: a release they sent as a notice before hearing it is not an error of theirs.
   */
  readonly lostBy: Set<ProcRec>;
}

const NOT_OWNER = 'attempt to release recursive lock not owned by thread';

export class LockBroker {
  constructor(
    private readonly hub: BrokerContext,
    private readonly objects: ObjectTable<{ obj: number; kind: string }>,
  ) {}

  create(p: ProcRec, m: LabMessageOf<'lock.create'>): void {
    const recursive = m.recursive === true;
    const { obj, name } = this.objects.identify(recursive ? 'RLock' : 'Lock', m.name);
    const lock: LockState = {
      kind: 'lock',
      obj,
      name,
      recursive,
      holder: null,
      depth: 0,
      waiters: [],
      lostBy: new Set(),
    };
    this.objects.add(m.ref, lock);
    const site = m.site;
    this.hub.rec.emit(
      p.index,
      'lock.create',
      recursive ? { obj, name, recursive, site } : { obj, name, site },
    );
  }

  acquire(p: ProcRec, m: LabMessageOf<'lock.acquire'>, lock: LockState): void {
    const { hub } = this;
    const timeoutSec = m.block ? m.timeoutSec : undefined;
    if (lock.recursive && lock.holder === p) {
      lock.depth++;
      hub.rec.emit(p.index, 'lock.depth', { obj: lock.obj, depth: lock.depth, site: m.site });
      hub.reply(p, m.id, true);
      return;
    }
    if (lock.holder === null) {
      lock.holder = p;
      lock.depth = 1;
      // The answer is written first: the process runs on while its request and its acquire are
      // recorded, both at the one instant just after (nothing else can happen in between here).
      hub.reply(p, m.id, true, true);
      const at = hub.rec.now();
      hub.rec.emitRequest(p.index, lock.obj, m.block, timeoutSec, m.site, at);
      hub.rec.emitAcquire(p.index, lock.obj, 0, m.site, at);
      return;
    }
    const at = hub.rec.now();
    hub.rec.emitRequest(p.index, lock.obj, m.block, timeoutSec, m.site, at);
    if (!m.block || timeoutSec === 0) {
      hub.rec.emitObj(p.index, 'lock.timeout', lock.obj, m.site);
      hub.reply(p, m.id, false);
      return;
    }
    const w = this.#enqueue(p, m.id, lock, at, m.site);
    if (timeoutSec !== undefined) {
      w.timer = hub.sched.after(timeoutSec, () => {
        w.timer = null;
        dropWaiter(w);
        hub.rec.emitObj(p.index, 'lock.timeout', lock.obj, w.site);
        hub.reply(p, w.id, false);
      });
    } else if (lock.holder!.waiting.size > 0 || p.waiting.size > 1) {
      hub.blocked(w);
    }
    // Else no cycle can pass through it (its one wait is for a holder that waits on nothing): the
    // commonest case by far, a contended lock's waiter, looks for none.
  }

  release(p: ProcRec, m: LabMessageOf<'lock.release'>, lock: LockState): void {
    const { hub } = this;
    if (lock.recursive) {
      if (lock.holder !== p) return hub.fail(p, m.id, 'AssertionError', NOT_OWNER);
      if (lock.depth > 1) {
        lock.depth--;
        hub.rec.emit(p.index, 'lock.depth', { obj: lock.obj, depth: lock.depth, site: m.site });
        return hub.reply(p, m.id, null);
      }
    }
    const raced = m.id === 0 && lock.holder !== p && lock.lostBy.delete(p);
    if (lock.holder === null) {
      if (raced) {
        // Sent before this process heard that another had released its hold: it cannot be
        // raised where it was made (a notice has no caller left), so it is recorded instead.
        hub.rec.emit(p.index, 'error', { message: releasedTwice(p.name, lock.name) });
        return;
      }
      hub.fail(p, m.id, 'ValueError', `release of an unlocked lock (${lock.name})`);
      return;
    }
    if (lock.holder !== p) {
      // multiprocessing.Lock may be released by any process; the holder learns its hold is gone.
      lock.lostBy.add(lock.holder);
      send(lock.holder, { lockLost: m.ref });
    } else if (lock.lostBy.size > 0) lock.lostBy.delete(p); // most often empty: no lookup
    hub.reply(p, m.id, null);
    this.#free(p, lock, m.site);
  }

  /**
   * A Condition's wait: `p`, the holder, lets go of every level at once. Returns the depth to
   * restore, or null when `p` does not hold the lock.
   */
  releaseForWait(p: ProcRec, lock: LockState, site?: number): number | null {
    if (lock.holder !== p) return null;
    const depth = lock.depth;
    this.#free(p, lock, site);
    return depth;
  }

  /**
   * A Condition's waiter asks for its lock back: granted now or queued; `grant` answers it and
   * `depth` is restored, either way.
   */
  reacquire(p: ProcRec, lock: LockState, depth: number, grant: () => void, site?: number): void {
    const { hub } = this;
    const at = hub.rec.now();
    hub.rec.emitRequest(p.index, lock.obj, true, undefined, site, at);
    if (lock.holder === null) {
      lock.holder = p;
      lock.depth = depth;
      hub.rec.emitAcquire(p.index, lock.obj, 0, site, at);
      grant();
      return;
    }
    const w = this.#enqueue(p, 0, lock, at, site);
    w.grant = grant;
    w.depth = depth;
    hub.blocked(w);
  }

  #enqueue(p: ProcRec, id: number, lock: LockState, at: number, site?: number): Waiter {
    const w = newWaiter(p, id, 'lock', lock.obj, at, undefined, site);
    w.list = lock.waiters;
    lock.waiters.push(w);
    return w;
  }

  /** The lock is free: recorded as released by `p`, and handed to the next waiter if any. */
  #free(p: ProcRec, lock: LockState, site?: number): void {
    lock.holder = null;
    lock.depth = 0;
    // The next holder is told at once (a hand-off is the contended lock's critical path); then
    // the release and the acquire are recorded, in that order.
    const w = this.#handOn(lock);
    const at = this.hub.rec.now();
    this.hub.rec.emitObj(p.index, 'lock.release', lock.obj, site, at);
    const waited = w ? Math.max(0, at - w.since) : 0;
    if (w) this.hub.rec.emitAcquire(w.proc.index, lock.obj, waited, w.site, at);
  }

  /** The freed lock goes to the waiter the scheduler picks, which is answered; the caller records it. */
  #handOn(lock: LockState): Waiter | null {
    if (lock.waiters.length === 0) return null;
    const w = lock.waiters[this.hub.sched.choose(lock.waiters)];
    dropWaiter(w);
    lock.holder = w.proc;
    lock.depth = w.depth ?? 1;
    if (w.grant) w.grant();
    else this.hub.reply(w.proc, w.id, true, true);
    return w;
  }
}

function releasedTwice(proc: string, lock: string): string {
  return (
    `${proc} released ${lock} after another process had released it for them: ` +
    'Python would raise ValueError (lock released too many times) in that release'
  );
}
