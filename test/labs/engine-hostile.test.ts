import { strict as assert } from 'node:assert';
import { checkLog } from '../../src/protocol/validateEvent';
import { ofKind, printed } from '../support/events';
import { fixture, labProcesses, runLab } from '../support/runLab';

describe('engine: untrusted lab messages', function () {
  this.timeout(180_000);

  it('10,000 malformed or hostile messages: the runner survives, reports them, and the other processes finish', async () => {
    const r = await runLab(fixture('hostile.lab.mjs'), { speed: 10 });
    assert.equal(r.status, 'ok', JSON.stringify(r.done));
    assert.deepEqual(checkLog(r.events), { ok: true });
    // The worker's 50 items all went through while the flood was going on.
    assert.ok(printed(r.events).includes('sum 1225'), printed(r.events).join('\n'));
    assert.equal(ofKind(r.events, 'queue.get').length, 50);
    // The first few are recorded one by one, the rest summed up at the end.
    const errors = ofKind(r.events, 'error').filter((e) =>
      e.message.startsWith('Flooder sent a malformed message'),
    );
    assert.equal(errors.length, 20);
    const d = ofKind(r.events, 'diag').find((e) => e.code === 'malformed-message')!;
    assert.match(d.message.en, /^10,001 malformed messages were refused: Flooder sent 10,001/);
    assert.deepEqual(d.procs, [1]);
    assert.ok(r.events.length < 400, 'a flood does not flood the log');
    const flooder = ofKind(r.events, 'proc.exit').find((e) => e.proc === 1)!;
    assert.equal(flooder.reason, 'returned');
    assert.deepEqual(labProcesses(r.runnerPid), []);
  });

  it('a printing flood is rate limited and reported; console.log output is recorded too', async () => {
    const r = await runLab(fixture('chatty.lab.mjs'));
    assert.equal(r.status, 'ok');
    assert.deepEqual(checkLog(r.events), { ok: true });
    const lines = printed(r.events);
    assert.ok(lines.includes('from console.log'));
    assert.ok(lines.length >= 5000 && lines.length < 20_000, `${lines.length} lines recorded`);
    assert.deepEqual(lines.filter((l) => l.startsWith('line ')).slice(0, 3), [
      'line 0',
      'line 1',
      'line 2',
    ]);
    assert.equal(ofKind(r.events, 'run.limit')[0]?.what, 'log');
    assert.match(
      ofKind(r.events, 'diag').find((d) => d.code === 'limit')?.message.en ?? '',
      /printed lines were not recorded/,
    );
  });
});
