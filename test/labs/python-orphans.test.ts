/**
 * No Python process of a run outlives it: multiprocessing's children under every start method,
 * the forkserver, daemons, os.fork children and subprocess children (one in a new session) are
 * all ended when the run is stopped, times out, or its runner is killed.
 */
import { strict as assert } from 'node:assert';
import type { LabEvent } from '../../src/protocol/events';
import { ensureBuilt } from '../support/build';
import { killAll, running, stillRunning } from '../support/pids';
import { ofKind } from '../support/events';
import { cleanup, copyFixture, PYTHON, tempFolder } from '../support/python';
import { startLab, type RunHandle } from '../support/runLab';

/** Starts orphans.py; resolves once it has printed its pids (with main's and the lab processes'). */
async function startOrphans(timeoutSec = 120): Promise<{ h: RunHandle; pids: number[] }> {
  await ensureBuilt();
  const script = copyFixture('orphans.py', tempFolder());
  const events: LabEvent[] = [];
  let printedPids: (pids: number[]) => void;
  const printed = new Promise<number[]>((r) => (printedPids = r));
  const h = startLab(script, { timeoutSec, seed: 1 }, (batch) => {
    events.push(...batch);
    for (const e of batch)
      if (e.kind === 'log' && e.text.startsWith('{"pids"'))
        printedPids((JSON.parse(e.text) as { pids: number[] }).pids);
  });
  const theirs = await printed;
  const labPids = ofKind(events, 'proc.spawn').map((e) => e.pid);
  const pids = [...new Set([...theirs, ...labPids])];
  assert.ok(pids.length >= 9, `pids: ${pids.join(' ')}`);
  assert.deepEqual(pids.filter(running), pids, 'all are running before');
  return { h, pids };
}

const onLinux = process.platform === 'linux' ? describe : describe.skip;

onLinux('Python: no process of a run is left behind', function () {
  this.timeout(120_000);
  before(function () {
    if (!PYTHON) this.skip();
  });
  after(cleanup);

  it('when the run is stopped', async () => {
    const { h, pids } = await startOrphans();
    try {
      h.stop();
      assert.equal((await h.result).status, 'stopped');
      assert.deepEqual(await stillRunning(pids), []);
    } finally {
      killAll(pids);
    }
  });

  it('when the run times out', async () => {
    // Long enough for every kind of process to start on a loaded machine before the limit.
    const { h, pids } = await startOrphans(20);
    try {
      assert.equal((await h.result).status, 'timeout');
      assert.deepEqual(await stillRunning(pids), []);
    } finally {
      killAll(pids);
    }
  });

  it('when the runner is killed', async () => {
    const { h, pids } = await startOrphans();
    try {
      killAll([h.runnerPid]);
      await assert.rejects(h.result, /runner/);
      assert.deepEqual(await stillRunning(pids), []);
    } finally {
      killAll(pids);
    }
  });
});
