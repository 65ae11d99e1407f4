/**
 * Queue leases: a get() is one IPC round trip, so a process that is a queue's sole getter is sent
 * the queue's front items ahead of its calls (at most LEASE_MAX at a time) and takes them locally.
 * A lease must never change what a program observes, so:
 * - Every take is claimed first in the run's claims file (src/protocol/leaseClaims.ts): the
 *   holder writes how many leased items it has taken, then reads whether the runner revoked the
 *   lease. The runner revokes by writing "revoking", reading the claim, and writing its decision.
 *   Whichever order the two meet in, both sides agree on exactly which items were taken, and
 *   the runner never waits for the holder: another process's get, a put that finds the queue
 *   full, or a size query is answered at once, against the queue as it really is.
 * - Leased items stay in the queue until a take is known (a `queue.took` notice, or a claim
 *   read from the file): qsize, empty, full and a bounded queue's room count them until then.
 * - The runner stamps `queue.get` when it learns of a take: late by the IPC delay, like every
 *   other notice's, and in the holder's order (a process's messages arrive in the order it sent
 *   them, so its gets stay in order with everything else it does).
 * - The scheduler decides whether leases happen at all (`SchedulerPolicy.leasing`).
 */
import type { Json } from '../protocol/events';
import type { LeaseClaims } from './leaseClaimsFile';
import { Fifo } from './fifo';
import type { ProcRec } from './procRec';
import { send } from './procRec';

export interface LeasedItem {
  item: number;
  value: Json;
}

/**
 * Most items out on lease at once. A holder that runs out makes a round trip, so a lease should
 * outlast the time the holder's reports take to reach the runner and the top-up to come back.
 */
export const LEASE_MAX = 4096;
const FIRST_LEASE_AFTER = 2;
const MAX_LEASE_AFTER = 64;

/** One lease: the items sent ahead to `holder`, in queue order (the queue's front). */
interface Lease {
  readonly holder: ProcRec;
  /** The ref the holder knows the queue by (lease messages name it). */
  readonly ref: string;
  readonly gen: number;
  /** Sent and not known taken yet. */
  readonly items: Fifo<LeasedItem>;
  /** Leased items known taken so far (stamped as gets, or given to the holder's own request). */
  known: number;
  /** Takes the holder has told of (its notices and the requests served from its lease). */
  told: number;
}

/** The lease state of one queue, which its QueueBroker calls. */
export class QueueLease {
  #lease: Lease | null = null;
  /** Index of the process that got last, and how many gets in a row it made. */
  #lastGetter = -1;
  #streak = 0;
  /** Gets in a row needed before a lease: doubles each time another getter breaks one. */
  #leaseAfter = FIRST_LEASE_AFTER;
  /** The ref each process last used for this queue. */
  readonly #refs = new Map<number, string>();
  #topUpQueued = false;

  constructor(private readonly claims: LeaseClaims) {}

  /** Items out on lease and not known taken: still in the queue. */
  get out(): number {
    return this.#lease?.items.length ?? 0;
  }

  /** The process holding a lease on this queue, if any. */
  get holder(): ProcRec | null {
    return this.#lease?.holder ?? null;
  }

  holds(p: ProcRec): boolean {
    return this.#lease?.holder === p;
  }

  /** A get by `p`, which knows the queue as `ref`. */
  heard(p: ProcRec, ref: string): void {
    this.#refs.set(p.index, ref);
  }

