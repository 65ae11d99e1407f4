/**
 * Which way this process waits for an acquire's answer: reading the wire synchronously, or in its
 * event loop. Neither always wins: the synchronous read saves the loop's wake-up, but it keeps a
 * core busy, and on a machine with more work than cores that core is one the runner needed to
 * answer. So the process times a few acquires each way, keeps the faster way for a long run of
 * acquires, and then times both again (the machine's load changes).
 */

/** Acquires timed each way before one is chosen. */
const TRIAL = 32;
/** Acquires made the chosen way before both are timed again. */
const RUN = 2048;
/** An answer slower than this (ms) waited for a holder: it tells nothing about the way of waiting. */
const CONTENDED_MS = 0.5;

export class WaitChoice {
  /** Where this process is in the cycle: TRIAL quick, TRIAL in the loop, then RUN as chosen. */
  #step = 0;
  #quickSum = 0;
  #quickCount = 0;
  #loopSum = 0;
  #loopCount = 0;
  #chosenQuick = true;

  /** Whether the acquire being made now reads the wire synchronously for its answer. */
  quickNow(): boolean {
    const step = this.#step;
    this.#step = step + 1 < 2 * TRIAL + RUN ? step + 1 : 0;
    // Only the trials' answers are compared (a few late ones of the run before may slip in).
    if (step === 0) this.#quickSum = this.#quickCount = this.#loopSum = this.#loopCount = 0;
    if (step < TRIAL) return true;
    if (step < 2 * TRIAL) return false;
    if (step === 2 * TRIAL) this.#choose();
    return this.#chosenQuick;
  }

  /** An acquire made the way `quick` says was answered `ms` after it was made. */
  timed(quick: boolean, ms: number): void {
    if (ms > CONTENDED_MS) return;
    if (quick) {
      this.#quickSum += ms;
      this.#quickCount++;
    } else {
      this.#loopSum += ms;
      this.#loopCount++;
    }
  }

  #choose(): void {
    // Too few uncontended answers one way or the other: keep the last choice.
    if (this.#quickCount >= TRIAL / 4 && this.#loopCount >= TRIAL / 4)
      this.#chosenQuick = this.#quickSum / this.#quickCount <= this.#loopSum / this.#loopCount;
  }
}

/** One per process: every lock's acquires are answered through the same wire and runner. */
export const waitChoice = new WaitChoice();
