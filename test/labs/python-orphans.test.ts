/**
 * No Python process of a run outlives it: multiprocessing's children under every start method,
 * the forkserver, daemons, os.fork children and subprocess children (one in a new session) are
 * all ended when the run is stopped, times out, or its runner is killed; and a stop while a spawn
 * child has been adopted but has not attached yet ends the run with that child's exit.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
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

  // The window is held open, not hit by chance: the child's executable is a shell script that
  // waits on a FIFO nobody writes to (held_spawn.py), so its start() returns and it never
  // attaches. Its pid is watched until it is gone, not forgotten when the run began to end.
  it('when the run is stopped while a spawn child is adopted but has not attached yet', async () => {
    await ensureBuilt();
    const script = copyFixture('held_spawn.py', tempFolder());
    const events: LabEvent[] = [];
    let printedPid: (pid: number) => void;
    const printed = new Promise<number>((r) => (printedPid = r));
    const h = startLab(script, { seed: 1 }, (batch) => {
      events.push(...batch);
      for (const e of batch)
        if (e.kind === 'log' && e.text.startsWith('{"held"'))
          printedPid((JSON.parse(e.text) as { held: number }).held);
    });
    const heldPid = await printed;
    const pids = [...new Set([heldPid, ...ofKind(events, 'proc.spawn').map((e) => e.pid)])];
    try {
      // Adopted (start() has returned, so its proc.spawn is in) and still held in the shell.
      const held = ofKind(events, 'proc.spawn').find((e) => e.pid === heldPid);
      assert.ok(held, 'the runner adopted the child');
      assert.match(readFileSync(`/proc/${heldPid}/cmdline`, 'utf8'), /held-python\.sh/);
      h.stop();
      const r = await h.result;
      assert.equal(r.status, 'stopped');
      const exits = ofKind(r.events, 'proc.exit');
      assert.deepEqual(
        exits.filter((e) => e.proc === held.proc).map((e) => e.reason),
        ['killed'],
        'the held child exited, killed by the stop',
      );
      assert.deepEqual(
        ofKind(r.events, 'proc.spawn')
          .map((e) => e.proc)
          .filter((proc) => !exits.some((e) => e.proc === proc)),
        [],
        'every process of the run has its exit',
      );
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
