/**
 * Queue leases: a get() is one IPC round trip, so a process that is a queue's sole getter is sent
 * the queue's front items ahead of its calls (at most LEASE_MAX at a time) and takes them locally.
 *
 * Truth is kept this way:
 * - Leased items stay in the queue: qsize, empty, full and a bounded queue's blocked putters count
 *   them until the holder reports each take (`queue.took` notices, in order).
 * - The runner stamps `queue.get` when it hears a take, not when the lab code took the item: the
 *   stamp is late by the IPC delay, like every other notice's. A process's messages arrive in the
 *   order it sent them, so its gets stay in order with everything else it does (a get is never
 *   stamped before its put, nor after what the process did next through the runner). Only what
 *   bypasses the runner (e.g. console.log on stdout) can show up ahead of the get's stamp.
 * - Any other get on the queue (or the holder's own request while leased items are on their way)
 *   waits while the lease is revoked: the holder hands back what it had not taken, and since its
 *   takes were sent before that answer, the runner knows exactly which items were taken. Then the
 *   waiting gets run in arrival order, against the queue as it really is: FIFO across processes.
 * - A holder that exits returns its untaken items to the front of the queue once its last
 *   messages have been read.
 * - The scheduler decides whether leases happen at all (`SchedulerPolicy.leasing`).
 */
import type { Json } from '../protocol/events';
import type { LabMessageOf } from '../protocol/lab';
import { Fifo } from './fifo';
import type { ProcRec } from './procRec';
import { send } from './procs';

export interface LeasedItem {
  item: number;
  value: Json;
}

export interface Lease {
  readonly proc: ProcRec;
  /** The ref the holder knows the queue by (lease messages name it). */
  readonly ref: string;
  readonly gen: number;
  /** Sent to the holder and not reported taken yet, in queue order: the queue's front. */
  readonly items: Fifo<LeasedItem>;
  /** `unlease` was sent: nothing more is sent; gets wait for the holder's answer. */
  revoking: boolean;
}

/** A get that arrived while a lease was out: run again once the lease has ended. */
export interface DeferredGet {
  p: ProcRec;
  m: LabMessageOf<'queue.get'>;
}

/** Per-queue lease bookkeeping. */
export interface LeaseSlot {
  lease: Lease | null;
  deferred: DeferredGet[];
  /** Index of the process that got last, and how many gets in a row it made. */
  lastGetter: number;
  streak: number;
  /** Gets in a row needed before a lease: doubles each time another getter breaks one. */
  leaseAfter: number;
  /** The ref each process last used for this queue. */
  refs: Map<number, string>;
  topUpQueued: boolean;
}

/**
 * Most items out on lease at once. A holder that runs out makes a round trip, so a lease should
 * outlast the time the holder's reports take to reach the runner and the top-up to come back.
 */
export const LEASE_MAX = 4096;
const FIRST_LEASE_AFTER = 2;
const MAX_LEASE_AFTER = 64;

export function newLeaseSlot(): LeaseSlot {
  return {
    lease: null,
    deferred: [],
    lastGetter: -1,
    streak: 0,
    leaseAfter: FIRST_LEASE_AFTER,
    refs: new Map(),
    topUpQueued: false,
  };
}

/** Another process broke a lease: wait for longer runs of gets before leasing again. */
export function leaseBroken(s: LeaseSlot): void {
  s.leaseAfter = Math.min(MAX_LEASE_AFTER, s.leaseAfter * 2);
}

/** Counts a get by `p`; true when it has made enough gets in a row to be offered a lease. */
export function countGet(s: LeaseSlot, p: ProcRec): boolean {
  if (s.lastGetter === p.index) s.streak++;
  else {
    s.lastGetter = p.index;
    s.streak = 1;
  }
  return s.streak >= s.leaseAfter;
}

/** `items` with the lease's untaken items put back in front (a Fifo cannot unshift). */
export function returnLeased(lease: Lease, items: Fifo<LeasedItem>): Fifo<LeasedItem> {
  if (lease.items.length === 0) return items;
  const out = new Fifo<LeasedItem>();
  for (let it = lease.items.shift(); it; it = lease.items.shift()) out.push(it);
  for (let it = items.shift(); it; it = items.shift()) out.push(it);
  return out;
}

/** Calls `gone` once `p` has exited and its last messages have been read (`p.alive` is false). */
export function whenGone(p: ProcRec, gone: () => void): void {
  const poll = () => (p.alive ? setTimeout(poll, 10) : gone());
  if (p.child.exitCode !== null || p.child.signalCode !== null) poll();
  else p.child.once('exit', poll);
}

/** Sends the holder more of the queue's front (`items`, the unleased ones), up to LEASE_MAX out. */
export function topUpLease(lease: Lease, items: Fifo<LeasedItem>): void {
  if (lease.revoking || !lease.proc.alive) return;
  const n = Math.min(LEASE_MAX - lease.items.length, items.length);
  if (n <= 0) return;
  const values = [];
  for (let i = 0; i < n; i++) {
    const it = items.shift() as LeasedItem;
    lease.items.push(it);
    values.push(it.value);
  }
  send(lease.proc, { lease: { ref: lease.ref, gen: lease.gen, values } });
}

/** `p` wants to get while items are out on `lease`: ask the holder to give them back. */
export function revoke(s: LeaseSlot, lease: Lease, p: ProcRec): void {
  lease.revoking = true;
  if (lease.proc !== p) leaseBroken(s);
  send(lease.proc, { unlease: { ref: lease.ref, gen: lease.gen } });
}

/** Tells the holder its next leased item went to its get request (sent before the reply). */
export function sendSkip(lease: Lease): void {
  send(lease.proc, { lease: { ref: lease.ref, gen: lease.gen, values: [], skip: 1 } });
}
