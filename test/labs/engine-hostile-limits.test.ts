import { strict as assert } from 'node:assert';
import { checkLog } from '../../src/protocol/validateEvent';
import { ofKind, printed } from '../support/events';
import { fixture, labProcesses, runLab } from '../support/runLab';

describe('engine: every limit is told, once, before anything is ended for it', function () {
  this.timeout(60_000);

  it('a burst past the process cap is one run.limit; queues flooded past the memory bound stop the run with one, and no put raises', async () => {
    const r = await runLab(fixture('limits.lab.mjs'), {
      speed: 10,
      maxProcs: 3,
      maxQueuedItems: 100_000,
    });
    assert.deepEqual(checkLog(r.events), { ok: true });
    const lines = printed(r.events);
    assert.ok(lines.includes('refused 18'), lines.join('\n'));
    assert.ok(!lines.includes('the flood was not refused'), lines.join('\n'));
    const limits = ofKind(r.events, 'run.limit');
    assert.deepEqual(
      limits.map((l) => l.what),
      ['processes', 'queue'],
      JSON.stringify(limits),
    );
    assert.match(limits[0].message, /at most 3 processes/);
    assert.match(limits[1].message, /queues held 100,000 items at once/);
    // Python raises nothing there, so neither does the lab: no Full, no error in main.
    assert.equal(ofKind(r.events, 'queue.full').length, 0);
    assert.deepEqual(
      ofKind(r.events, 'error').filter((e) => e.proc === 0),
      [],
    );
    const mainExit = ofKind(r.events, 'proc.exit').find((e) => e.proc === 0)!;
    assert.ok(limits[1].seq < mainExit.seq, 'the limit is told before main is ended');
    assert.equal(mainExit.reason, 'killed');
    assert.equal(r.status, 'stopped');
    assert.deepEqual(labProcesses(r.runnerPid), []);
  });

  it('the timeout is a run.limit too, recorded before the processes are ended', async () => {
    const r = await runLab(fixture('spin-forever.lab.mjs'), { timeoutSec: 1 });
    assert.equal(r.status, 'timeout');
    const limit = ofKind(r.events, 'run.limit').find((l) => l.what === 'time');
    assert.match(limit?.message ?? '', /time limit of 1 s/);
    const firstExit = ofKind(r.events, 'proc.exit')[0];
    assert.ok(limit!.seq < firstExit.seq);
  });

  it('a main that spins before its first message: the log still begins with run.start', async () => {
    const r = await runLab(fixture('busy-main.lab.mjs'), { timeoutSec: 1 });
    assert.equal(r.status, 'timeout');
    assert.deepEqual(checkLog(r.events), { ok: true });
    assert.equal(r.events[0].kind, 'run.start', JSON.stringify(r.events.slice(0, 3)));
    const limit = ofKind(r.events, 'run.limit').find((l) => l.what === 'time');
    assert.ok(limit, 'the time limit is told');
    assert.deepEqual(labProcesses(r.runnerPid), []);
  });
});
