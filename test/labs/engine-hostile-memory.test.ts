import { strict as assert } from 'node:assert';
import { checkLog } from '../../src/protocol/validateEvent';
import { ofKind, printed, runEnd } from '../support/events';
import { fixture, labProcesses, runLab } from '../support/runLab';

describe('engine: a lab cannot take memory without bound', function () {
  this.timeout(60_000);

  it('each lab process gets a heap bound; one that grows past the memory limit stops the run with run.limit memory', async function () {
    if (process.platform !== 'linux') this.skip();
    const r = await runLab(fixture('memory-hog.lab.mjs'), { maxMemoryMB: 128, timeoutSec: 30 });
    assert.deepEqual(checkLog(r.events), { ok: true });
    // The heap bound is the setting (V8 adds a little for its young generation).
    const heap = Number(/^heap limit (\d+) MB$/.exec(printed(r.events)[0] ?? '')?.[1]);
    assert.ok(heap >= 128 && heap < 200, printed(r.events).join('\n'));
    const limit = ofKind(r.events, 'run.limit').find((l) => l.what === 'memory');
    assert.match(limit?.message ?? '', /^Hog used \d+ MB of memory, more than the 128 MB/);
    assert.equal(r.status, 'stopped');
    assert.equal(runEnd(r.events).message, 'stopped: Hog went past the memory limit');
    const firstExit = ofKind(r.events, 'proc.exit')[0];
    assert.ok(limit!.seq < firstExit.seq, 'told before anything is ended');
    assert.deepEqual(labProcesses(r.runnerPid), []);
  });
});
