/** QueueBroker: items live in the runner; FIFO, maxsize, Full/Empty, timeouts, task accounting. */
import type { Json } from '../protocol/events';
import type { LabMessageOf } from '../protocol/lab';
import { Fifo } from './fifo';
import type { BrokerContext } from './brokerContext';
import type { LeaseClaims } from './leaseClaimsFile';
import type { ObjectTable } from './objectTable';
import type { HandleTransit } from './pipes';
import { preview } from './preview';
import type { ProcRec } from './procRec';
import { QueueLease } from './queueLease';
import { dropWaiter, newWaiter, type Waiter } from './waiter';

export interface Item {
  item: number;
  value: Json;
  /** Who put it, when it carries pipe ends (they pass to the process that gets it). */
  from?: ProcRec;
}

export interface QueueState {
  readonly kind: 'queue';
  readonly obj: number;
  readonly name: string;
  readonly maxsize: number;
  readonly joinable: boolean;
  /** The items not out on lease (a lease holds the front ones: see `size`). */
  items: Fifo<Item>;
  readonly getters: Waiter[];
  readonly putters: Waiter[];
  readonly joiners: Waiter[];
  unfinished: number;
  readonly lease: QueueLease;
  /**
   * The call site of the lease holder's latest get: takes the runner learns of from the claims
   * file, before the holder's report (which names its site) arrives, are stamped with it.
   */
  holderGetSite?: number;
  /** An item carried pipe ends: the runner must see each get as it happens, so no more leases. */
  carriesHandles?: boolean;
}

/** How many items the queue holds, leased ones not known taken included. */
export function size(q: QueueState): number {
  return q.items.length + q.lease.out;
}

/**
 * Most items all the queues of a run may hold together (config `maxQueuedItems`): memory is
 * bounded. Python has no such bound, so reaching it is a run limit (the run stops and says why),
 * never a Full that Python would not raise.
 */
export interface QueueLimit {
  maxItems: number;
  /** Called once, when the run's queues hold `maxItems` items. */
  reached(maxItems: number): void;
}

export class QueueBroker {
  #items = 0;
  /** Items in all queues of the run together. */
  #held = 0;

  constructor(
    private readonly hub: BrokerContext,
    private readonly objects: ObjectTable<{ obj: number; kind: string }>,
    private readonly claims: LeaseClaims,
    private readonly limit: QueueLimit,
    private readonly handles: HandleTransit,
  ) {}

  create(p: ProcRec, m: LabMessageOf<'queue.create'>): void {
    const kindName = m.simple ? 'SimpleQueue' : m.joinable ? 'JoinableQueue' : 'Queue';
    const { obj, name } = this.objects.identify(kindName, m.name);
    const q: QueueState = {
      kind: 'queue',
      obj,
      name,
      maxsize: m.maxsize,
      joinable: m.joinable,
      items: new Fifo(),
      getters: [],
      putters: [],
      joiners: [],
      unfinished: 0,
      lease: new QueueLease(this.claims),
    };
    this.objects.add(m.ref, q);
    this.hub.rec.emit(p.index, 'queue.create', {
      obj,
      name,
      maxsize: m.maxsize,
      joinable: m.joinable,
      site: m.site,
      ...(m.simple ? { simple: true } : {}),
    });
  }

