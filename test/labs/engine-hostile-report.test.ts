import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LabEvent } from '../../src/protocol/events';
import { ensureBuilt } from '../support/build';
import { ofKind, printed } from '../support/events';
import { fixture, startLab } from '../support/runLab';

function exited(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

describe('engine: a lab process never exits with its error report still queued', function () {
  this.timeout(60_000);

  it('a report stuck behind a full wire (the runner not reading) still arrives once the runner reads again', async () => {
    await ensureBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'cl-report-'));
    const flag = join(dir, 'go');
    process.env.CL_TEST_FLAG = flag;
    let reporterPid = -1;
    let waiting: () => void;
    const ready = new Promise<void>((r) => (waiting = r));
    const h = startLab(fixture('late-report.lab.mjs'), { timeoutSec: 60 }, (batch: LabEvent[]) => {
      for (const e of batch) {
        if (e.kind === 'proc.spawn' && e.proc === 1) reporterPid = e.pid;
        if (e.kind === 'log' && e.text === 'waiting') waiting();
      }
    });
    try {
      await ready;
      // The runner stops reading; the reporter fills its wire and throws.
      process.kill(h.runnerPid, 'SIGSTOP');
      writeFileSync(flag, '');
      // Long enough for a process that gives up on its report (the old one did after 1 s) to
      // have exited; one that waits for its report to leave is still there.
      const until = Date.now() + 3000;
      while (!exited(reporterPid) && Date.now() < until)
        await new Promise((r) => setTimeout(r, 50));
      process.kill(h.runnerPid, 'SIGCONT');
      const r = await h.result;
      const report = ofKind(r.events, 'error').find((e) => e.proc === 1);
      assert.match(report?.message ?? '', /the report that must arrive/);
      assert.equal(printed(r.events).filter((l) => / x{1990}$/.test(l)).length, 1000);
      assert.equal(ofKind(r.events, 'proc.exit').find((e) => e.proc === 1)?.reason, 'error');
    } finally {
      delete process.env.CL_TEST_FLAG;
      try {
        process.kill(h.runnerPid, 'SIGCONT');
      } catch {
        /* gone */
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
