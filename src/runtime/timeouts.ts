/**
 * Python's `timeout` argument, checked before it is sent: `null` or `undefined` is Python's `None`
 * (wait without limit), a negative timeout counts as zero (as `multiprocessing.Lock().acquire`,
 * `Queue.get`/`put` and `Process.join` all treat it in CPython), and anything that is not a
 * number is a TypeError at the call, never a message the runner would refuse.
 */

/** The timeout to send: undefined for none, else a finite number of seconds ≥ 0. */
export function timeoutArg(sec: unknown, call: string): number | undefined {
  if (sec === undefined || sec === null) return undefined;
  if (typeof sec !== 'number' || Number.isNaN(sec))
    throw new TypeError(`${call}: timeout must be a number of seconds or null, not ${show(sec)}`);
  if (sec === Infinity) return undefined;
  return Math.max(0, sec);
}

function show(v: unknown): string {
  return typeof v === 'number' ? String(v) : typeof v;
}
