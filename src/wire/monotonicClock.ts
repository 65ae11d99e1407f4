/**
 * The machine's monotonic clock in ms, as both ends of the lab wire read it: CLOCK_MONOTONIC on
 * Linux, one clock for every process of the machine (Python's `time.monotonic()` reads it too).
 * A lab stamps a `sleep` request with it and the runner counts the sleep from that stamp.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
