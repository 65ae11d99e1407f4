/**
 * The lab side of queue leases (the runner side, and why they keep the log true, is in
 * src/runner/queueLease.ts): items the runner sent ahead for this process's get() calls.
 * A get takes the next leased item at once and reports the take as a notice; the runner stamps
 * the `queue.get` when it hears it. Nothing is taken from a lease while one of this process's get
 * requests on the queue is unanswered, so the gets of one process finish in the order they began.
 */
import type { Json } from '../protocol/events';
import { isLeaseToLab, type LeaseToLab } from '../protocol/lab';
import { flushNotices, lastQueuedNotice, notify } from './context';

/**
 * Most takes merged into one notice: each notice is a write that wakes the runner (tens of µs on
 * a busy machine), and a loop of leased gets takes a few hundred in well under a millisecond.
 */
const REPORT_EVERY = 256;

interface Local {
  gen: number;
  values: Json[];
  head: number;
  /** get() requests on this queue still waiting for the runner's answer. */
  outstanding: number;
}

const locals = new Map<string, Local>();

/** A runner message that may be about a lease (anything else is ignored). */
export function receiveLease(msg: unknown): void {
  if (isLeaseToLab(msg)) onLease(msg);
}

/** This process's lease state for queue `ref`. */
export function localLease(ref: string): Local {
  let l = locals.get(ref);
  if (!l) locals.set(ref, (l = { gen: 0, values: [], head: 0, outstanding: 0 }));
  return l;
}

/** The next leased item of `ref`, taken and reported; undefined when there is none to take. */
export function takeLeased(ref: string): { value: Json } | undefined {
  const l = locals.get(ref);
  if (!l || l.outstanding > 0 || l.head >= l.values.length) return undefined;
  const value = l.values[l.head];
  l.values[l.head++] = null;
  if (l.head === l.values.length) {
    l.values = [];
    l.head = 0;
  }
  // Takes in a row merge into one notice; any other message in between keeps its place.
  const last = lastQueuedNotice();
  if (last && last.op === 'queue.took' && last.ref === ref && last.gen === l.gen) {
    // A loop of leased gets never yields: report now and then, so the stamps stay close.
    if (++last.n >= REPORT_EVERY) flushNotices();
  } else notify({ id: 0, op: 'queue.took', ref, gen: l.gen, n: 1 });
  return { value };
}

function onLease(msg: LeaseToLab): void {
  if ('lease' in msg) {
    const { ref, gen, values } = msg.lease;
    const l = localLease(ref);
    if (l.gen !== gen) {
      // A new lease: the runner counts every earlier one as ended.
      l.gen = gen;
      l.values = values.slice();
      l.head = 0;
    } else {
      for (const v of values) l.values.push(v);
    }
    // Our get request was answered with the next leased item (it is not taken here again).
    for (let n = msg.lease.skip ?? 0; n > 0 && l.head < l.values.length; n--)
      l.values[l.head++] = null;
    return;
  }
  const { ref, gen } = msg.unlease;
  const l = localLease(ref);
  if (l.gen === gen) {
    l.values = [];
    l.head = 0;
  }
  // Sent after every take already reported, so the runner knows which items came back.
  notify({ id: 0, op: 'queue.unleased', ref, gen });
}
