/** The runner's side of the queue-lease claims file (the layout is in src/protocol/leaseClaims.ts). */
import { closeSync, openSync, readSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import {
  CLAIM_SLOT_BYTES,
  CLAIMED_AT,
  CLAIMS_FILE,
  DECISION_AT,
  MAX_LEASE_GENS,
  REVOKING,
} from '../protocol/leaseClaims';

/**
 * The runner opens the file for each revoke or read and closes it again: these are rare next to a
 * holder's takes, and no descriptor outlives the run (an open file would keep its folder on some
 * systems).
 */
export class LeaseClaims {
  readonly #path: string;
  #gens = 0;
  readonly #word = Buffer.alloc(4);

  constructor(dir: string) {
    this.#path = join(dir, CLAIMS_FILE);
  }

  /** A new lease generation (its slot was never written, so it reads zero); null when none is left. */
  newGen(): number | null {
    if (this.#gens + 1 >= MAX_LEASE_GENS) return null;
    // Holders open the file when their first lease arrives: it exists before any lease is sent.
    if (this.#gens === 0) writeFileSync(this.#path, '');
    return ++this.#gens;
  }

  /** True when `gen` was handed out (a report about an ended lease is not an error). */
  issued(gen: number): boolean {
    return gen >= 1 && gen <= this.#gens;
  }

  /** How many of lease `gen`'s items its holder has claimed so far. */
  claimed(gen: number): number {
    if (!this.issued(gen)) return 0;
    const fd = openSync(this.#path, 'r');
    try {
      return this.#read(fd, gen * CLAIM_SLOT_BYTES + CLAIMED_AT);
    } finally {
      closeSync(fd);
    }
  }

  /** Revokes lease `gen`: returns the claim that stands (takes up to it count, later ones do not). */
  decide(gen: number): number {
    if (!this.issued(gen)) return 0;
    const at = gen * CLAIM_SLOT_BYTES;
    const fd = openSync(this.#path, 'r+');
    try {
      this.#write(fd, at + DECISION_AT, REVOKING);
      const claimed = this.#read(fd, at + CLAIMED_AT);
      this.#write(fd, at + DECISION_AT, claimed + 1);
      return claimed;
    } finally {
      closeSync(fd);
    }
  }

  #read(fd: number, at: number): number {
    const n = readSync(fd, this.#word, 0, 4, at);
    return n === 4 ? this.#word.readUInt32LE(0) : 0;
  }

  #write(fd: number, at: number, value: number): void {
    this.#word.writeUInt32LE(value >>> 0, 0);
    writeSync(fd, this.#word, 0, 4, at);
  }
}
