/**
 * Real-time sleeps that do not drift with the machine's load.
 *
 * A Python process wakes from `time.sleep()` within microseconds of its deadline and reaches its
 * next call as fast. Ours goes through the runner: the timer fires late when the runner is busy,
 * and the answer, the process's next request and every brokered call in between cross a pipe,
 * which takes milliseconds each on a loaded machine. That lag added up over a process's sleeps:
 * the more sleeps before an operation, the later it came. So which of two operations due at the
 * same moment went first depended on the load: beside CPU hogs the ticket race's writes (after
 * three sleeps) came after the reads they race (after two), and it sold more and tore fewer reads
 * than Python does.
 *
 * A process's next sleep therefore counts from when its last sleep was due, making up the time
 * it has been behind since, when that is a little: at most MAX_CATCH_UP_MS, and a small share of
 * the sleep. A longer gap is the process's own time (it waited for a lock, or computed), and its
 * sleep counts from the moment it asked, as before.
 */

/** The longest lag (real time) a sleep makes up. */
export const MAX_CATCH_UP_MS = 50;
/** The longest lag a sleep makes up, as a share of the sleep. */
export const MAX_CATCH_UP_SHARE = 0.1;

export class SleepLag {
  /** When each process's last sleep was due (ms on `now`'s clock), by process index. */
  readonly #lastDue = new Map<number, number>();

  constructor(
    private readonly speed: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * Process `proc` asks for a sleep of `sec` lab seconds: how many lab seconds to wait, and the
   * moment it is due (for `woke`).
   */
  start(proc: number, sec: number): { labSec: number; dueMs: number } {
    const now = this.now();
    const ms = (sec * 1000) / this.speed;
    const last = this.#lastDue.get(proc);
    const behind = last === undefined ? 0 : Math.max(0, now - last);
    const catchUp = behind <= Math.min(MAX_CATCH_UP_MS, ms * MAX_CATCH_UP_SHARE) ? behind : 0;
    return { labSec: ((ms - catchUp) * this.speed) / 1000, dueMs: now + ms - catchUp };
  }

  /** Its sleep due at `dueMs` has ended: the next one counts from there. */
  woke(proc: number, dueMs: number): void {
    this.#lastDue.set(proc, dueMs);
  }
}
