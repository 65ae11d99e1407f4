import { strict as assert } from 'node:assert';
import { mock } from 'node:test';
import { RealtimeScheduler } from '../../src/runner/scheduler';

describe('runner: realtime scheduler', () => {
  // The clock is Node's mock timers: the test says when time passes, so load cannot change it.
  afterEach(() => mock.timers.reset());

  it('scales lab seconds by speed and counts pending timers', () => {
    mock.timers.enable({ apis: ['setTimeout', 'setImmediate', 'Date'] });
    const s = new RealtimeScheduler(
      100,
      () => undefined,
      true,
      () => Date.now(),
    );
    const fired: string[] = [];
    s.after(1, () => fired.push('1 s')); // 10 ms at speed 100
    const cancelled = s.after(1, () => fired.push('cancelled'));
    s.after(0, () => fired.push('0 s'));
    assert.equal(s.pendingTimers, 3);
    cancelled.cancel();
    cancelled.cancel();
    assert.equal(s.pendingTimers, 2);
    mock.timers.tick(0);
    assert.deepEqual(fired, ['0 s'], 'a zero sleep only yields');
    assert.equal(s.pendingTimers, 1);
    mock.timers.tick(9);
    assert.deepEqual(fired, ['0 s'], 'not before 10 ms');
    mock.timers.tick(1);
    assert.deepEqual(fired, ['0 s', '1 s']);
    assert.equal(s.pendingTimers, 0);
    mock.timers.tick(1000);
    assert.deepEqual(fired, ['0 s', '1 s'], 'a cancelled timer never fires');
  });

  it('a timer that fires before its time on the monotonic clock waits for what is left', () => {
    // Node counts a timer from its loop's clock, read when the loop's turn began: a timer set
    // 4 ms into a long turn starts 4 ms late on the monotonic clock, and fires 4 ms early.
    // Here the mock timers are the loop's clock, and the monotonic clock is 4 ms ahead of it
    // while the timer is set (then the next turn reads it afresh).
    mock.timers.enable({ apis: ['setTimeout', 'setImmediate', 'Date'] });
    let ahead = 4;
    const s = new RealtimeScheduler(
      1,
      () => undefined,
      true,
      () => Date.now() + ahead,
    );
    const start = Date.now();
    const fired: number[] = [];
    s.after(0.01, () => fired.push(Date.now() - start));
    ahead = 0;
    mock.timers.tick(10);
    assert.deepEqual(
      fired,
      [],
      'not when the loop says 10 ms: 6 have passed on the monotonic clock',
    );
    assert.equal(s.pendingTimers, 1);
    mock.timers.tick(4);
    assert.deepEqual(fired, [], 'not before 10 ms have passed on the monotonic clock');
    mock.timers.tick(1);
    assert.deepEqual(fired, [15], 'then (with its margin of 1 ms)');
    assert.equal(s.pendingTimers, 0);
  });

  it('hands requests straight to execution and picks waiters first-in first-out', () => {
    const seen: unknown[] = [];
    const s = new RealtimeScheduler(1, (_p, m) => seen.push(m));
    s.admit({} as never, { id: 1, op: 'sleep', sec: 0 });
    assert.deepEqual(seen, [{ id: 1, op: 'sleep', sec: 0 }]);
    assert.equal(s.choose([{} as never, {} as never]), 0);
  });
});
