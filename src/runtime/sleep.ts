/** Python's time.sleep: brokered by the runner, whose timer scales it by the run's speed. */
import { request } from './context';
import { ValueError } from './errors';
import { monotonicMs } from '../wire/monotonicClock';

/** Sleeps `sec` lab seconds. */
export async function sleep(sec: number): Promise<void> {
  if (typeof sec !== 'number') throw new TypeError('sleep() needs a number of seconds');
  if (Number.isNaN(sec)) throw new ValueError('Invalid value NaN (not a number)');
  if (sec < 0) throw new ValueError('sleep length must be non-negative');
  // Python's sleep(inf) overflows; here it is refused the same way rather than sent.
  if (!Number.isFinite(sec)) throw new RangeError('sleep length is too large');
  // The moment of the call, so the runner counts the sleep from here, not from the request's
  // arrival (src/runner/sleepLag.ts).
  await request({ id: 0, op: 'sleep', sec, at: monotonicMs() });
}
