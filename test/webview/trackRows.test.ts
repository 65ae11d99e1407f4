/**
 * The canvas's rows for Values, their locks and a Pool's workers (webview/layout.ts over the
 * timeline model, from logs written as the runner records them):
 * - Values and Arrays sit under their own heading, "Shared memory", not "Shared files";
 * - the lock a Value made for itself has no row until someone uses it;
 * - a pool worker waits for its first task as it waits between tasks: not "running".
 */
import assert from 'node:assert/strict';
import { buildTimeline } from '../../src/model/timeline';
import { LaneState } from '../../src/model/timelineLanes';
import { layout } from '../../webview/layout';
import { LogBuilder } from '../support/logBuilder';

/** Headings and tracks, top to bottom: "files", "file 3", … */
function rowsOf(b: LogBuilder): string[] {
  return layout(buildTimeline(b.build()), false, 200).rows.flatMap((r) => {
    if (r.kind === 'lane') return [];
    if (r.kind === 'header') return r.label === 'processes' ? [] : [r.label];
    return [`${r.kind} ${r.obj}`];
  });
}

/** A run with a file and a Value synchronized by its own (unused) RLock, obj 3. */
function valueLog(): LogBuilder {
  const b = new LogBuilder().start().spawn(0, 'MainProcess').spawn(1, 'A');
  const file = b.createFile('data.json', { n: 0 });
  assert.equal(file, 1);
  b.add(0, 'lock.create', { obj: 3, name: 'counter (lock)', recursive: true });
  b.add(0, 'value.create', { obj: 4, name: 'counter', typecode: 'i', value: 0, lock: 3 });
  b.after(10).add(1, 'value.get', { obj: 4, value: 0 });
  b.after(10).add(1, 'value.set', { obj: 4, value: 1 });
  return b;
}

describe('timeline rows of Values, their locks and pool workers', () => {
  it('puts Values under "Shared memory" and hides the unused lock of a Value', () => {
    assert.deepEqual(rowsOf(valueLog()), ['files', 'file 1', 'memory', 'file 4']);
  });

  it("shows a Value's lock once someone uses it, and a lock the lab made itself always", () => {
    const used = valueLog();
    used.after(10).add(1, 'lock.request', { obj: 3, block: true });
    used.add(1, 'lock.acquire', { obj: 3, waitedUs: 0 });
    assert.deepEqual(rowsOf(used), ['locks', 'lock 3', 'files', 'file 1', 'memory', 'file 4']);
    const own = valueLog();
    own.add(0, 'lock.create', { obj: 5, name: 'mutex' });
    assert.deepEqual(rowsOf(own), ['locks', 'lock 5', 'files', 'file 1', 'memory', 'file 4']);
  });

  it('draws a pool worker waiting for its first task, then running it', () => {
    const b = new LogBuilder().start().spawn(0, 'MainProcess');
    b.add(0, 'pool.create', { obj: 1, name: 'Pool 1', processes: 1 });
    b.after(10).spawn(1, 'SpawnPoolWorker-1', { daemon: true });
    b.add(1, 'pool.worker', { obj: 1 });
    const idle = b.t + 500;
    b.at(1000);
    b.add(0, 'pool.submit', { obj: 1, job: 0, fn: 'square', call: 'map', items: 1, tasks: 1 });
    b.after(10).add(1, 'pool.start', { obj: 1, job: 0, task: 0, items: 1 });
    const busy = b.t + 50;
    b.after(100).add(1, 'pool.done', { obj: 1, job: 0, task: 0, ok: true, value: [4] });
    const m = buildTimeline(b.build());
    const worker = m.lane(1)!;
    assert.equal(worker.stateAt(idle), LaneState.SyncWait, 'before its first task');
    assert.equal(worker.stateAt(busy), LaneState.Running, 'in its task');
    assert.equal(worker.stateAt(b.t + 1), LaneState.SyncWait, 'after it');
  });
});