  /** Full by maxsize, once the takes the claims file shows are counted. */
  #isFull(q: QueueState): boolean {
    if (q.maxsize === 0 || size(q) < q.maxsize) return false;
    this.#settle(q);
    return size(q) >= q.maxsize;
  }

  put(p: ProcRec, m: LabMessageOf<'queue.put'>, q: QueueState): void {
    const { hub } = this;
    if (!this.#isFull(q)) {
      this.#enqueue(p, m.id, q, m.value, m.site);
      return;
    }
    const timeoutSec = m.block ? m.timeoutSec : undefined;
    if (!m.block || timeoutSec === 0) {
      hub.rec.emitObj(p.index, 'queue.full', q.obj, m.site);
      hub.fail(p, m.id, 'Full', `${q.name} is full (${size(q)} items)`);
      return;
    }
    // A waiting put must see each get as it happens, not when a lease holder reports it.
    this.#revoke(q, p);
    if (!this.#isFull(q)) {
      this.#enqueue(p, m.id, q, m.value, m.site);
      return;
    }
    this.#wait(p, m, q, 'put', timeoutSec);
  }

  /**
   * `p` waits in put() (with its item) or get(); past `timeoutSec` it gives up with Python's
   * `Full` or `Empty`.
   */
  #wait(
    p: ProcRec,
    m: LabMessageOf<'queue.put'> | LabMessageOf<'queue.get'>,
    q: QueueState,
    op: 'put' | 'get',
    timeoutSec: number | undefined,
  ): void {
    const { hub } = this;
    const put = op === 'put';
    hub.rec.emitObj(p.index, put ? 'queue.put.wait' : 'queue.get.wait', q.obj, m.site);
    const value = 'value' in m ? m.value : undefined;
    const w = newWaiter(p, m.id, op, q.obj, hub.rec.now(), value, m.site);
    w.list = put ? q.putters : q.getters;
    w.list.push(w);
    if (timeoutSec === undefined) return;
    w.timer = hub.sched.after(timeoutSec, () => {
      w.timer = null;
      dropWaiter(w);
      hub.rec.emitObj(p.index, put ? 'queue.full' : 'queue.empty', q.obj, w.site);
      const state = put ? 'full' : 'empty';
      hub.fail(p, w.id, put ? 'Full' : 'Empty', `${q.name} stayed ${state} for ${timeoutSec} s`);
    });
  }

  /**
   * `at`: the instant of the get that made room for this (blocked) put. A waiting getter served by
   * this put, or a waiting putter let in by a get, moves at the same instant as what freed it.
   */
  #enqueue(
    p: ProcRec,
    id: number,
    q: QueueState,
    value: Json,
    site: number | undefined,
    at = this.hub.rec.now(),
  ): void {
    const item = ++this.#items;
    if (this.handles.sent(p, value)) {
      q.carriesHandles = true;
      q.items.push({ item, value, from: p });
    } else q.items.push({ item, value });
    if (q.joinable) q.unfinished++;
    this.hub.rec.emitItem(p.index, 'queue.put', q.obj, item, preview(value), size(q), site, at);
    this.hub.reply(p, id, null);
    if (++this.#held === this.limit.maxItems) this.limit.reached(this.limit.maxItems);
    this.#serveGetters(q, at);
    q.lease.soon(() => this.#topUp(q));
  }

  get(p: ProcRec, m: LabMessageOf<'queue.get'>, q: QueueState): void {
    const { hub } = this;
    q.lease.heard(p, m.ref);
    if (q.lease.holds(p)) {
      q.holderGetSite = m.site;
      // The holder ran out: send more now, ahead of the answer, so its next gets need no request.
      if (q.lease.out === 0) this.#topUp(q);
      const it = q.lease.serveHolder();
      if (it) return this.#answerGet(p, m.id, q, it, m.site);
    } else if (q.lease.out > 0) {
      // Leased items are the queue's front: the lease ends now, and this get comes after its takes.
      this.#revoke(q, p);
    }
    if (q.items.length > 0) {
      this.#dequeue(p, m.id, q, m.site);
      return;
    }
    const timeoutSec = m.block ? m.timeoutSec : undefined;
    if (!m.block || timeoutSec === 0) {
      hub.rec.emitObj(p.index, 'queue.empty', q.obj, m.site);
      hub.fail(p, m.id, 'Empty', `${q.name} is empty`);
      return;
    }
    this.#wait(p, m, q, 'get', timeoutSec);
  }

  #dequeue(
    p: ProcRec,
    id: number,
    q: QueueState,
    site: number | undefined,
    at = this.hub.rec.now(),
  ): void {
    this.#answerGet(p, id, q, q.items.shift() as Item, site, at);
    if (q.lease.countGet(p) && this.#mayLease(q) && q.lease.grant(p)) {
      q.holderGetSite = site;
      q.lease.soon(() => this.#topUp(q));
    }
  }

  #answerGet(
    p: ProcRec,
    id: number,
    q: QueueState,
    it: Item,
    site: number | undefined,
    at = this.hub.rec.now(),
  ): void {
    this.#held--;
    if (it.from) this.handles.received(p, it.from, it.value);
    const { obj } = q;
    this.hub.rec.emitItem(p.index, 'queue.get', obj, it.item, preview(it.value), size(q), site, at);
    this.hub.reply(p, id, it.value);
    this.#servePutters(q, at);
  }

  /** Waiting getters and putters are served from the queue itself, so nothing is leased then. */
  #mayLease(q: QueueState): boolean {
    const waiting = q.getters.length > 0 || q.putters.length > 0;
    return this.hub.sched.leasing && !waiting && !q.carriesHandles;
  }

  #topUp(q: QueueState): void {
    if (this.#mayLease(q)) q.lease.topUp(q.items);
  }

  /** Takes by the lease holder that the runner learned of: stamped now, in order. */
  #stampTaken(
    q: QueueState,
    holder: ProcRec,
    taken: readonly Item[],
    site = q.holderGetSite,
  ): void {
    // `taken` has left the lease already: each get's size still counts the ones after it.
    for (let i = 0; i < taken.length; i++) {
      const it = taken[i];
      this.#held--;
      if (it.from) this.handles.received(holder, it.from, it.value);
      const at = this.hub.rec.now();
      const after = size(q) + taken.length - 1 - i;
      this.hub.rec.emitItem(
        holder.index,
        'queue.get',
        q.obj,
        it.item,
        preview(it.value),
        after,
        site,
        at,
      );
      this.#servePutters(q, at);
    }
  }

  /** Counts the takes the claims file shows (no waiting, and the lease goes on). */
  #settle(q: QueueState): void {
    const holder = q.lease.holder;
    if (holder) this.#stampTaken(q, holder, q.lease.settle());
  }

  /** Ends `q`'s lease at once: the holder's takes are stamped, its untaken items are the front again. */
  #revoke(q: QueueState, by: ProcRec): void {
    const holder = q.lease.holder;
    if (!holder) return;
    const { taken, front } = q.lease.revoke(q.items, by);
    q.items = front;
    this.#stampTaken(q, holder, taken);
  }

  /** The holder took its next `n` leased items: stamp the gets now, in order. */
  took(p: ProcRec, m: LabMessageOf<'queue.took'>, q: QueueState): void {
    const taken = q.lease.took(p, m.gen, m.n);
    if (taken === null) {
      this.hub.fail(p, 0, 'Error', `${q.name}: a take reported without leased items`);
      return;
    }
    q.holderGetSite = m.site;
    this.#stampTaken(q, p, taken, m.site);
    q.lease.soon(() => this.#topUp(q));
  }

  #serveGetters(q: QueueState, at?: number): void {
    while (q.items.length > 0 && q.getters.length > 0) {
      const w = q.getters[this.hub.sched.choose(q.getters)];
      dropWaiter(w);
      this.#dequeue(w.proc, w.id, q, w.site, at);
    }
  }

  #servePutters(q: QueueState, at?: number): void {
    while (q.putters.length > 0 && !this.#isFull(q)) {
      const w = q.putters[this.hub.sched.choose(q.putters)];
      dropWaiter(w);
      this.#enqueue(w.proc, w.id, q, w.value ?? null, w.site, at);
    }
  }

  query(p: ProcRec, m: LabMessageOf<'queue.query'>, q: QueueState): void {
    this.#settle(q);
    const n = size(q);
    const result =
      m.what === 'qsize' ? n : m.what === 'empty' ? n === 0 : q.maxsize > 0 && n >= q.maxsize;
    this.hub.rec.emit(p.index, 'queue.query', { obj: q.obj, op: m.what, result, site: m.site });
    this.hub.reply(p, m.id, result);
  }

  taskDone(p: ProcRec, m: LabMessageOf<'queue.taskDone'>, q: QueueState): void {
    if (!q.joinable) {
      this.hub.fail(p, m.id, 'TypeError', `${q.name} is not a JoinableQueue`);
      return;
    }
    if (q.unfinished === 0) {
      this.hub.fail(p, m.id, 'ValueError', 'taskDone() called too many times');
      return;
    }
    q.unfinished--;
    const { obj, unfinished } = q;
    this.hub.rec.emit(p.index, 'queue.task_done', { obj, unfinished, site: m.site });
    this.hub.reply(p, m.id, null);
    if (q.unfinished === 0) {
      while (q.joiners.length > 0) {
        const w = q.joiners[this.hub.sched.choose(q.joiners)];
        dropWaiter(w);
        this.hub.rec.emitObj(w.proc.index, 'queue.join.done', q.obj, w.site);
        this.hub.reply(w.proc, w.id, null);
      }
    }
  }

  join(p: ProcRec, m: LabMessageOf<'queue.join'>, q: QueueState): void {
    if (!q.joinable) {
      this.hub.fail(p, m.id, 'TypeError', `${q.name} is not a JoinableQueue`);
      return;
    }
    const { obj, unfinished } = q;
    this.hub.rec.emit(p.index, 'queue.join.wait', { obj, unfinished, site: m.site });
    if (q.unfinished === 0) {
      this.hub.rec.emitObj(p.index, 'queue.join.done', q.obj, m.site);
      this.hub.reply(p, m.id, null);
      return;
    }
    const w = newWaiter(p, m.id, 'qjoin', q.obj, this.hub.rec.now(), undefined, m.site);
    w.list = q.joiners;
    q.joiners.push(w);
  }
}
