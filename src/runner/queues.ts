/** QueueBroker: items live in the runner; FIFO, maxsize, Full/Empty, timeouts, task accounting. */
import type { Json } from '../protocol/events';
import type { LabMessageOf } from '../protocol/lab';
import { Fifo } from './fifo';
import type { BrokerContext } from './brokerContext';
import type { ObjectTable } from './objectTable';
import { RUNNER_TEXT } from './runnerText';
import { preview } from './preview';
import type { ProcRec } from './procRec';
import {
  countGet,
  leaseBroken,
  newLeaseSlot,
  returnLeased,
  revoke,
  sendSkip,
  topUpLease,
  whenGone,
  type LeaseSlot,
} from './queueLease';
import { dropWaiter, newWaiter, type Waiter } from './waiter';

export interface Item {
  item: number;
  value: Json;
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
  /** Lease bookkeeping, made on first use (see `slot`). */
  lease?: LeaseSlot;
}

function slot(q: QueueState): LeaseSlot {
  return (q.lease ??= newLeaseSlot());
}

/** How many items the queue holds, leased ones included. */
export function size(q: QueueState): number {
  return q.items.length + (q.lease?.lease?.items.length ?? 0);
}

/** Most items one queue may hold, whatever its maxsize says: memory is bounded. */
const HARD_CAP = 100_000;

export class QueueBroker {
  #items = 0;
  #gens = 0;
  readonly #watched = new WeakSet<ProcRec>();

  constructor(
    private readonly hub: BrokerContext,
    private readonly objects: ObjectTable<{ obj: number; kind: string }>,
  ) {}

