/**
 * Real-time sleeps make up the lag a process built up since its last sleep was due (the runner's
 * and the pipes' latency, which grows with the machine's load), within bounds (src/runner/sleepLag.ts).
 * The clock is a number the test moves.
 */
import { strict as assert } from 'node:assert';
import { MAX_CATCH_UP_MS, SleepLag } from '../../src/runner/sleepLag';

describe('runner: sleeps that do not drift with load (SleepLag)', () => {
  let now = 0;
  const clock = () => now;

  beforeEach(() => {
    now = 1000;
  });

  it('a first sleep lasts what was asked: there is no earlier deadline to count from', () => {
    const lag = new SleepLag(1, clock);
    assert.deepEqual(lag.start(1, 2), { labSec: 2, dueMs: 3000 });
  });

  it('a next sleep counts from when the last one was due: a few ms of lag do not add up', () => {
    const lag = new SleepLag(1, clock);
    // Three sleeps of 1 s, each asked 7 ms after the last was due (a busy runner, slow pipes).
    let due = lag.start(1, 1).dueMs;
    for (let k = 0; k < 3; k++) {
      lag.woke(1, due);
      now = due + 7;
      due = lag.start(1, 1).dueMs;
    }
    // Without the make-up the fourth deadline would be 3 × 7 ms later.
    assert.equal(due, 1000 + 4 * 1000);
  });

  it("a longer gap is the process's own time (a wait, a busy loop): counted from now", () => {
    const lag = new SleepLag(1, clock);
    lag.woke(1, 1000);
    now = 1000 + MAX_CATCH_UP_MS + 1;
    assert.deepEqual(lag.start(1, 1), { labSec: 1, dueMs: now + 1000 });
    lag.woke(1, 1000);
    now = 1000 + MAX_CATCH_UP_MS;
    assert.equal(lag.start(1, 1).dueMs, 2000, 'up to the bound it is made up');
  });

  it('makes up at most a tenth of a short sleep (speed 20: sleep(1) is 50 ms)', () => {
    const lag = new SleepLag(20, clock);
    lag.woke(1, 1000);
    now = 1004;
    const { labSec, dueMs } = lag.start(1, 1);
    assert.equal(dueMs, 1050);
    assert.ok(Math.abs(labSec - (46 * 20) / 1000) < 1e-9, `${labSec}`);
    lag.woke(1, 1000);
    now = 1006;
    assert.equal(lag.start(1, 1).dueMs, 1056, '6 ms is more than a tenth of 50 ms');
  });

  it('each process keeps its own deadline', () => {
    const lag = new SleepLag(1, clock);
    lag.woke(1, 1000);
    now = 1010;
    assert.equal(lag.start(2, 1).dueMs, 2010, 'process 2 has no earlier deadline');
    assert.equal(lag.start(1, 1).dueMs, 2000, 'process 1 counts from 1000');
  });
});
