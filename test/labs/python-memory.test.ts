/**
 * --max-memory bounds every process of a Python run: its main, the processes multiprocessing
 * starts under each start method (they attach to the runner themselves), and a process the
 * script forks outside multiprocessing. The one that grows past the bound is named and the run
 * stops, with nothing left running.
 */
import { strict as assert } from 'node:assert';
import { checkLog } from '../../src/protocol/validateEvent';
import { ofKind, printed, runEnd } from '../support/events';
import { stillRunning } from '../support/pids';
import { cleanup, copyFixture, PYTHON, tempFolder } from '../support/python';
import { runLab } from '../support/runLab';

const onLinux = process.platform === 'linux' ? describe : describe.skip;

/** Runs memory_hog.py with `method` and `who` growing, under a 128 MB bound per process. */
async function hog(method: string, who: string) {
  const script = copyFixture('memory_hog.py', tempFolder(), `memory_hog.${method}.${who}.py`);
  const r = await runLab(script, { maxMemoryMB: 128, timeoutSec: 60, seed: 1 });
  assert.deepEqual(checkLog(r.events), { ok: true });
  assert.deepEqual(printed(r.events), [], 'the growing process was stopped before it finished');
  assert.equal(r.status, 'stopped');
  const limits = ofKind(r.events, 'run.limit').filter((l) => l.what === 'memory');
  assert.equal(limits.length, 1);
  const pids = ofKind(r.events, 'proc.spawn').map((e) => e.pid);
  assert.deepEqual(await stillRunning(pids), [], 'no process of the run is left');
  return { limit: limits[0].message, end: runEnd(r.events).message ?? '' };
}

onLinux('Python: --max-memory bounds every process of the run', function () {
  this.timeout(300_000);
  before(function () {
    if (!PYTHON) this.skip();
  });
  after(cleanup);

  for (const method of ['fork', 'spawn', 'forkserver'])
    it(`a child that multiprocessing started (${method})`, async () => {
      const { limit, end } = await hog(method, 'child');
      assert.match(limit, /^Hog used \d+ MB of memory, more than the 128 MB a lab process may use/);
      assert.equal(end, 'stopped: Hog went past the memory limit');
    });

  it('the main process', async () => {
    const { limit } = await hog('fork', 'main');
    assert.match(limit, /^MainProcess used \d+ MB of memory, more than the 128 MB/);
  });

  it('a process forked outside multiprocessing, which the runner does not broker', async () => {
    const { limit, end } = await hog('fork', 'forked');
    assert.match(
      limit,
      /^Process \d+ \(started outside multiprocessing\) used \d+ MB of memory, more than the 128 MB/,
    );
    assert.match(end, /^stopped: Process \d+ \(started outside multiprocessing\) went past/);
  });
});
