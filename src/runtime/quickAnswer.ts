/**
 * When an acquire waits for its answer synchronously (wire.ts, awaitShortReply), and for how long:
 * adaptive, like an adaptive mutex. An uncontended acquire is answered in one round trip, and
 * reading the wire for that long can save the event loop's wake-up; a contended one is answered
 * only when the holder lets go, and reading for it would burn a core the holder and the runner
 * need. So the wait is bounded by twice this process's recent quick round trips (capped), and a
 * lock whose acquire was not answered in time is not waited for this way again for a while,
 * longer each time it happens again. Whether the wait pays at all depends on the machine (on a
 * busy one the reading process takes the core the runner needs to answer): acquires are timed
 * both ways now and then (waitChoice.ts), and the faster way is kept. What the lab observes and
 * what the log records do not change: the frames read are handed over exactly as the event loop
 * would hand them over, only sooner.
 */
import { controlled } from './context';
import { waitChoice } from './waitChoice';
import { awaitShortReply, type ShortReplyWait } from './shortReplyWait';

/** The longest synchronous wait (ms): about two round trips on a slow, loaded machine. */
const MOST_MS = 0.15;
/** The shortest (ms): a lucky fast round trip must not make every later wait too short. */
const LEAST_MS = 0.04;
/** Most acquires of one lock made without a synchronous wait after a late answer. */
const MOST_SKIPS = 64;
/**
 * Quick answers in a row may run lab code on microtasks alone: the event loop gets a turn (timers,
 * I/O, immediates) at least once per this many ms, as it would between ordinary answers.
 */
const TURN_EVERY_MS = 2;

/**
 * Whether the lab processes wait this way (CONCURRENCY_LABS_QUICK_ANSWER=0 turns it off). On a
 * quiet 2-core machine it takes an uncontended acquire+release from about 59 to 31 µs; under load
 * the timed trials choose the event loop; a lock contended by 4 measured within its own run-to-run
 * spread either way (the CHANGELOG has the figures).
 */
let switchedOn: boolean | undefined;
const enabled = (): boolean => (switchedOn ??= process.env.CONCURRENCY_LABS_QUICK_ANSWER !== '0');

/**
 * The slow end of the round trips answered during a synchronous wait (ms; 0: none yet): it rises
 * at once to a slower one and sinks slowly, since an answer is quick when the runner was awake
 * and several times slower when it had to be woken, and the wait must cover the slower kind.
 */
let typicalMs = 0;
/** When the first quick answer since the event loop's last turn came (ms; -1: none since). */
let turnStartedMs = -1;

const endOfTurn = (): void => {
  turnStartedMs = -1;
};

/** What `QuickAnswer.wait` did: not allowed, left to the event loop, or the wire's outcome. */
export type QuickWait = 'off' | 'skipped' | 'loop' | ShortReplyWait;

/** One lock's state, in the process that acquires it. */
export class QuickAnswer {
  /** Acquires still to make without a synchronous wait. */
  #skips = 0;
  /** How many to skip after the next late answer (doubles each time, halves after a quick one). */
  #backoff = 0;
  /** Whether this lock's last acquire here was answered within a wait's longest budget. */
  #lastFast = true;

  /**
   * Called right after an acquire went out as request `id`: waits for its answer a short while,
   * unless this lock's recent acquires were contended or a controlled schedule runs this process
   * (there every answer comes at a scheduling point, through the event loop). Returns what it did;
   * `answered` is then told how long the answer took.
   */
  wait(id: number): QuickWait {
    if (!enabled() || controlled()) return 'off';
    if (this.#skips > 0 || !this.#lastFast) {
      if (this.#skips > 0) this.#skips--;
      return 'skipped';
    }
    if (!waitChoice.quickNow()) return 'loop';
    const started = performance.now();
    if (turnStartedMs >= 0 && started - turnStartedMs > TURN_EVERY_MS) return 'skipped';
    const outcome = awaitShortReply(id, waitBudgetMs());
    if (outcome === 'answered') {
      const took = performance.now() - started;
      // Longer than any wait allows: this process was preempted while it read; that says nothing.
      if (took <= MOST_MS)
        typicalMs = took > typicalMs ? took : typicalMs + (took - typicalMs) / 32;
      this.#backoff >>= 1;
      if (turnStartedMs < 0) {
        turnStartedMs = started;
        setImmediate(endOfTurn);
      }
    } else if (outcome === 'late') {
      this.#backoff = Math.min(MOST_SKIPS, this.#backoff * 2 || 1);
      this.#skips = this.#backoff;
    }
    return outcome;
  }

  /** The acquire that `wait` returned `way` for was answered `ms` after it was made. */
  answered(way: QuickWait, ms: number): void {
    // One that had to wait for a holder says the next will likely wait too: not read for.
    this.#lastFast = ms <= MOST_MS;
    if (way === 'answered' || way === 'late') waitChoice.timed(true, ms);
    else if (way === 'loop') waitChoice.timed(false, ms);
  }
}

/** How long the next synchronous wait may take (ms). */
export function waitBudgetMs(): number {
  if (typicalMs === 0) return MOST_MS;
  return Math.min(MOST_MS, Math.max(LEAST_MS, 2 * typicalMs));
}
