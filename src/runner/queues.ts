/** QueueBroker: items live in the runner; FIFO, maxsize, Full/Empty, timeouts, task accounting. */
import type { Json } from '../protocol/events';
import type { LabMessageOf } from '../protocol/lab';
import { Fifo } from './fifo';
import type { Hub, ObjectTable } from './hub';
import { preview } from './preview';
import type { ProcRec } from './procRec';
import { dropWaiter, newWaiter, type Waiter } from './waiter';

export interface Item { item: number; value: Json }

export interface QueueState {
  readonly kind: 'queue';
  readonly obj: number;
  readonly name: string;
  readonly maxsize: number;
  readonly joinable: boolean;
  readonly items: Fifo<Item>;
  readonly getters: Waiter[];
  readonly putters: Waiter[];
  readonly joiners: Waiter[];
  unfinished: number;
}

/** Most items one queue may hold, whatever its maxsize says: memory is bounded. */
const HARD_CAP = 100_000;

export class QueueBroker {
  #items = 0;

  constructor(private readonly hub: Hub, private readonly objects: ObjectTable<{ obj: number; kind: string }>) {}

  create(p: ProcRec, m: LabMessageOf<'queue.create'>): void {
    const obj = this.objects.nextObj();
    const name = m.name?.slice(0, 100) || this.objects.defaultName(m.joinable ? 'JoinableQueue' : 'Queue');
    const q: QueueState = {
      kind: 'queue', obj, name, maxsize: m.maxsize, joinable: m.joinable,
      items: new Fifo(), getters: [], putters: [], joiners: [], unfinished: 0,
    };
    this.objects.add(m.ref, q);
    this.hub.rec.emit(p.index, 'queue.create', { obj, name, maxsize: m.maxsize, joinable: m.joinable });
  }

  #isFull(q: QueueState): boolean {
    return (q.maxsize > 0 && q.items.length >= q.maxsize) || q.items.length >= HARD_CAP;
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
      hub.rec.emit(p.index, 'queue.full', { obj: q.obj });
      hub.fail(p, m.id, 'Full', `${q.name} is full (${q.items.length} items)`);
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

  #enqueue(p: ProcRec, id: number, q: QueueState, value: Json): void {
    const item = ++this.#items;
    q.items.push({ item, value });
    if (q.joinable) q.unfinished++;
    this.hub.rec.emit(p.index, 'queue.put', { obj: q.obj, item, value: preview(value), size: q.items.length });
    this.hub.reply(p, id, null);
    this.#serveGetters(q);
  }

  get(p: ProcRec, m: LabMessageOf<'queue.get'>, q: QueueState): void {
    const { hub } = this;
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

  #dequeue(p: ProcRec, id: number, q: QueueState): void {
    const it = q.items.shift() as Item;
    this.hub.rec.emit(p.index, 'queue.get', { obj: q.obj, item: it.item, value: preview(it.value), size: q.items.length });
    this.hub.reply(p, id, it.value);
    this.#servePutters(q);
  }

  #serveGetters(q: QueueState): void {
    while (q.items.length > 0 && q.getters.length > 0) {
      const w = q.getters[this.hub.sched.choose(q.getters)];
      dropWaiter(w);
      this.#dequeue(w.proc, w.id, q);
    }
  }

  #servePutters(q: QueueState): void {
    while (!this.#isFull(q) && q.putters.length > 0) {
      const w = q.putters[this.hub.sched.choose(q.putters)];
      dropWaiter(w);
      this.#enqueue(w.proc, w.id, q, w.value ?? null);
    }
  }

  query(p: ProcRec, m: LabMessageOf<'queue.query'>, q: QueueState): void {
    const result = m.what === 'qsize' ? q.items.length : m.what === 'empty' ? q.items.length === 0 : q.maxsize > 0 && q.items.length >= q.maxsize;
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