  create(p: ProcRec, m: LabMessageOf<'queue.create'>): void {
    const obj = this.objects.nextObj();
    const name =
      m.name?.slice(0, 100) || this.objects.defaultName(m.joinable ? 'JoinableQueue' : 'Queue');
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
      lease: newLeaseSlot(),
    };
    this.objects.add(m.ref, q);
    this.hub.rec.emit(p.index, 'queue.create', {
      obj,
      name,
      maxsize: m.maxsize,
      joinable: m.joinable,
    });
  }

  #isFull(q: QueueState): boolean {
    const n = size(q);
    return (q.maxsize > 0 && n >= q.maxsize) || n >= HARD_CAP;
  }

  put(p: ProcRec, m: LabMessageOf<'queue.put'>, q: QueueState): void {
    const { hub } = this;
    if (!this.#isFull(q)) {
      this.#enqueue(p, m.id, q, m.value);
      return;
    }
    const timeoutSec = m.block ? m.timeoutSec : undefined;
    // A notice (unbounded put) cannot wait: at the hard cap it is refused, so memory stays bounded.
    if (!m.block || timeoutSec === 0 || m.id === 0) {
      if (size(q) >= HARD_CAP) hub.limit('queue', RUNNER_TEXT.queueCap(q.name, HARD_CAP));
      hub.rec.emit(p.index, 'queue.full', { obj: q.obj });
      hub.fail(p, m.id, 'Full', `${q.name} is full (${size(q)} items)`);
      return;
    }
    hub.rec.emit(p.index, 'queue.put.wait', { obj: q.obj });
    const w = newWaiter(p, m.id, 'put', q.obj, hub.rec.now(), m.value);
    w.list = q.putters;
    q.putters.push(w);
    if (timeoutSec !== undefined) {
      w.timer = hub.sched.after(timeoutSec, () => {
        w.timer = null;
        dropWaiter(w);
        hub.rec.emit(p.index, 'queue.full', { obj: q.obj });
        hub.fail(p, w.id, 'Full', `${q.name} stayed full for ${timeoutSec} s`);
      });
    }
  }

  /**
   * `at`: the instant of the get that made room for this (blocked) put. A waiting getter served by
   * this put, or a waiting putter let in by a get, moves at the same instant as what freed it.
   */
  #enqueue(p: ProcRec, id: number, q: QueueState, value: Json, at = this.hub.rec.now()): void {
    const item = ++this.#items;
    q.items.push({ item, value });
    if (q.joinable) q.unfinished++;
    this.hub.rec.emitItem(p.index, 'queue.put', q.obj, item, preview(value), size(q), at);
    this.hub.reply(p, id, null);
    this.#serveGetters(q, at);
    this.#topUpSoon(q);
  }

  get(p: ProcRec, m: LabMessageOf<'queue.get'>, q: QueueState): void {
    const { hub } = this;
    const s = slot(q);
    s.refs.set(p.index, m.ref);
    const lease = s.lease;
    if (lease && lease.proc === p && !lease.revoking) {
      // The holder ran out: send more now, ahead of the answer, so its next gets need no request.
      if (lease.items.length === 0) this.#topUp(q);
      // Its request takes the next leased item (which may still be on its way).
      if (lease.items.length > 0) {
        this.#serveFromLease(p, m.id, q, lease);
        return;
      }
    }
    if (lease && (lease.revoking || lease.items.length > 0)) {
      // Leased items are the queue's front and may be taken right now: settle the lease first.
      s.deferred.push({ p, m });
      if (!lease.revoking) revoke(s, lease, p);
      return;
    }
    if (lease && lease.proc !== p) {
      // Nothing is out on this lease (every item sent was reported taken): it ends here, silently.
      s.lease = null;
      leaseBroken(s);
    }
    if (q.items.length > 0) {
      this.#dequeue(p, m.id, q);
      return;
    }
    const timeoutSec = m.block ? m.timeoutSec : undefined;
    if (!m.block || timeoutSec === 0) {
      hub.rec.emit(p.index, 'queue.empty', { obj: q.obj });
      hub.fail(p, m.id, 'Empty', `${q.name} is empty`);
      return;
    }
    hub.rec.emit(p.index, 'queue.get.wait', { obj: q.obj });
    const w = newWaiter(p, m.id, 'get', q.obj, hub.rec.now());
    w.list = q.getters;
    q.getters.push(w);
    if (timeoutSec !== undefined) {
      w.timer = hub.sched.after(timeoutSec, () => {
        w.timer = null;
        dropWaiter(w);
        hub.rec.emit(p.index, 'queue.empty', { obj: q.obj });
        hub.fail(p, w.id, 'Empty', `${q.name} stayed empty for ${timeoutSec} s`);
      });
    }
  }

  #dequeue(p: ProcRec, id: number, q: QueueState, at = this.hub.rec.now()): void {
    const it = q.items.shift() as Item;
    this.hub.rec.emitItem(p.index, 'queue.get', q.obj, it.item, preview(it.value), size(q), at);
    this.hub.reply(p, id, it.value);
    this.#servePutters(q, at);
    if (countGet(slot(q), p)) this.#grant(p, q);
  }

  /** `p` gets from `q` alone, again and again: send it the front items ahead of its calls. */
  #grant(p: ProcRec, q: QueueState): void {
    const s = slot(q);
    const ref = s.refs.get(p.index);
    if (
      !this.hub.sched.leasing ||
      s.lease ||
      s.deferred.length > 0 ||
      q.getters.length > 0 ||
      !ref ||
      !p.alive
    )
      return;
    s.lease = { proc: p, ref, gen: ++this.#gens, items: new Fifo(), revoking: false };
    if (!this.#watched.has(p)) whenGone(p, () => this.#holderGone(p));
    this.#watched.add(p);
    this.#topUpSoon(q);
  }

  /** Sends the holder more items at the end of this tick (puts and takes arrive in bursts). */
  #topUpSoon(q: QueueState): void {
    const s = q.lease;
    if (!s?.lease || s.topUpQueued) return;
    s.topUpQueued = true;
    setImmediate(() => {
      s.topUpQueued = false;
      this.#topUp(q);
    });
  }

  #topUp(q: QueueState): void {
    const lease = q.lease?.lease;
    // Waiting getters are served from the front first, so nothing is leased while there are any.
    if (lease && q.getters.length === 0 && q.lease!.deferred.length === 0)
      topUpLease(lease, q.items);
  }

  /**
   * The holder's request is answered with its next leased item, which may still be on its way: the
   * `skip` (sent, like the items, before the reply) tells it that item is taken. It takes nothing
   * from its lease while a request is out, so its next untaken item is exactly this one.
   */
  #serveFromLease(
    p: ProcRec,
    id: number,
    q: QueueState,
    lease: NonNullable<LeaseSlot['lease']>,
  ): void {
    const it = lease.items.shift() as Item;
    const at = this.hub.rec.now();
    this.hub.rec.emitItem(p.index, 'queue.get', q.obj, it.item, preview(it.value), size(q), at);
    sendSkip(lease);
    this.hub.reply(p, id, it.value);
    this.#servePutters(q, at);
    this.#topUpSoon(q);
  }

  /**
   * The holder took its next `n` leased items: stamp the gets now, in order. A put blocked on a
   * bounded queue goes in right after the take that made room for it, at its instant.
   */
  took(p: ProcRec, m: LabMessageOf<'queue.took'>, q: QueueState): void {
    const lease = q.lease?.lease;
    if (!lease || lease.proc !== p || lease.gen !== m.gen || m.n < 1 || m.n > lease.items.length) {
      this.hub.fail(p, 0, 'Error', `${q.name}: a take reported without leased items`);
      return;
    }
    for (let i = 0; i < m.n; i++) {
      const it = lease.items.shift() as Item;
      const at = this.hub.rec.now();
      this.hub.rec.emitItem(p.index, 'queue.get', q.obj, it.item, preview(it.value), size(q), at);
      this.#servePutters(q, at);
    }
    this.#topUpSoon(q);
  }

  /** The holder gave the lease back: its untaken items are the front again; waiting gets run. */
  unleased(p: ProcRec, m: LabMessageOf<'queue.unleased'>, q: QueueState): void {
    const lease = q.lease?.lease;
    if (lease && lease.proc === p && lease.gen === m.gen) this.#endLease(q);
  }

  #holderGone(p: ProcRec): void {
    for (const q of this.objects.byObj as unknown as QueueState[])
      if (q.kind === 'queue' && q.lease?.lease?.proc === p) this.#endLease(q);
  }

  #endLease(q: QueueState): void {
    const s = q.lease;
    if (!s?.lease) return;
    q.items = returnLeased(s.lease, q.items);
    s.lease = null;
    while (s.deferred.length > 0 && !s.lease) {
      const d = s.deferred.shift()!;
      if (d.p.alive) this.get(d.p, d.m, q);
    }
    this.#serveGetters(q);
  }

  #serveGetters(q: QueueState, at?: number): void {
    while (q.items.length > 0 && q.getters.length > 0) {
      const w = q.getters[this.hub.sched.choose(q.getters)];
      dropWaiter(w);
      this.#dequeue(w.proc, w.id, q, at);
    }
  }

  #servePutters(q: QueueState, at?: number): void {
    while (!this.#isFull(q) && q.putters.length > 0) {
      const w = q.putters[this.hub.sched.choose(q.putters)];
      dropWaiter(w);
      this.#enqueue(w.proc, w.id, q, w.value ?? null, at);
    }
  }

  query(p: ProcRec, m: LabMessageOf<'queue.query'>, q: QueueState): void {
    const n = size(q);
    const result =
      m.what === 'qsize' ? n : m.what === 'empty' ? n === 0 : q.maxsize > 0 && n >= q.maxsize;
    this.hub.rec.emit(p.index, 'queue.query', { obj: q.obj, op: m.what, result });
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
    this.hub.rec.emit(p.index, 'queue.task_done', { obj: q.obj, unfinished: q.unfinished });
    this.hub.reply(p, m.id, null);
    if (q.unfinished === 0) {
      while (q.joiners.length > 0) {
        const w = q.joiners[this.hub.sched.choose(q.joiners)];
        dropWaiter(w);
        this.hub.rec.emit(w.proc.index, 'queue.join.done', { obj: q.obj });
        this.hub.reply(w.proc, w.id, null);
      }
    }
  }

  join(p: ProcRec, m: LabMessageOf<'queue.join'>, q: QueueState): void {
    if (!q.joinable) {
      this.hub.fail(p, m.id, 'TypeError', `${q.name} is not a JoinableQueue`);
      return;
    }
    this.hub.rec.emit(p.index, 'queue.join.wait', { obj: q.obj, unfinished: q.unfinished });
    if (q.unfinished === 0) {
      this.hub.rec.emit(p.index, 'queue.join.done', { obj: q.obj });
      this.hub.reply(p, m.id, null);
      return;
    }
    const w = newWaiter(p, m.id, 'qjoin', q.obj, this.hub.rec.now());
    w.list = q.joiners;
    q.joiners.push(w);
  }
}
