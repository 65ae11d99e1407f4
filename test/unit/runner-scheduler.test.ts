import { strict as assert } from 'node:assert';
import { mock } from 'node:test';
import { RealtimeScheduler } from '../../src/runner/scheduler';

describe('runner: realtime scheduler', () => {
  // The clock is Node's mock timers: the test says when time passes, so load cannot change it.
  afterEach(() => mock.timers.reset());

  it('scales lab seconds by speed and counts pending timers', () => {
    mock.timers.enable({ apis: ['setTimeout', 'setImmediate'] });
    const s = new RealtimeScheduler(100, () => undefined);
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

  it('hands requests straight to execution and picks waiters first-in first-out', () => {
    const seen: unknown[] = [];
    const s = new RealtimeScheduler(1, (_p, m) => seen.push(m));
    s.admit({} as never, { id: 1, op: 'sleep', sec: 0 });
    assert.deepEqual(seen, [{ id: 1, op: 'sleep', sec: 0 }]);
    assert.equal(s.choose([{} as never, {} as never]), 0);
  });
});
