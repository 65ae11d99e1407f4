/**
 * The steps of a controlled run name a Pool by its name, also when the lab creates it and uses
 * it in one turn (`new Pool()` then `map()`, without waiting in between): the step that submits
 * the map used to name the pool by its internal ref ("submit map(slowSquare) to 0:1").
 */
import { strict as assert } from 'node:assert';
import { ofKind } from '../support/events';
import { runLab } from '../support/runLab';

describe('steps on a Pool created in the same turn', function () {
  this.timeout(240_000);

  it('pool-map under fifo: every step names its pool, none a ref', async () => {
    const { events } = await runLab('pool-map', { seed: 1, schedule: 'fifo' });
    const ops = ofKind(events, 'sched.step').flatMap((s) => s.ops as string[]);
    assert.ok(ops.length > 20, `${ops.length} step descriptions`);
    assert.deepEqual(
      ops.filter((op) => /\b\d+:\d+\b/.test(op)),
      [],
      'no step names a ref',
    );
    assert.ok(ops.includes('submit map(slowSquare) to one worker'), ops.join('\n'));
    assert.ok(ops.includes('submit map(slowSquare) to four workers'), ops.join('\n'));
  });
});
