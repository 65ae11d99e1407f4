/** Routes the requests of Semaphore, Event, Condition and Barrier to their brokers (dispatch.ts does the rest). */
import type { LabMessage } from '../protocol/lab';
import type { BarrierBroker } from './barriers';
import type { ConditionBroker } from './conditions';
import type { EventBroker } from './eventFlags';
import type { ProcRec } from './procRec';
import type { SemaphoreBroker } from './semaphores';
import type { AnyObj } from './waitText';

export interface SyncBrokers {
  sems: SemaphoreBroker;
  flags: EventBroker;
  conds: ConditionBroker;
  barriers: BarrierBroker;
}

/** Finds the object request `m` names, of kind `kind`; null (the caller was refused) if none. */
export type FindObj = <K extends AnyObj['kind']>(
  ref: string,
  kind: K,
) => Extract<AnyObj, { kind: K }> | null;

/** Handles `m` when it is a request on one of these primitives; false when it is not one. */
export function dispatchSync(b: SyncBrokers, p: ProcRec, m: LabMessage, find: FindObj): boolean {
  switch (m.op) {
    case 'sem.acquire':
    case 'sem.release':
    case 'sem.value': {
      const sem = find(m.ref, 'sem');
      if (!sem) return true;
      if (m.op === 'sem.acquire') b.sems.acquire(p, m, sem);
      else if (m.op === 'sem.release') b.sems.release(p, m, sem);
      else b.sems.value(p, m, sem);
      return true;
    }
    case 'event.wait':
    case 'event.set':
    case 'event.clear':
    case 'event.isSet': {
      const ev = find(m.ref, 'event');
      if (!ev) return true;
      if (m.op === 'event.wait') b.flags.wait(p, m, ev);
      else if (m.op === 'event.set') b.flags.set(p, m, ev);
      else if (m.op === 'event.clear') b.flags.clear(p, m, ev);
      else b.flags.isSet(p, m, ev);
      return true;
    }
    case 'cond.wait':
    case 'cond.notify': {
      const cond = find(m.ref, 'cond');
      if (!cond) return true;
      if (m.op === 'cond.wait') b.conds.wait(p, m, cond);
      else b.conds.notify(p, m, cond);
      return true;
    }
    case 'barrier.wait':
    case 'barrier.actionDone':
    case 'barrier.reset':
    case 'barrier.abort':
    case 'barrier.query': {
      const bar = find(m.ref, 'barrier');
      if (!bar) return true;
      if (m.op === 'barrier.wait') b.barriers.wait(p, m, bar);
      else if (m.op === 'barrier.actionDone') b.barriers.actionDone(p, m, bar);
      else if (m.op === 'barrier.reset') b.barriers.reset(p, m, bar);
      else if (m.op === 'barrier.abort') b.barriers.abort(p, m, bar);
      else b.barriers.query(p, m, bar);
      return true;
    }
    default:
      return false;
  }
}
