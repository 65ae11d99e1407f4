/** EventBroker: each multiprocessing.Event's flag and the processes waiting for it. */
import type { LabMessageOf } from '../protocol/lab';
import type { BrokerContext } from './brokerContext';
import type { ObjectTable } from './objectTable';
import type { ProcRec } from './procRec';
import { dropWaiter, newWaiter, type Waiter } from './waiter';

export interface EventState {
  readonly kind: 'event';
  readonly obj: number;
  readonly name: string;
  flag: boolean;
  readonly waiters: Waiter[];
}

export class EventBroker {
  constructor(
    private readonly hub: BrokerContext,
    private readonly objects: ObjectTable<{ obj: number; kind: string } | EventState>,
  ) {}

  create(p: ProcRec, m: LabMessageOf<'event.create'>): void {
    const { obj, name } = this.objects.identify('Event', m.name);
    this.objects.add(m.ref, { kind: 'event', obj, name, flag: false, waiters: [] });
    this.hub.rec.emit(p.index, 'event.create', { obj, name, site: m.site });
  }

  wait(p: ProcRec, m: LabMessageOf<'event.wait'>, ev: EventState): void {
    const { hub } = this;
    const begin = { obj: ev.obj, timeoutSec: m.timeoutSec, site: m.site };
    hub.rec.emit(p.index, 'event.wait', begin);
    if (ev.flag || m.timeoutSec === 0) {
      hub.rec.emit(p.index, 'event.wake', {
        obj: ev.obj,
        flag: ev.flag,
        waitedUs: 0,
        site: m.site,
      });
      hub.reply(p, m.id, ev.flag);
      return;
    }
    const w = newWaiter(p, m.id, 'event', ev.obj, hub.rec.now(), undefined, m.site);
    w.list = ev.waiters;
    ev.waiters.push(w);
    if (m.timeoutSec === undefined) return hub.blocked(w);
    w.timer = hub.sched.after(m.timeoutSec, () => {
      w.timer = null;
      dropWaiter(w);
      this.#wake(w, ev, false);
    });
  }

  set(p: ProcRec, m: LabMessageOf<'event.set'>, ev: EventState): void {
    ev.flag = true;
    const woken = [...ev.waiters];
    this.hub.rec.emit(p.index, 'event.set', {
      obj: ev.obj,
      woke: woken.map((w) => w.proc.index),
      site: m.site,
    });
    this.hub.reply(p, m.id, null);
    for (const w of woken) {
      dropWaiter(w);
      this.#wake(w, ev, true);
    }
  }

  clear(p: ProcRec, m: LabMessageOf<'event.clear'>, ev: EventState): void {
    ev.flag = false;
    this.hub.rec.emit(p.index, 'event.clear', { obj: ev.obj, site: m.site });
    this.hub.reply(p, m.id, null);
  }

  isSet(p: ProcRec, m: LabMessageOf<'event.isSet'>, ev: EventState): void {
    this.hub.reply(p, m.id, ev.flag);
  }

  #wake(w: Waiter, ev: EventState, flag: boolean): void {
    const waitedUs = Math.max(0, this.hub.rec.now() - w.since);
    this.hub.rec.emit(w.proc.index, 'event.wake', { obj: ev.obj, flag, waitedUs, site: w.site });
    this.hub.reply(w.proc, w.id, flag);
  }
}
