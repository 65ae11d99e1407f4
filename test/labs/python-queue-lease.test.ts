/**
 * Queue leases in the Python runtime (docs/protocol.md, "Queue leases"): a sole getter takes the
 * items the runner sent ahead instead of asking for each, and a lease never changes what the
 * script observes: FIFO, every item got once, the log's gets matched to the puts.
 */
import { strict as assert } from 'node:assert';
import { checkLog } from '../../src/protocol/validateEvent';
import { ofKind, printedJson, runEnd } from '../support/events';
import { cleanup, copyFixture, PYTHON, tempFolder } from '../support/python';
import { assertQueueTruth } from '../support/queueTruth';
import { runLab } from '../support/runLab';

interface Seen {
  each: boolean;
  inOrder: boolean;
  leased: number;
}

async function run(items: number, consumers: number, env: Record<string, string> = {}) {
  const dir = tempFolder();
  const script = copyFixture('queue_lease.py', dir);
  const saved = { ...process.env };
  // The runner passes no arguments to a script; the environment it inherits carries them.
  Object.assign(process.env, { QL_ITEMS: String(items), QL_CONSUMERS: String(consumers) }, env);
  try {
    const { events } = await runLab(script, { seed: 2, speed: 10 });
    assert.equal(runEnd(events).status, 'ok', runEnd(events).message);
    assert.deepEqual(checkLog(events), { ok: true });
    assertQueueTruth(events);
    return { events, seen: printedJson<Seen>(events) };
  } finally {
    process.env = saved;
  }
}

describe('Python: queue leases', function () {
  this.timeout(300_000);
  before(function () {
    if (!PYTHON) this.skip();
  });
  after(cleanup);

  it('a sole getter takes most items from its lease, FIFO, each once, every get on the record', async () => {
    const { events, seen } = await run(2000, 1);
    assert.equal(seen.each, true);
    assert.equal(seen.inOrder, true);
    assert.ok(seen.leased > 1000, `only ${seen.leased} of 2001 gets came from a lease`);
    assert.equal(ofKind(events, 'queue.get').length, 2000 + 1 + 1, 'every get, the out queue too');
  });

  it('with leases switched off every get asks the runner, and the script sees the same', async () => {
    const { seen } = await run(300, 1, { CONCURRENCY_LABS_QUEUE_LEASE: 'off' });
    assert.deepEqual(seen, { each: true, inOrder: true, leased: 0 });
  });

  it('two getters: leases are revoked as they take turns; every item is got once, in order', async () => {
    const { seen } = await run(2000, 2);
    assert.equal(seen.each, true);
    assert.equal(seen.inOrder, true);
  });
});
