/**
 * The timeline model's tracks of Values, Arrays and Pipes, their statistics and the lost updates
 * found on a Value: from a log written by hand, event by event, as the runner records them.
 */
import assert from 'node:assert/strict';
import { buildTimeline } from '../../src/model/timeline';
import { LaneState } from '../../src/model/timelineLanes';
import { PipeTrack } from '../../src/model/timelineShared';
import { diagnose } from '../../src/model/diagnose';
import { syncStats } from '../../src/model/syncStats';
import { LogBuilder } from '../support/logBuilder';

function log() {
  const b = new LogBuilder().start().spawn(0, 'MainProcess').spawn(1, 'A').spawn(2, 'B');
  b.add(0, 'value.create', { obj: 1, name: 'counter', typecode: 'i', value: 0 });
  // A and B both read 0, then both write 1: B's write overwrites A's, one update is lost.
  b.after(10).add(1, 'value.get', { obj: 1, value: 0 });
  b.after(10).add(2, 'value.get', { obj: 1, value: 0 });
  b.after(10).add(1, 'value.set', { obj: 1, value: 1 });
  b.after(10).add(2, 'value.set', { obj: 1, value: 1 });
  b.add(0, 'value.create', { obj: 2, name: 'cells', typecode: 'i', value: [0, 0], size: 2 });
  b.after(10).add(1, 'value.set', { obj: 2, index: 1, value: 7 });
  b.add(0, 'pipe.create', { obj: 3, name: 'line', duplex: true });
  b.after(10).add(2, 'pipe.recv.wait', { obj: 3, end: 1 });
  b.after(40).add(1, 'pipe.send', { obj: 3, end: 0, msg: 1, value: 'ping', pending: 1 });
  b.add(2, 'pipe.recv', { obj: 3, end: 1, msg: 1, value: 'ping', pending: 0 });
  b.after(10).add(1, 'pipe.close', { obj: 3, end: 0, holders: 0 });
  b.after(10).add(2, 'pipe.eof', { obj: 3, end: 1 });
  return b.end().build();
}

describe('timeline model: Value, Array and Pipe tracks', () => {
  it('draws a Value and an Array as their values over time, and a Pipe with an arrow per message', () => {
    const events = log();
    const m = buildTimeline(events);
    const counter = m.files.get(1)!;
    const cells = m.files.get(2)!;
    assert.deepEqual([counter.label, cells.label], ["Value('i')", "Array('i', 2)"]);
    assert.equal(counter.valueAt(counter.writeT.values[1]), 1);
    assert.equal(counter.opT.count, 4);
    // An Array's value over time is its whole list: item 1 written, item 0 as it was.
    assert.deepEqual(cells.valueAt(cells.writeT.values[0]), [0, 7]);
    const pipe = m.syncs.get(3)!;
    assert.ok(pipe instanceof PipeTrack);
    assert.equal(pipe.kind, 'pipe');
    // B waited in recv() until A's send reached it: one arrow from A at the send to B.
    const sent = pipe.fromT.values[0];
    assert.deepEqual([pipe.from.values[0], pipe.to.values[0], pipe.toT.count], [1, 2, 1]);
    assert.equal(m.lane(2)!.stateAt(sent - 20), LaneState.SyncWait);
    assert.equal(m.lane(2)!.stateAt(sent + 1), LaneState.Running);
    assert.equal(pipe.brokenT.count, 1, 'the EOFError is marked');
  });

  it('finds the lost update on the Value and counts reads, writes, messages and waits', () => {
    const events = log();
    const lost = diagnose(events).filter((f) => f.code === 'lost-update');
    assert.equal(lost.length, 1);
    assert.equal(
      lost[0].message.en,
      "B read counter = 0, then A wrote counter = 1; B's write of counter = 1 overwrote it — one update was lost.",
    );
    assert.deepEqual(lost[0].objs, [1]);
    const stats = syncStats(events).syncs;
    const byName = new Map(stats.map((s) => [s.name, s]));
    assert.deepEqual(
      [
        byName.get('counter')!.uses,
        byName.get('counter')!.detail,
        byName.get('counter')!.contended,
      ],
      [2, 2, 1],
    );
    const line = byName.get('line')!;
    assert.deepEqual(
      [line.kind, line.detail, line.uses, line.contended, line.timeouts],
      ['pipe', 1, 2, 1, 1],
    );
    assert.equal(line.wait.count, 1);
  });
});
