/**
 * SemaphoreBroker: Semaphore and BoundedSemaphore counters held by the runner. A unit released
 * while processes wait goes straight to the one the scheduler picks (the counter stays at 0).
 */
import type { LabMessageOf } from '../protocol/lab';
import type { BrokerContext } from './brokerContext';
import type { ObjectTable } from './objectTable';
import type { ProcRec } from './procRec';
import { dropWaiter, newWaiter, type Waiter } from './waiter';

export interface SemState {
  readonly kind: 'sem';
  readonly obj: number;
  readonly name: string;
  readonly bounded: boolean;
  readonly initial: number;
  value: number;
  readonly waiters: Waiter[];
  /** Units each process took and has not given back (who a waiter waits for, in a diagnosis). */
  readonly holders: Map<ProcRec, number>;
  /**
   * A process released a unit it had not taken (as readers-writers' last reader out does): from
   * then on units have no owners, and a wait on this semaphore is never a deadlock edge.
   */
  ownerless: boolean;
}

export class SemaphoreBroker {
  constructor(
    private readonly hub: BrokerContext,
    private readonly objects: ObjectTable<{ obj: number; kind: string }>,
  ) {}

  create(p: ProcRec, m: LabMessageOf<'sem.create'>): void {
    const kindName = m.bounded ? 'BoundedSemaphore' : 'Semaphore';
    const { obj, name } = this.objects.identify(kindName, m.name);
    const sem: SemState = {
      kind: 'sem',
      obj,
      name,
      bounded: m.bounded,
      initial: m.value,
      value: m.value,
      waiters: [],
      holders: new Map(),
      ownerless: false,
    };
    this.objects.add(m.ref, sem);
    this.hub.rec.emit(p.index, 'sem.create', {
      obj,
      name,
      value: m.value,
      bounded: m.bounded,
      site: m.site,
    });
  }

  acquire(p: ProcRec, m: LabMessageOf<'sem.acquire'>, sem: SemState): void {
    const { hub } = this;
    const timeoutSec = m.block ? m.timeoutSec : undefined;
    const request = { obj: sem.obj, block: m.block, timeoutSec, site: m.site };
    if (timeoutSec === undefined) delete request.timeoutSec;
    hub.rec.emit(p.index, 'sem.request', request);
    if (sem.value > 0) {
      sem.value--;
      this.#took(p, sem, 0, m.site);
      hub.reply(p, m.id, true);
      return;
    }
    if (!m.block || timeoutSec === 0) {
      hub.rec.emit(p.index, 'sem.timeout', { obj: sem.obj, site: m.site });
      hub.reply(p, m.id, false);
      return;
    }
    const w = newWaiter(p, m.id, 'sem', sem.obj, hub.rec.now(), undefined, m.site);
    w.list = sem.waiters;
    sem.waiters.push(w);
    if (timeoutSec === undefined) return hub.blocked(w);
    w.timer = hub.sched.after(timeoutSec, () => {
      w.timer = null;
      dropWaiter(w);
      hub.rec.emit(p.index, 'sem.timeout', { obj: sem.obj, site: w.site });
      hub.reply(p, w.id, false);
    });
  }

  release(p: ProcRec, m: LabMessageOf<'sem.release'>, sem: SemState): void {
    const { hub } = this;
    if (sem.bounded && sem.value >= sem.initial) {
      hub.fail(p, m.id, 'ValueError', `semaphore or lock released too many times (${sem.name})`);
      return;
    }
    const held = sem.holders.get(p) ?? 0;
    if (held > 1) sem.holders.set(p, held - 1);
    else if (held === 1) sem.holders.delete(p);
    else sem.ownerless = true;
    hub.reply(p, m.id, null);
    if (sem.waiters.length === 0) {
      sem.value++;
      hub.rec.emit(p.index, 'sem.release', { obj: sem.obj, value: sem.value, site: m.site });
      return;
    }
    const w = sem.waiters[hub.sched.choose(sem.waiters)];
    dropWaiter(w);
    hub.rec.emit(p.index, 'sem.release', { obj: sem.obj, value: sem.value, site: m.site });
    this.#took(w.proc, sem, Math.max(0, hub.rec.now() - w.since), w.site);
    hub.reply(w.proc, w.id, true);
  }

  value(p: ProcRec, m: LabMessageOf<'sem.value'>, sem: SemState): void {
    this.hub.reply(p, m.id, sem.value);
  }

  #took(p: ProcRec, sem: SemState, waitedUs: number, site: number | undefined): void {
    sem.holders.set(p, (sem.holders.get(p) ?? 0) + 1);
    this.hub.rec.emit(p.index, 'sem.acquire', { obj: sem.obj, waitedUs, value: sem.value, site });
  }
}
