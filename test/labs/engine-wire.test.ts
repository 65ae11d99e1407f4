import { strict as assert } from 'node:assert';
import { checkLog } from '../../src/protocol/validateEvent';
import { ofKind, printed } from '../support/events';
import { fixture, labProcesses, runLab } from '../support/runLab';

describe('engine: the lab wire is untrusted too', function () {
  this.timeout(60_000);

  it('unreadable frames are refused one by one; a frame length that cannot be right stops only that process', async () => {
    const r = await runLab(fixture('wire-garbage.lab.mjs'), { speed: 10 });
    assert.deepEqual(checkLog(r.events), { ok: true });
    const lines = printed(r.events);
    assert.ok(lines.includes('garbled went on'), lines.join('\n'));
    assert.ok(!lines.includes('desync was not stopped'), lines.join('\n'));
    assert.ok(
      lines.some((l) => /^sum 190, desync exit -\d+$/.test(l)),
      lines.join('\n'),
    );
    const errors = ofKind(r.events, 'error').map((e) => e.message);
    assert.equal(
      errors.filter((m) => m.startsWith('Garbled sent a malformed message: an unreadable frame'))
        .length,
      2,
      errors.join('\n'),
    );
    assert.ok(
      errors.includes('Garbled sent a malformed message: a batch must hold 1 to 1000 messages'),
      errors.join('\n'),
    );
    assert.ok(
      errors.some((m) =>
        /^Desync was stopped: it sent a frame of 2147483647 bytes \(at most \d+\)/.test(m),
      ),
      errors.join('\n'),
    );
    const exits = ofKind(r.events, 'proc.exit');
    assert.equal(exits.find((e) => e.proc === 2)?.reason, 'killed');
    for (const p of [0, 1, 3])
      assert.equal(exits.find((e) => e.proc === p)?.reason, 'returned', `proc ${p}`);
    assert.equal(ofKind(r.events, 'queue.get').length, 20);
    assert.deepEqual(labProcesses(r.runnerPid), []);
  });
});
