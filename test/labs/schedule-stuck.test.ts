/**
 * Under a controlled schedule "nothing can run and no timer is left" is a deadlock or a hang only
 * once every live process says it has no work of its own pending: a timer the lab set itself may
 * still release the lock or put the item (as the realtime runner's supervisor also asks).
 */
import { strict as assert } from 'node:assert';
import { fixture, runLab } from '../support/runLab';

describe('a controlled run that seems stuck asks its processes first', function () {
  this.timeout(180_000);

  it('waits that only a lab’s own timer ends are neither a deadlock nor a hang under fifo', async () => {
    const { events, status } = await runLab(fixture('timer-release.lab.mjs'), {
      schedule: 'fifo',
    });
    const printed = events.flatMap((e) => (e.kind === 'log' ? [e.text] : []));
    assert.equal(status, 'ok', JSON.stringify(events.filter((e) => e.kind === 'diag')));
    assert.deepEqual(printed, ['the timer released the lock', 'got 42']);
  });

  it('a real deadlock is still one under fifo', async () => {
    const { events, status } = await runLab(fixture('deadlock.lab.mjs'), { schedule: 'fifo' });
    assert.equal(status, 'deadlock');
    assert.ok(events.some((e) => e.kind === 'diag' && e.code === 'deadlock'));
  });
});
