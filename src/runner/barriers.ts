/**
 * BarrierBroker: each multiprocessing.Barrier's arrivals, generation and broken state, as
 * CPython's threading.Barrier keeps them. The last arrival runs the action (if any) before the
 * generation passes; a timeout, an abort or a failing action breaks the barrier.
 */
import type { LabMessageOf } from '../protocol/lab';
import type { BARRIER_BREAKS } from '../protocol/syncEvents';
import type { BrokerContext } from './brokerContext';
import type { ObjectTable } from './objectTable';
import type { ProcRec } from './procRec';
import { dropWaiter, newWaiter, type Waiter } from './waiter';

export interface BarrierState {
  readonly kind: 'barrier';
  readonly obj: number;
  readonly name: string;
  readonly parties: number;
  readonly timeoutSec: number | undefined;
  readonly action: boolean;
  gen: number;
  broken: boolean;
  readonly arrived: Waiter[];
  /** The last arrival, running the action: the generation passes when it is done. */
  acting: Arrival | null;
  /** Arrivals for the next generation while the action runs (CPython holds them at the lock). */
  readonly early: { p: ProcRec; m: LabMessageOf<'barrier.wait'> }[];
}

/** An arrival that is not waiting (the last one): who, and its index. */
interface Arrival {
  readonly proc: ProcRec;
  readonly index: number;
  /** The call site of its wait (the pass or break it leads to is recorded there). */
  readonly site?: number;
}

const BROKEN = 'the barrier is broken';

export class BarrierBroker {
  constructor(
    private readonly hub: BrokerContext,
    private readonly objects: ObjectTable<{ obj: number; kind: string } | BarrierState>,
  ) {}

  create(p: ProcRec, m: LabMessageOf<'barrier.create'>): void {
    const { obj, name } = this.objects.identify('Barrier', m.name);
    const parties = Math.max(1, m.parties);
    this.objects.add(m.ref, {
      kind: 'barrier',
      obj,
      name,
      parties,
      timeoutSec: m.timeoutSec,
      action: m.action !== undefined,
      gen: 0,
      broken: false,
      arrived: [],
      acting: null,
      early: [],
    });
    this.hub.rec.emit(p.index, 'barrier.create', { obj, name, parties, site: m.site });
  }

  wait(p: ProcRec, m: LabMessageOf<'barrier.wait'>, b: BarrierState): void {
    const { hub } = this;
    if (b.acting) return void b.early.push({ p, m });
    if (b.broken) return hub.fail(p, m.id, 'BrokenBarrierError', BROKEN);
    const index = b.arrived.length;
    hub.rec.emit(p.index, 'barrier.arrive', { obj: b.obj, gen: b.gen, index, site: m.site });
    if (index + 1 === b.parties) {
      if (!b.action) return this.#pass(b, p, m.id, index, m.site);
      b.acting = { proc: p, index, site: m.site };
      hub.reply(p, m.id, 'action');
      return;
    }
    const w = newWaiter(p, m.id, 'barrier', b.obj, hub.rec.now(), undefined, m.site);
    w.index = index;
    w.list = b.arrived;
    b.arrived.push(w);
    const timeoutSec = m.timeoutSec ?? b.timeoutSec;
    if (timeoutSec === 0) return this.#break(b, 'timeout', p, m.site);
    if (timeoutSec === undefined) return hub.blocked(w);
    w.timer = hub.sched.after(timeoutSec, () => {
      w.timer = null;
      this.#break(b, 'timeout', p, w.site);
    });
  }

  actionDone(p: ProcRec, m: LabMessageOf<'barrier.actionDone'>, b: BarrierState): void {
    const acting = b.acting;
    if (acting?.proc !== p) {
      this.hub.fail(p, m.id, 'RuntimeError', `no action of ${b.name} is running here`);
      return;
    }
    b.acting = null;
    if (m.ok) this.#pass(b, p, m.id, acting.index, acting.site);
    else {
      this.#break(b, 'action', p, acting.site);
      this.hub.fail(p, m.id, 'BrokenBarrierError', BROKEN);
    }
    for (const e of b.early.splice(0)) this.wait(e.p, e.m, b);
  }

  reset(p: ProcRec, m: LabMessageOf<'barrier.reset'>, b: BarrierState): void {
    if (b.arrived.length > 0) this.#break(b, 'reset', p, m.site);
    b.broken = false;
    b.gen++;
    this.hub.rec.emit(p.index, 'barrier.reset', { obj: b.obj, site: m.site });
    this.hub.reply(p, m.id, null);
  }

  abort(p: ProcRec, m: LabMessageOf<'barrier.abort'>, b: BarrierState): void {
    this.#break(b, 'abort', p, m.site);
    this.hub.reply(p, m.id, null);
  }

  query(p: ProcRec, m: LabMessageOf<'barrier.query'>, b: BarrierState): void {
    this.hub.reply(p, m.id, m.what === 'broken' ? b.broken : b.broken ? 0 : b.arrived.length);
  }

  /** Every party is here: each returns its index (the last, request `id`), and a new generation begins. */
  #pass(b: BarrierState, last: ProcRec, id: number, index: number, site?: number): void {
    const { hub } = this;
    hub.rec.emit(last.index, 'barrier.pass', { obj: b.obj, gen: b.gen, site });
    b.gen++;
    for (const w of [...b.arrived]) {
      dropWaiter(w);
      hub.reply(w.proc, w.id, w.index ?? 0);
    }
    hub.reply(last, id, index);
  }

  /** Broken (by `by`): every waiter raises BrokenBarrierError, and so will later arrivals. */
  #break(
    b: BarrierState,
    why: (typeof BARRIER_BREAKS)[number],
    by: ProcRec,
    site: number | undefined,
  ): void {
    b.broken = true;
    this.hub.rec.emit(by.index, 'barrier.broken', { obj: b.obj, gen: b.gen, why, site });
    for (const w of [...b.arrived]) {
      dropWaiter(w);
      this.hub.fail(w.proc, w.id, 'BrokenBarrierError', BROKEN);
    }
  }
}
