/**
 * Real-time sleeps that count from the call, as Python's do.
 *
 * A Python process's `time.sleep(s)` ends `s` after the call, and at least that: never earlier.
 * Ours is a request to the runner, and on a loaded machine the request spends milliseconds in
 * the pipe before the runner's timer starts. Counted from its arrival, every sleep was that much
 * longer, and the lag added up over a process's sleeps: the more sleeps before an operation, the
 * later it came, so which of two operations due at the same moment went first depended on the
 * load (beside CPU hogs the ticket race's writes, after three sleeps, fell behind the reads they
 * race, after two).
 *
 * So the request carries the moment of the call (`at`, on the monotonic clock every process of
 * the machine shares: CLOCK_MONOTONIC on Linux, Node's `process.hrtime` and Python's
 * `time.monotonic`), and the timer waits only for what is left of the sleep. A stamp from the
 * future, or older than any time a request spends on its way, counts as no stamp: the sleep then
 * counts from its arrival, as before. A sleep whose request took longer than the sleep is over. Nothing is made up beyond the call: a sleep never ends early.
 */

/**
 * Node's timers run on a loop clock read once per turn, so one may fire up to a millisecond
 * before its delay has passed on the monotonic clock: this much is added so none does.
 */
export const TIMER_MARGIN_MS = 1;

/** A stamp older than this is not a request's time on its way but a broken one: no stamp. */
export const MAX_TRANSIT_MS = 10_000;

/**
 * How many lab seconds the runner's timer waits for a sleep of `sec` lab seconds at `speed`,
 * called at `at` (ms on the monotonic clock; undefined when the request had no stamp) and
 * arrived at `now`.
 */
export function sleepLeft(sec: number, speed: number, at: number | undefined, now: number): number {
  const ms = (sec * 1000) / speed;
  const spent = at === undefined ? 0 : now - at;
  if (!(spent > 0) || spent > MAX_TRANSIT_MS) return sec;
  // A request that took longer than its sleep finds it over, as Python's would be.
  return ((Math.max(0, ms - spent) + TIMER_MARGIN_MS) * speed) / 1000;
}
