/**
 * cpuCount(), activeChildren(), Process.kill() and Process.close() against CPython: the lab and
 * its Python twin print the same probes (the Python side runs where python3 exists).
 */
import { strict as assert } from 'node:assert';
import { ofKind, printedJson } from '../support/events';
import { fixture, runLab } from '../support/runLab';
import { twinProbe } from '../support/python';

/** What CPython 3.11 prints for test/fixtures/python/process_extras.py. */
const CPYTHON = {
  cpuCount: true,
  activeBefore: 0,
  activeRunning: 2,
  closeRunning: 'ValueError',
  killedCode: -9,
  terminatedCode: -15,
  activeAfter: 0,
  close: null,
  aliveAfterClose: 'ValueError',
  joinAfterClose: 'ValueError',
  closeTwice: null,
};

describe('semantics: cpuCount, activeChildren, kill and close as CPython has them', function () {
  this.timeout(120_000);

  it('the table is what CPython does', async function () {
    const out = await twinProbe('process_extras.py');
    if (out === null) return this.skip();
    assert.deepEqual(JSON.parse(out), CPYTHON);
  });

  it('our runtime gives the same outcome for every probe; kill() sends SIGKILL', async () => {
    const r = await runLab(fixture('process-extras.lab.mjs'), { speed: 10, timeoutSec: 60 });
    assert.equal(r.status, 'ok', JSON.stringify(r.done));
    assert.deepEqual(printedJson(r.events), CPYTHON);
    const signals = ofKind(r.events, 'proc.exit')
      .filter((e) => e.proc !== 0)
      .map((e) => e.signal);
    assert.deepEqual(signals, ['SIGKILL', 'SIGTERM']);
  });
});
