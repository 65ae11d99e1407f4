/** LockBroker: the runner holds every Lock's state, so exclusion across processes is real. */
import type { LabMessageOf } from '../protocol/lab';
import type { BrokerContext } from './brokerContext';
import type { ObjectTable } from './objectTable';
import type { ProcRec } from './procRec';
import { send } from './procs';
import { dropWaiter, newWaiter, type Waiter } from './waiter';

export interface LockState {
  readonly kind: 'lock';
  readonly obj: number;
  readonly name: string;
  holder: ProcRec | null;
  readonly waiters: Waiter[];
  /**
   * Processes whose hold another process released, told so by a `lockLost` message that may
   * still be on its way: a release they sent as a notice before hearing it is not an error of theirs.
   */
  readonly lostBy: Set<ProcRec>;
}

export class LockBroker {
  constructor(
    private readonly hub: BrokerContext,
    private readonly objects: ObjectTable<{ obj: number; kind: string }>,
  ) {}

  create(p: ProcRec, m: LabMessageOf<'lock.create'>): void {
    const obj = this.objects.nextObj();
    const name = m.name?.slice(0, 100) || this.objects.defaultName('Lock');
    const lock: LockState = {
      kind: 'lock',
      obj,
      name,
      holder: null,
      waiters: [],
      lostBy: new Set(),
    };
    this.objects.add(m.ref, lock);
    this.hub.rec.emit(p.index, 'lock.create', { obj, name });
  }

  acquire(p: ProcRec, m: LabMessageOf<'lock.acquire'>, lock: LockState): void {
    const { hub } = this;
    const timeoutSec = m.block ? m.timeoutSec : undefined;
    if (lock.holder === null) {
      lock.holder = p;
      // The answer is written first: the process runs on while its request and its acquire are
      // recorded, both at the one instant just after (nothing else can happen in between here).
      hub.reply(p, m.id, true, true);
      const at = hub.rec.now();
      hub.rec.emitRequest(p.index, lock.obj, m.block, timeoutSec, at);
      hub.rec.emitAcquire(p.index, lock.obj, 0, at);
      return;
    }
    const at = hub.rec.now();
    hub.rec.emitRequest(p.index, lock.obj, m.block, timeoutSec, at);
    if (!m.block || timeoutSec === 0) {
      hub.rec.emit(p.index, 'lock.timeout', { obj: lock.obj });
      hub.reply(p, m.id, false);
      return;
    }
    const w = newWaiter(p, m.id, 'lock', lock.obj, at);
    w.list = lock.waiters;
    lock.waiters.push(w);
    if (timeoutSec !== undefined) {
      w.timer = hub.sched.after(timeoutSec, () => {
        w.timer = null;
        dropWaiter(w);
        hub.rec.emit(p.index, 'lock.timeout', { obj: lock.obj });
        hub.reply(p, w.id, false);
      });
    } else {
      hub.blocked(w);
    }
  }

  release(p: ProcRec, m: LabMessageOf<'lock.release'>, lock: LockState): void {
    const { hub } = this;
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
    } else lock.lostBy.delete(p);
    lock.holder = null;
    hub.reply(p, m.id, null);
    // The next holder is told at once (a hand-off is the contended lock's critical path); then
    // the release and the acquire are recorded, in that order.
    const w = this.#handOn(lock);
    const at = hub.rec.now();
    hub.rec.emitObj(p.index, 'lock.release', lock.obj, at);
    if (w) hub.rec.emitAcquire(w.proc.index, lock.obj, Math.max(0, at - w.since), at);
  }

  /** The freed lock goes to the waiter the scheduler picks, which is answered; the caller records it. */
  #handOn(lock: LockState): Waiter | null {
    if (lock.waiters.length === 0) return null;
    const w = lock.waiters[this.hub.sched.choose(lock.waiters)];
    dropWaiter(w);
    lock.holder = w.proc;
    this.hub.reply(w.proc, w.id, true, true);
    return w;
  }
}

function releasedTwice(proc: string, lock: string): string {
  return (
    `${proc} released ${lock} after another process had released it for them: ` +
    'Python would raise ValueError (lock released too many times) in that release'
  );
}
