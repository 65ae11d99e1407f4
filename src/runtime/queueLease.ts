/**
 * The lab side of queue leases (the runner side, and why they keep Python's semantics, is in
 * src/runner/queueLease.ts): items the runner sent ahead for this process's get() calls.
 * A get claims the next leased item in the claims file and takes it at once, then reports the
 * take as a notice; the runner stamps the `queue.get` when it hears it (or reads the claim).
 * Nothing is taken from a lease while one of this process's get requests on the queue is
 * unanswered, so the gets of one process finish in the order they began.
 */
import { openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Json } from '../protocol/events';
import { isLeaseToLab, type LeaseToLab } from '../protocol/lab';
import {
  CLAIM_SLOT_BYTES,
  CLAIMED_AT,
  CLAIMS_FILE,
  DECISION_AT,
  REVOKING,
} from '../protocol/leaseClaims';
import { ctx, flushNotices, lastQueuedNotice, notify, siteOfCall } from './context';

/**
 * Most takes merged into one notice: each notice is a write that wakes the runner (tens of µs on
 * a busy machine), and a loop of leased gets takes a few hundred in well under a millisecond.
 */
const REPORT_EVERY = 256;

interface Local {
  gen: number;
  values: Json[];
  head: number;
  /** Items of lease `gen` taken so far: by this process's gets, or given to its requests. */
  claimed: number;
  /** get() requests on this queue still waiting for the runner's answer. */
  outstanding: number;
}

const locals = new Map<string, Local>();

/** The next run starts with no lease (the process is reused). */
export function resetLeases(): void {
  locals.clear();
}

/** A runner message that may be about a lease (anything else is ignored). */
export function receiveLease(msg: unknown): void {
  if (isLeaseToLab(msg)) onLease(msg);
}

/** This process's lease state for queue `ref`. */
export function localLease(ref: string): Local {
  let l = locals.get(ref);
  if (!l) locals.set(ref, (l = { gen: 0, values: [], head: 0, claimed: 0, outstanding: 0 }));
  return l;
}

/** The next leased item of `ref`, claimed, taken and reported; undefined when there is none. */
export function takeLeased(ref: string): { value: Json } | undefined {
  const l = locals.get(ref);
  if (!l || l.outstanding > 0 || l.head >= l.values.length) return undefined;
  if (!claims.claim(l.gen, l.claimed + 1)) {
    // The runner revoked the lease: what is left here is the queue's again.
    l.values = [];
    l.head = 0;
    return undefined;
  }
  l.claimed++;
  const value = l.values[l.head];
  l.values[l.head++] = null;
  if (l.head === l.values.length) {
    l.values = [];
    l.head = 0;
  }
  // Takes in a row from one line merge into one notice; any other message in between keeps its place.
  const site = siteOfCall(takeLeased);
  const last = lastQueuedNotice();
  if (
    last &&
    last.op === 'queue.took' &&
    last.ref === ref &&
    last.gen === l.gen &&
    last.site === site
  ) {
    // A loop of leased gets never yields: report now and then, so the stamps stay close.
    if (++last.n >= REPORT_EVERY) flushNotices();
  } else notify({ id: 0, op: 'queue.took', ref, gen: l.gen, n: 1, site });
  return { value };
}

function onLease(msg: LeaseToLab): void {
  const { ref, gen, values } = msg.lease;
  const l = localLease(ref);
  if (l.gen !== gen) {
    // A new lease: the runner counts every earlier one as ended.
    l.gen = gen;
    l.values = values.slice();
    l.head = 0;
    l.claimed = 0;
  } else {
    for (const v of values) l.values.push(v);
  }
  // Our get request was answered with the next leased item (it is not taken here again).
  for (let n = msg.lease.skip ?? 0; n > 0 && l.head < l.values.length; n--) {
    l.values[l.head++] = null;
    l.claimed++;
  }
}

/** A lease holder's end of the claims file (src/protocol/leaseClaims.ts). */
export class ClaimsFile {
  #fd = -1;
  readonly #word = Buffer.alloc(4);
  /** For a short pause while the runner finishes a revoke it began. */
  readonly #pause = new Int32Array(new SharedArrayBuffer(4));

  /** `path`: where the file is, asked for when the first lease arrives. */
  constructor(private readonly path: () => string) {}

  /** Claims item `count` of lease `gen`: true when it is this process's to take. */
  claim(gen: number, count: number): boolean {
    const at = gen * CLAIM_SLOT_BYTES;
    this.#write(at + CLAIMED_AT, count);
    let decision = this.#read(at + DECISION_AT);
    if (decision === 0) return true;
    // Revoked, or being revoked: the runner's decision says whether our claim came in time.
    while (decision === REVOKING) {
      Atomics.wait(this.#pause, 0, 0, 0.05);
      decision = this.#read(at + DECISION_AT);
    }
    return count <= decision - 1;
  }

  #open(): number {
    if (this.#fd < 0) this.#fd = openSync(this.path(), 'r+');
    return this.#fd;
  }

  #read(at: number): number {
    const n = readSync(this.#open(), this.#word, 0, 4, at);
    return n === 4 ? this.#word.readUInt32LE(0) : 0;
  }

  #write(at: number, value: number): void {
    this.#word.writeUInt32LE(value >>> 0, 0);
    writeSync(this.#open(), this.#word, 0, 4, at);
  }
}

const claims = new ClaimsFile(() => join(ctx().init.dir, CLAIMS_FILE));