  /** Counts a get by `p`; true when it has made enough gets in a row to be offered a lease. */
  countGet(p: ProcRec): boolean {
    if (this.#lastGetter === p.index) this.#streak++;
    else {
      this.#lastGetter = p.index;
      this.#streak = 1;
    }
    return this.#streak >= this.#leaseAfter;
  }

  /** Starts a lease to `p` (nothing is sent yet: see topUp). False when none can be made. */
  grant(p: ProcRec): boolean {
    const ref = this.#refs.get(p.index);
    if (this.#lease || !ref || !p.alive) return false;
    const gen = this.claims.newGen();
    if (gen === null) return false;
    this.#lease = { holder: p, ref, gen, items: new Fifo(), known: 0, told: 0 };
    return true;
  }

  /** Sends the holder more of the queue's front (`front`, the unleased items), up to LEASE_MAX out. */
  topUp(front: Fifo<LeasedItem>): void {
    const lease = this.#lease;
    if (!lease || !lease.holder.alive) return;
    const n = Math.min(LEASE_MAX - lease.items.length, front.length);
    if (n <= 0) return;
    const values = [];
    for (let i = 0; i < n; i++) {
      const it = front.shift() as LeasedItem;
      lease.items.push(it);
      values.push(it.value);
    }
    send(lease.holder, { lease: { ref: lease.ref, gen: lease.gen, values } });
  }

  /** Calls `run` at the end of this tick, once however often it is asked (puts come in bursts). */
  soon(run: () => void): void {
    if (!this.#lease || this.#topUpQueued) return;
    this.#topUpQueued = true;
    setImmediate(() => {
      this.#topUpQueued = false;
      run();
    });
  }

  /**
   * The holder's own request, while leased items are out: it gets the next one (which may still
   * be on its way to it). The `skip`, sent like the items before the reply, tells it that item is
   * taken; it takes nothing from its lease while a request is out, so its next is exactly this one.
   */
  serveHolder(): LeasedItem | null {
    const lease = this.#lease;
    if (!lease || lease.items.length === 0) return null;
    lease.known++;
    lease.told++;
    send(lease.holder, { lease: { ref: lease.ref, gen: lease.gen, values: [], skip: 1 } });
    return lease.items.shift() as LeasedItem;
  }

  /**
   * The holder told of `n` more takes of lease `gen`: the items newly known taken, in order.
   * Null when the report cannot be true (an unknown lease, or more takes than items sent).
   */
  took(p: ProcRec, gen: number, n: number): LeasedItem[] | null {
    const lease = this.#lease;
    if (!lease || lease.gen !== gen) return this.claims.issued(gen) ? [] : null;
    if (lease.holder !== p || n < 1 || lease.told + n > lease.known + lease.items.length)
      return null;
    lease.told += n;
    return this.#knownUpTo(lease, lease.told);
  }

  /** Takes the file shows that the runner has not heard of yet: the items, in order. */
  settle(): LeasedItem[] {
    const lease = this.#lease;
    if (!lease || lease.items.length === 0) return [];
    return this.#knownUpTo(lease, this.claims.claimed(lease.gen));
  }

  /**
   * Ends the lease at once, without waiting for the holder: the items it took (per the claims
   * file) are returned first, as taken; the rest are put back at the front of `front`.
   */
  revoke(
    front: Fifo<LeasedItem>,
    by: ProcRec | null,
  ): { taken: LeasedItem[]; front: Fifo<LeasedItem> } {
    const lease = this.#lease;
    if (!lease) return { taken: [], front };
    this.#lease = null;
    if (by && by !== lease.holder)
      this.#leaseAfter = Math.min(MAX_LEASE_AFTER, this.#leaseAfter * 2);
    const taken = this.#knownUpTo(lease, this.claims.decide(lease.gen));
    // The holder finds out at its next take (its claim is refused); until then it only holds memory.
    if (lease.items.length === 0) return { taken, front };
    const back = new Fifo<LeasedItem>();
    for (let it = lease.items.shift(); it; it = lease.items.shift()) back.push(it);
    for (let it = front.shift(); it; it = front.shift()) back.push(it);
    return { taken, front: back };
  }

  #knownUpTo(lease: Lease, count: number): LeasedItem[] {
    const out: LeasedItem[] = [];
    while (lease.known < count && lease.items.length > 0) {
      out.push(lease.items.shift() as LeasedItem);
      lease.known++;
    }
    return out;
  }
}
