import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import type { LabEvent } from '../../src/protocol/events';
import { ensureBuilt } from '../support/build';
import { killAll, running, stillRunning } from '../support/pids';
import { printedJson } from '../support/events';
import { fixture, runLab, startLab } from '../support/runLab';

const onLinux = process.platform === 'linux' ? describe : describe.skip;

onLinux('engine: processes lab code starts itself end with the run', function () {
  this.timeout(60_000);

  it('a spawned spinner and a detached (setsid) child are gone when the run ends', async () => {
    const r = await runLab(fixture('descendants.lab.mjs'), { speed: 10 });
    const { pids } = printedJson<{ pids: number[] }>(r.events);
    try {
      assert.equal(r.status, 'ok');
      assert.equal(pids.length, 2);
      assert.deepEqual(await stillRunning(pids), [], 'no process of the run is left');
    } finally {
      killAll(pids);
    }
  });

  it('when the runner and its watchdog are killed together, the runner client sweeps them', async () => {
    await ensureBuilt();
    process.env.CL_TEST_FOREVER = '1';
    let pids: number[] = [];
    try {
      let started: () => void;
      const going = new Promise<void>((r) => (started = r));
      const h = startLab(
        fixture('descendants.lab.mjs'),
        { timeoutSec: 60 },
        (batch: LabEvent[]) => {
          for (const e of batch)
            if (e.kind === 'log' && e.text.startsWith('{')) {
              pids = (JSON.parse(e.text) as { pids: number[] }).pids;
              started();
            }
        },
      );
      await going;
      const ps = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
      const watchdog = ps
        .split('\n')
        .filter((l) => l.includes(`--cl-watchdog=${h.runnerPid}`))
        .map((l) => Number(l.trim().split(/\s+/)[0]));
      assert.equal(watchdog.length, 1, ps);
      assert.deepEqual(pids.filter(running), pids, 'both are running before');
      killAll([h.runnerPid, watchdog[0]]);
      await assert.rejects(h.result, /runner/);
      assert.deepEqual(await stillRunning(pids), [], 'no process of the run is left');
    } finally {
      delete process.env.CL_TEST_FOREVER;
      killAll(pids);
    }
  });
});
