import { strict as assert } from 'node:assert';
import { checkLog } from '../../src/protocol/validateEvent';
import { ofKind, printed } from '../support/events';
import { fixture, runLab } from '../support/runLab';

describe('engine: a wait that a timer of the lab will end is no deadlock and no hang', function () {
  this.timeout(60_000);

  it('a lock released from setTimeout and a put from setTimeout: the run finishes', async () => {
    const r = await runLab(fixture('timer-release.lab.mjs'), { timeoutSec: 30 });
    assert.equal(r.status, 'ok', JSON.stringify(r.done));
    assert.deepEqual(checkLog(r.events), { ok: true });
    assert.deepEqual(printed(r.events), ['the timer released the lock', 'got 42']);
    assert.deepEqual(
      ofKind(r.events, 'diag').filter((d) => d.code === 'deadlock' || d.code === 'hang'),
      [],
    );
  });

  it('a real deadlock and a real hang are still called (nothing of their own pending)', async () => {
    const d = await runLab(fixture('deadlock.lab.mjs'), { speed: 10, timeoutSec: 30 });
    assert.equal(d.status, 'deadlock');
    const h = await runLab(fixture('joinable-hang.lab.mjs'), { speed: 10, timeoutSec: 30 });
    assert.equal(h.status, 'hang');
  });
});
