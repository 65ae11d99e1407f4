/**
 * Real-time sleeps count from the call (the request's `at` stamp), not from the request's arrival,
 * and never end before the call's moment plus the sleep (src/runner/sleepLag.ts). Pure: the test
 * says when the call was made and when it arrived.
 */
import { strict as assert } from 'node:assert';
import { MAX_TRANSIT_MS, sleepLeft, TIMER_MARGIN_MS } from '../../src/runner/sleepLag';

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} ≠ ${b}`);

describe('runner: sleeps count from the call (sleepLeft)', () => {
  it('takes off the time the request spent on its way, and nothing more', () => {
    // sleep(1) at speed 1, called at 1000 ms, arrived at 1007 ms: 993 ms are left (plus the margin
    // that keeps a timer from firing before the deadline).
    close(sleepLeft(1, 1, 1000, 1007), (993 + TIMER_MARGIN_MS) / 1000);
    // At speed 20, sleep(1) is 50 ms of real time; 4 ms on the way leave 46.
    close(sleepLeft(1, 20, 1000, 1004), ((46 + TIMER_MARGIN_MS) * 20) / 1000);
  });

  it('a lag never adds up: each sleep of a loop ends its own length after its own call', () => {
    // Each call is made as the last sleep ends (plus the process's own 2 ms of work) and spends
    // 7 ms on its way: the timers still end 1000 ms after each call.
    let called = 0;
    for (let k = 0; k < 3; k++) {
      const arrived = called + 7;
      const ends = arrived + (sleepLeft(1, 1, called, arrived) * 1000) / 1;
      close(ends - called, 1000 + TIMER_MARGIN_MS);
      called = ends + 2;
    }
  });

  it('counts from the arrival without a stamp, or with one that cannot be', () => {
    assert.equal(sleepLeft(1, 1, undefined, 5000), 1);
    assert.equal(sleepLeft(1, 1, 6000, 5000), 1, 'a stamp from the future');
    assert.equal(sleepLeft(1, 1, 5000 - MAX_TRANSIT_MS - 1, 5000), 1, 'a stamp too old to be true');
    assert.equal(sleepLeft(1, 1, Number.NaN, 5000), 1);
    assert.equal(sleepLeft(2, 1, 5000, 5000), 2, 'no time on the way');
  });

  it('a request that spent longer on its way than its sleep finds the sleep over', () => {
    // sleep(1) at speed 100 is 10 ms; 30 ms on the way: only the timer's margin is left.
    close(sleepLeft(1, 100, 1000, 1030), (TIMER_MARGIN_MS * 100) / 1000);
  });
});
