/** The timeline model's tracks of semaphores, events, conditions and barriers, and the lanes' waits in them. */
import assert from 'node:assert/strict';
import { buildTimeline } from '../../src/model/timeline';
import { LaneState } from '../../src/model/timelineLanes';
import { LogBuilder } from '../support/logBuilder';

function log() {
  const b = new LogBuilder().start().spawn(0, 'MainProcess').spawn(1, 'A').spawn(2, 'B');
  b.add(0, 'sem.create', { obj: 1, name: 'seats', value: 1, bounded: false });
  b.after(10).add(1, 'sem.request', { obj: 1, block: true });
  b.add(1, 'sem.acquire', { obj: 1, waitedUs: 0, value: 0 });
  b.after(10).add(2, 'sem.request', { obj: 1, block: true });
  b.after(100).add(1, 'sem.release', { obj: 1, value: 0 });
  b.add(2, 'sem.acquire', { obj: 1, waitedUs: 100, value: 0 });
  b.add(0, 'barrier.create', { obj: 2, name: 'line', parties: 2 });
  b.after(10).add(1, 'barrier.arrive', { obj: 2, gen: 0, index: 0 });
  b.after(50).add(2, 'barrier.arrive', { obj: 2, gen: 0, index: 1 });
  b.add(2, 'barrier.pass', { obj: 2, gen: 0 });
  b.add(0, 'event.create', { obj: 3, name: 'go' });
  b.after(10).add(1, 'event.wait', { obj: 3 });
  b.after(40).add(0, 'event.set', { obj: 3, woke: [1] });
  b.add(1, 'event.wake', { obj: 3, flag: true, waitedUs: 40 });
  return b.end().build();
}

describe('timeline model: synchronization tracks', () => {
  it('draws each primitive as a track with its level, its waiters and who woke whom', () => {
    const m = buildTimeline(log());
    assert.deepEqual(
      m.tracks.filter((t) => t.kind === 'sync').map((t) => m.syncs.get(t.obj)!.name),
      ['seats', 'line', 'go'],
    );
    const [seats, line, go] = [1, 2, 3].map((o) => m.syncs.get(o)!);
    const t0 = m.lanes[0].start.values[0];
    // The semaphore: 1 free at first, 0 once A took it; B waited from +20 to +120, handed over by A.
    assert.equal(seats.levelAt(t0 + 5), 1);
    assert.equal(seats.levelAt(t0 + 15), 0);
    assert.deepEqual(seats.waitersAt(t0 + 50), [2]);
    assert.deepEqual([seats.from.values[0], seats.to.values[0], seats.toT.count], [1, 2, 1]);
    // The barrier: one arrival, then both pass; B's arrival woke A.
    const arrive = line.levelT.values[1];
    assert.equal(line.levelAt(arrive), 1);
    assert.deepEqual(line.waitersAt(arrive + 1), [1]);
    assert.equal(line.levelAt(arrive + 50), 0);
    assert.deepEqual([line.from.values[0], line.to.values[0]], [2, 1]);
    // The event: clear, then set by main, which woke A.
    assert.equal(go.levelAt(go.levelT.values[go.levelT.count - 1]), 1);
    assert.deepEqual([go.from.values[0], go.to.values[0]], [0, 1]);
    // Lanes: B waited in the semaphore, A at the barrier and for the event.
    const laneB = m.lane(2)!;
    assert.equal(laneB.stateAt(t0 + 50), LaneState.SyncWait);
    assert.equal(laneB.stateAt(t0 + 125), LaneState.Running);
    assert.equal(m.lane(1)!.stateAt(arrive + 1), LaneState.SyncWait);
  });
});
