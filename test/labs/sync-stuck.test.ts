/** Deadlock and hang detection understand the new primitives, and say so in words. */
import { strict as assert } from 'node:assert';
import { ofKind } from '../support/events';
import { fixture, runLab } from '../support/runLab';

describe('deadlock and hang detection with the new primitives', function () {
  this.timeout(120_000);

  it('two semaphores taken in opposite orders: a deadlock naming who holds what', async () => {
    const r = await runLab(fixture('sem-deadlock.lab.mjs'), { speed: 2 });
    assert.equal(r.status, 'deadlock');
    const d = ofKind(r.events, 'diag').find((e) => e.code === 'deadlock')!;
    assert.deepEqual([...d.procs].sort(), [1, 2]);
    assert.match(
      d.message.en,
      /Philosopher (\d) holds fork (\d) and waits for fork (\d), held by Philosopher (\d)/,
    );
    assert.ok(
      d.message.en.includes(
        'Philosopher 1 holds fork 1 and waits for fork 2, held by Philosopher 2',
      ),
      d.message.en,
    );
    assert.ok(
      d.message.en.includes(
        'Philosopher 2 holds fork 2 and waits for fork 1, held by Philosopher 1',
      ),
      d.message.en,
    );
    assert.match(d.message['zh-CN'], /Philosopher 1 拿着 fork 1，在等 fork 2/);
  });

  it('a condition nobody notifies, an event nobody sets, a barrier short of a party: a hang naming each', async () => {
    const r = await runLab(fixture('sync-hang.lab.mjs'), { speed: 2 });
    assert.equal(r.status, 'hang');
    const d = ofKind(r.events, 'diag').find((e) => e.code === 'hang')!;
    for (const text of [
      'Waiter waits in wait() on ready for a notify',
      'Listener waits in wait() on go, which is not set',
      'MainProcess waits in wait() on meeting with 1 of 3 parties arrived',
    ])
      assert.ok(d.message.en.includes(text), d.message.en);
    assert.match(d.message['zh-CN'], /3 方中只到了 1 方/);
  });
});
