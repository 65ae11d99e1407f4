import { strict as assert } from 'node:assert';
import { RealtimeScheduler } from '../../src/runner/scheduler';

describe('runner: realtime scheduler', () => {
  it('scales lab seconds by speed and counts pending timers', async () => {
    const s = new RealtimeScheduler(100, () => undefined);
    const fired: number[] = [];
    const t0 = Date.now();
    s.after(1, () => fired.push(Date.now() - t0)); // 10 ms at speed 100
    const cancelled = s.after(1, () => fired.push(-1));
    s.after(0, () => fired.push(0));
    assert.equal(s.pendingTimers, 3);
    cancelled.cancel();
    cancelled.cancel();
    assert.equal(s.pendingTimers, 2);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(s.pendingTimers, 0);
    assert.equal(fired.length, 2);
    assert.equal(fired[0], 0, 'a zero sleep fires first');
    assert.ok(fired[1] >= 9, `fired after ${fired[1]} ms`);
  });

  it('hands requests straight to execution and picks waiters first-in first-out', () => {
    const seen: unknown[] = [];
    const s = new RealtimeScheduler(1, (_p, m) => seen.push(m));
    s.admit({} as never, { id: 1, op: 'sleep', sec: 0 });
    assert.deepEqual(seen, [{ id: 1, op: 'sleep', sec: 0 }]);
    assert.equal(s.choose([{} as never, {} as never]), 0);
  });
});
