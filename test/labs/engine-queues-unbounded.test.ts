import { strict as assert } from 'node:assert';
import { checkLog } from '../../src/protocol/validateEvent';
import { ofKind, printed, printedJson } from '../support/events';
import { fixture, runLab } from '../support/runLab';

async function withItems<T>(n: number, run: () => Promise<T>): Promise<T> {
  const saved = process.env.QU_ITEMS;
  process.env.QU_ITEMS = String(n);
  try {
    return await run();
  } finally {
    if (saved === undefined) delete process.env.QU_ITEMS;
    else process.env.QU_ITEMS = saved;
  }
}

describe('engine: an unbounded Queue() is unbounded (memory is a run limit, never Full)', function () {
  this.timeout(240_000);

  it('holds 120,000 items (past the old 100,000 cap): no Full, every item comes back', async () => {
    const n = 120_000;
    const r = await withItems(n, () =>
      runLab(fixture('queue-unbounded.lab.mjs'), {
        speed: 10,
        maxEvents: 400_000,
        timeoutSec: 200,
      }),
    );
    assert.equal(r.status, 'ok', JSON.stringify(r.done));
    assert.deepEqual(printedJson(r.events), { puts: n, qsize: n, sum: (n * (n - 1)) / 2 });
    assert.equal(ofKind(r.events, 'queue.full').length, 0);
    assert.equal(ofKind(r.events, 'run.limit').length, 0);
  });

  it("at the run's memory limit the run stops with a run.limit the user is told about, and no put raises", async () => {
    const r = await withItems(1500, () =>
      runLab(fixture('queue-unbounded.lab.mjs'), { speed: 10, maxQueuedItems: 1000 }),
    );
    assert.equal(r.status, 'stopped', JSON.stringify(r.done));
    assert.deepEqual(checkLog(r.events), { ok: true });
    const limits = ofKind(r.events, 'run.limit');
    assert.equal(limits.length, 1);
    assert.equal(limits[0].what, 'queue');
    assert.match(limits[0].message, /held 1,000 items at once/);
    assert.ok(!printed(r.events).some((t) => /raised/.test(t)), 'no put raised in the lab');
    assert.equal(ofKind(r.events, 'queue.full').length, 0);
    assert.equal(ofKind(r.events, 'queue.put').length >= 1000, true);
  });
});
