import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { parseJsonl } from '../../src/protocol/jsonl';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkLog } from '../../src/protocol/validateEvent';
import type { LabEvent } from '../../src/protocol/events';
import { ofKind, runEnd } from '../support/events';
import { ensureBuilt } from '../support/build';
import { fixture, labProcesses, startLab } from '../support/runLab';

/** Starts spin-forever and resolves once both lab processes are running. */
async function spinning(eventsFile?: string) {
  await ensureBuilt();
  let ready: () => void;
  const started = new Promise<void>((r) => {
    ready = r;
  });
  const h = startLab(
    fixture('spin-forever.lab.mjs'),
    eventsFile ? { timeoutSec: 60, eventsFile } : { timeoutSec: 60 },
    (batch: LabEvent[]) => {
      if (batch.some((e) => e.kind === 'log' && e.text === 'started')) ready();
    },
  );
  await started;
  assert.ok(
    labProcesses(h.runnerPid).length >= 2,
    'main and the spinner are running (and maybe a spare)',
  );
  assert.equal(runFiles(h.runnerPid).length, 1, 'the run has its temp folder');
  return h;
}

/** This run's shared file, if its temp folder still exists. */
function runFiles(runnerPid: number): string[] {
  return readdirSync(tmpdir())
    .filter((d) => d.startsWith('concurrency-labs-'))
    .map((d) => join(tmpdir(), d, `spin-${runnerPid}.json`))
    .filter((f) => existsSync(f));
}

/** Is `pid` running? A zombie (killed, not yet reaped by whoever adopted it) is not. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return !existsSync('/proc/self/stat'); // gone meanwhile, or no /proc to ask
  }
}

async function gone(pid: number, ms = 5000): Promise<string[]> {
  const until = Date.now() + ms;
  let left = labProcesses(pid);
  while (left.length > 0 && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    left = labProcesses(pid);
  }
  return left;
}

describe('engine: stopping a run leaves no process behind', function () {
  this.timeout(60_000);

  it('a stop message kills the whole tree, busy loop included, and ends with status stopped', async () => {
    const h = await spinning();
    h.stop();
    const r = await h.result;
    assert.equal(r.status, 'stopped');
    assert.deepEqual(checkLog(r.events), { ok: true });
    assert.equal(runEnd(r.events).status, 'stopped');
    assert.deepEqual(
      ofKind(r.events, 'proc.exit').map((e) => e.reason),
      ['killed', 'killed'],
    );
    assert.deepEqual(labProcesses(r.runnerPid), []);
    assert.deepEqual(runFiles(r.runnerPid), []);
  });

  it('SIGTERM to the runner stops the run the same way', async () => {
    const h = await spinning();
    process.kill(h.runnerPid, 'SIGTERM');
    const r = await h.result;
    assert.equal(r.status, 'stopped');
    assert.deepEqual(labProcesses(r.runnerPid), []);
  });

  it('the parent going away (IPC disconnect) kills the tree and the runner exits', async () => {
    const h = await spinning();
    h.result.catch(() => undefined);
    h.disconnect();
    assert.deepEqual(await gone(h.runnerPid), []);
    assert.deepEqual(runFiles(h.runnerPid), [], 'the temp folder is removed');
  });

  it('the parent going away still closes the log file with run.end stopped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-stop-test-'));
    const file = join(dir, 'run.labrun');
    try {
      const h = await spinning(file);
      h.result.catch(() => undefined);
      h.disconnect();
      assert.deepEqual(await gone(h.runnerPid), []);
      // The watchdog notices its runner's death on its own poll; a loaded machine may delay it by
      // seconds, and what matters is that the folder goes, not how soon.
      const until = Date.now() + 30_000;
      while (isAlive(h.runnerPid) && Date.now() < until)
        await new Promise((r) => setTimeout(r, 50));
      const log = parseJsonl(readFileSync(file, 'utf8'));
      assert.deepEqual(log.errors, []);
      assert.equal(log.truncated, false, 'the log ends with run.end');
      assert.equal(runEnd(log.events).status, 'stopped');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a runner killed outright (SIGKILL) still takes its lab processes with it', async () => {
    const h = await spinning();
    h.result.catch(() => undefined);
    process.kill(h.runnerPid, 'SIGKILL');
    assert.deepEqual(await gone(h.runnerPid), []);
    // The watchdog notices its runner's death on its own poll; a loaded machine may delay it by
    // seconds, and what matters is that the folder goes, not how soon.
    const until = Date.now() + 30_000;
    while (runFiles(h.runnerPid).length > 0 && Date.now() < until)
      await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(runFiles(h.runnerPid), [], 'the watchdog removed the temp folder');
  });

  it("the parent's sweep after a killed runner does not kill the watchdog before it cleans up", async () => {
    const h = await spinning();
    const watchdog = watchdogOf(h.runnerPid);
    assert.ok(watchdog > 0, 'the run has a watchdog');
    // Held still, the watchdog is sure to be still there when the parent sweeps the run's
    // processes (runnerClient.ts does when it sees its runner die): the race made certain.
    process.kill(watchdog, 'SIGSTOP');
    try {
      process.kill(h.runnerPid, 'SIGKILL');
      await h.result.catch(() => undefined);
      assert.ok(isAlive(watchdog), "the parent's sweep spared the watchdog");
    } finally {
      if (isAlive(watchdog)) process.kill(watchdog, 'SIGCONT');
    }
    const until = Date.now() + 30_000;
    while ((runFiles(h.runnerPid).length > 0 || isAlive(watchdog)) && Date.now() < until)
      await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(runFiles(h.runnerPid), [], 'the watchdog removed the temp folder');
    assert.equal(isAlive(watchdog), false, 'and ended');
  });
});

/** The pid of the watchdog of the runner with pid `runnerPid`, or -1. */
function watchdogOf(runnerPid: number): number {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  const line = out.split('\n').find((l) => l.includes(`--cl-watchdog=${runnerPid}`));
  return line ? Number(line.trim().split(/\s+/)[0]) : -1;
}
