/**
 * The queue-lease claims file, shared by the runner and lab processes through the run's folder.
 * A lease holder claims each leased item before it takes it, and the runner revokes a lease
 * without waiting for the holder (src/runner/queueLease.ts says why that keeps Python's
 * semantics). Each lease generation `gen` owns CLAIM_SLOT_BYTES bytes at `gen * CLAIM_SLOT_BYTES`,
 * two little-endian u32s, each written by one side only:
 * - at CLAIMED_AT, written by the holder: how many of the lease's items it has taken;
 * - at DECISION_AT, written by the runner: 0 while the lease stands, REVOKING while it reads the
 *   claim, then 1 + the claim it read: the holder's takes up to that count stand, later ones not.
 * The holder writes its claim, then reads the decision; the runner writes REVOKING, then reads
 * the claim. So at least one of them sees the other's write, and the decision settles the rest.
 * Bytes never written read as zero (the file is sparse).
 */

/** In the run's folder; a lab's shared file cannot have this name (it starts with a dot). */
export const CLAIMS_FILE = '.queue-lease-claims';
export const CLAIM_SLOT_BYTES = 8;
export const CLAIMED_AT = 0;
export const DECISION_AT = 4;
export const REVOKING = 0xffffffff;
/** Most lease generations in one run (the file stays under 16 MiB); then leasing stops. */
export const MAX_LEASE_GENS = 1 << 21;
