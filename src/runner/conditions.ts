/**
 * ConditionBroker: each multiprocessing.Condition's waiters. A wait lets go of the lock (every
 * level of an RLock) and queues; a notify wakes the oldest waiters (the scheduler picks under a
 * controlled schedule), and each woken one asks for the lock back before its wait returns.
 */
import type { LabMessageOf } from '../protocol/lab';
import type { BrokerContext } from './brokerContext';
import type { LockBroker, LockState } from './locks';
import type { ObjectTable } from './objectTable';
import type { ProcRec } from './procRec';
import { dropWaiter, newWaiter, type Waiter } from './waiter';

export interface CondState {
  readonly kind: 'cond';
  readonly obj: number;
  readonly name: string;
  readonly lock: LockState;
  readonly waiters: Waiter[];
}

export class ConditionBroker {
  constructor(
    private readonly hub: BrokerContext,
    private readonly objects: ObjectTable<{ obj: number; kind: string } | CondState>,
    private readonly locks: LockBroker,
    /** The run's speed: a wait's length goes back to the lab in lab seconds. */
    private readonly speed: number,
  ) {}

  create(p: ProcRec, m: LabMessageOf<'cond.create'>, lock: LockState): void {
    const { obj, name } = this.objects.identify('Condition', m.name);
    this.objects.add(m.ref, { kind: 'cond', obj, name, lock, waiters: [] });
    this.hub.rec.emit(p.index, 'cond.create', { obj, name, lock: lock.obj, site: m.site });
  }

  wait(p: ProcRec, m: LabMessageOf<'cond.wait'>, cond: CondState): void {
    const { hub } = this;
    const since = hub.rec.now();
    const depth = this.locks.releaseForWait(p, cond.lock, m.site);
    if (depth === null) {
      hub.fail(p, m.id, 'AssertionError', `must acquire() ${cond.name} before using wait()`);
      return;
    }
    const begin = { obj: cond.obj, timeoutSec: m.timeoutSec, site: m.site };
    hub.rec.emit(p.index, 'cond.wait', begin);
    const w = newWaiter(p, m.id, 'cond', cond.obj, since, undefined, m.site);
    w.depth = depth;
    if (m.timeoutSec === 0) return this.#wake(w, cond, false);
    w.list = cond.waiters;
    cond.waiters.push(w);
    if (m.timeoutSec === undefined) return hub.blocked(w);
    w.timer = hub.sched.after(m.timeoutSec, () => {
      w.timer = null;
      this.#wake(w, cond, false);
    });
  }

  notify(p: ProcRec, m: LabMessageOf<'cond.notify'>, cond: CondState): void {
    const { hub } = this;
    if (cond.lock.holder !== p) {
      hub.fail(p, m.id, 'AssertionError', `lock is not owned (notify on ${cond.name})`);
      return;
    }
    const count = Math.min(cond.waiters.length, m.all ? cond.waiters.length : m.n);
    const woken: Waiter[] = [];
    for (let i = 0; i < count; i++) {
      const w = cond.waiters[hub.sched.choose(cond.waiters)];
      dropWaiter(w);
      woken.push(w);
    }
    hub.rec.emit(p.index, 'cond.notify', {
      obj: cond.obj,
      woke: woken.map((w) => w.proc.index),
      site: m.site,
    });
    hub.reply(p, m.id, null);
    for (const w of woken) this.#wake(w, cond, true);
  }

  /** The wait is over (notified or timed out): the process asks for the lock back. */
  #wake(w: Waiter, cond: CondState, notified: boolean): void {
    const { hub } = this;
    dropWaiter(w);
    const waitedUs = Math.max(0, hub.rec.now() - w.since);
    hub.rec.emit(w.proc.index, 'cond.wake', { obj: cond.obj, notified, waitedUs, site: w.site });
    const answer = () => {
      const waitedSec = ((hub.rec.now() - w.since) / 1e6) * this.speed;
      hub.reply(w.proc, w.id, { notified, waitedSec });
    };
    this.locks.reacquire(w.proc, cond.lock, w.depth ?? 1, answer, w.site);
  }
}
