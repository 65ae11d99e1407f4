/** The timeline model: spans and state at t, lock and queue tracks, incremental = one-shot. */
import assert from 'node:assert/strict';
import type { LabEvent } from '../../src/protocol/events';
import { checkLog } from '../../src/protocol/validateEvent';
import { buildTimeline, TimelineModel } from '../../src/model/timeline';
import { stateAt, lockStateAt, queueStateAt } from '../../src/model/timelineState';
import { LaneState, STATE_COUNT } from '../../src/model/timelineLanes';

/** A tiny log builder: each call appends one event at time t. */
function log(): { ev: LabEvent[]; at(t: number, proc: number, kind: string, f?: object): void } {
  const ev: LabEvent[] = [];
  return {
    ev,
    at: (t, proc, kind, f = {}) => {
      ev.push({ v: 1, seq: ev.length, t, proc, kind, ...f } as LabEvent);
    },
  };
}

function lockLog(): LabEvent[] {
  const l = log();
  l.at(0, -1, 'run.start', { lab: 'x', title: { en: 'x', 'zh-CN': 'x' }, seed: 1, speed: 1 });
  l.at(1, 0, 'proc.spawn', { name: 'MainProcess', parent: -1, daemon: false, pid: 10 });
  l.at(2, 0, 'lock.create', { obj: 1, name: 'L' });
  l.at(3, 1, 'proc.spawn', { name: 'A', parent: 0, daemon: false, pid: 11 });
  l.at(4, 2, 'proc.spawn', { name: 'B', parent: 0, daemon: true, pid: 12 });
  l.at(5, 3, 'proc.spawn', { name: 'C', parent: 0, daemon: false, pid: 13 });
  l.at(10, 1, 'lock.request', { obj: 1, block: true });
  l.at(10, 1, 'lock.acquire', { obj: 1, waitedUs: 0 });
  l.at(20, 2, 'lock.request', { obj: 1, block: true });
  l.at(30, 3, 'lock.request', { obj: 1, block: true });
  l.at(40, 1, 'sleep.begin', { sec: 1 });
  l.at(50, 1, 'sleep.end', {});
  l.at(60, 1, 'lock.release', { obj: 1 });
  l.at(61, 2, 'lock.acquire', { obj: 1, waitedUs: 41 });
  l.at(70, 2, 'lock.release', { obj: 1 });
  l.at(72, 3, 'lock.acquire', { obj: 1, waitedUs: 42 });
  l.at(80, 3, 'lock.release', { obj: 1 });
  l.at(90, 1, 'proc.exit', { code: 0, reason: 'returned' });
  l.at(91, -1, 'run.end', { status: 'ok' });
  return l.ev;
}

