/** LockBroker: the runner holds every Lock's state, so exclusion across processes is real. */
import type { LabMessageOf } from '../protocol/lab';
import type { BrokerContext } from './brokerContext';
import type { ObjectTable } from './objectTable';
import type { ProcRec } from './procRec';
import { dropWaiter, newWaiter, type Waiter } from './waiter';

export interface LockState {
  readonly kind: 'lock';
  readonly obj: number;
  readonly name: string;
  holder: ProcRec | null;
  readonly waiters: Waiter[];
}

export class LockBroker {
  constructor(
    private readonly hub: BrokerContext,
    private readonly objects: ObjectTable<{ obj: number; kind: string }>,
  ) {}

  create(p: ProcRec, m: LabMessageOf<'lock.create'>): void {
    const obj = this.objects.nextObj();
    const name = m.name?.slice(0, 100) || this.objects.defaultName('Lock');
    const lock: LockState = { kind: 'lock', obj, name, holder: null, waiters: [] };
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
    if (lock.holder === null) {
      hub.fail(p, m.id, 'ValueError', `release of an unlocked lock (${lock.name})`);
      return;
    }
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