describe('timeline model', () => {
  it('test logs are valid protocol v1', () => assert.deepEqual(checkLog(lockLog()), { ok: true }));

  it('derives state spans and answers state at t', () => {
    const m = buildTimeline(lockLog());
    assert.equal(m.lanes.length, 4);
    const a = m.lane(1)!;
    assert.equal(a.stateAt(2), -1, 'before the spawn the lane is empty');
    assert.equal(a.stateAt(5), LaneState.Starting, 'spawned, not yet running its code');
    assert.equal(a.stateAt(15), LaneState.Running);
    assert.equal(a.stateAt(45), LaneState.Sleeping);
    assert.equal(a.stateAt(95), LaneState.Exited);
    assert.deepEqual(a.holdingAt(45), [1], 'holds the lock while sleeping');
    assert.deepEqual(a.holdingAt(65), []);
    const c = m.lane(3)!;
    assert.equal(c.stateAt(50), LaneState.LockWait);
    assert.equal(c.stateAt(75), LaneState.Running);
    assert.equal(m.lane(2)!.info.daemon, true);
    assert.equal(a.info.code, 0);
  });

  it('lock: owner and waiters in request order, and release → acquire handoffs', () => {
    const m = buildTimeline(lockLog());
    assert.deepEqual(lockStateAt(m, 1, 35), {
      obj: 1,
      name: 'L',
      owner: 1,
      ownerName: 'A',
      waiters: [2, 3],
      waiterNames: ['B', 'C'],
    });
    assert.deepEqual(lockStateAt(m, 1, 65)!.waiters, [3]);
    assert.equal(lockStateAt(m, 1, 85)!.owner, -1);
    const l = m.locks.get(1)!;
    assert.deepEqual(Array.from(l.from.values.slice(0, l.from.count)), [1, 2]);
    assert.deepEqual(Array.from(l.to.values.slice(0, l.to.count)), [2, 3]);
    assert.equal(l.maxWaiters, 2);
    // A, B and C each asked once; only B and C ever waited (A's request was granted at once).
    assert.equal(Math.max(...Array.from(l.waitN.values.slice(0, l.waitN.count))), 2);
    assert.equal(l.waitCountAt(35), 2);
  });

  it('a request granted at once is not contention', () => {
    const l = log();
    l.at(0, 0, 'proc.spawn', { name: 'M', parent: -1, daemon: false, pid: 1 });
    l.at(1, 0, 'lock.create', { obj: 1, name: 'L' });
    l.at(2, 0, 'lock.request', { obj: 1, block: true });
    l.at(2, 0, 'lock.acquire', { obj: 1, waitedUs: 0 });
    l.at(3, 0, 'lock.release', { obj: 1 });
    const m = buildTimeline(l.ev);
    assert.equal(m.locks.get(1)!.maxWaiters, 0);
    assert.deepEqual(lockStateAt(m, 1, 2)!.waiters, []);
  });

  it("counts each lane's spans by state, without a wait replaced at its own instant (the legend reads them)", () => {
    const m = buildTimeline(lockLog());
    for (const lane of m.lanes) {
      const counted = new Array<number>(STATE_COUNT).fill(0);
      for (let i = 0; i < lane.spanCount; i++) counted[lane.state.values[i]]++;
      assert.deepEqual(Array.from(lane.spansIn), counted, lane.info.name);
    }
    assert.equal(m.lane(1)!.spansIn[LaneState.LockWait], 0, 'its request was granted at once');
    assert.equal(m.lane(3)!.spansIn[LaneState.LockWait], 1);
  });

  it('queue: contents at t are FIFO windows; blocked getters are listed', () => {
    const l = log();
    l.at(0, 0, 'proc.spawn', { name: 'M', parent: -1, daemon: false, pid: 1 });
    l.at(1, 0, 'queue.create', { obj: 5, name: 'Q', maxsize: 2, joinable: true });
    l.at(2, 0, 'queue.put', { obj: 5, item: 1, value: 'a', size: 1 });
    l.at(3, 0, 'queue.put', { obj: 5, item: 2, value: null, size: 2 });
    l.at(4, 0, 'queue.get', { obj: 5, item: 1, value: 'a', size: 1 });
    l.at(5, 0, 'queue.task_done', { obj: 5, unfinished: 1 });
    l.at(6, 0, 'queue.get', { obj: 5, item: 2, value: null, size: 0 });
    l.at(7, 0, 'queue.get.wait', { obj: 5 });
    l.at(9, 0, 'queue.empty', { obj: 5 });
    const m = buildTimeline(l.ev);
    assert.deepEqual(queueStateAt(m, 5, 3)!.contents, ['a', null]);
    assert.deepEqual(queueStateAt(m, 5, 4.5)!.contents, [null]);
    assert.equal(queueStateAt(m, 5, 5)!.unfinished, 1);
    assert.equal(queueStateAt(m, 5, 3)!.unfinished, 2);
    assert.deepEqual(queueStateAt(m, 5, 8)!.getters, ['M']);
    assert.deepEqual(queueStateAt(m, 5, 9)!.getters, []);
    assert.equal(m.lane(0)!.stateAt(8), LaneState.GetWait);
    assert.ok(m.queues.get(5)!.fifo);
    assert.equal(m.queues.get(5)!.nonePuts, 1, 'one None put: the legend explains sentinels');
  });

  it('queue: a get that does not take the oldest item still matches its own put', () => {
    const l = log();
    l.at(0, 0, 'proc.spawn', { name: 'M', parent: -1, daemon: false, pid: 1 });
    l.at(1, 0, 'queue.create', { obj: 5, name: 'Q', maxsize: 0, joinable: false });
    for (let i = 1; i <= 4; i++)
      l.at(1 + i, 0, 'queue.put', { obj: 5, item: i, value: `v${i}`, size: i });
    l.at(6, 0, 'queue.get', { obj: 5, item: 1, value: 'v1', size: 3 });
    l.at(7, 0, 'queue.get', { obj: 5, item: 3, value: 'v3', size: 2 });
    l.at(8, 0, 'queue.put', { obj: 5, item: 5, value: 'v5', size: 3 });
    l.at(9, 0, 'queue.get', { obj: 5, item: 2, value: 'v2', size: 2 });
    l.at(10, 0, 'queue.get', { obj: 5, item: 5, value: 'v5', size: 1 });
    const q = buildTimeline(l.ev).queues.get(5)!;
    assert.equal(q.fifo, false);
    assert.deepEqual(Array.from(q.getPut.values.subarray(0, q.getPut.count)), [0, 2, 1, 4]);
    assert.deepEqual(Array.from(q.putGet.values.subarray(0, q.putGet.count)), [0, 2, 1, -1, 3]);
    assert.deepEqual(q.contentsAt(7.5), ['v2', 'v4']);
    assert.deepEqual(q.contentsAt(8.5), ['v2', 'v4', 'v5']);
    assert.deepEqual(q.contentsAt(10), ['v4']);
  });

  it('incremental batches give the same model as one load', () => {
    const ev = lockLog();
    const whole = buildTimeline(ev);
    const inc = new TimelineModel();
    for (let i = 0; i < ev.length; i += 3) inc.append(ev.slice(i, i + 3));
    for (let t = 0; t <= 95; t += 2.5) assert.deepEqual(stateAt(inc, t), stateAt(whole, t));
  });

  it('memory stays bounded: past maxEvents only lifecycle events are kept', () => {
    const ev = lockLog();
    const m = buildTimeline(ev, 8);
    assert.equal(
      m.t.count,
      ev.filter((e, i) => i < 8 || ['proc.exit', 'run.end', 'proc.spawn'].includes(e.kind)).length,
    );
    assert.ok(m.dropped > 0);
    assert.equal(m.end?.status, 'ok');
    assert.equal(m.eventCount, ev.length);
  });
});
