import { strict as assert } from 'node:assert';
import { checkLog } from '../../src/protocol/validateEvent';
import { setContext, resetContext } from '../../src/runtime/context';
import type { LabInit } from '../../src/protocol/lab';
import { QuickAnswer } from '../../src/runtime/quickAnswer';
import { ensureBuilt } from '../support/build';
import { ofKind, printedJson } from '../support/events';
import { fixture, startLab, type LabResult } from '../support/runLab';

const SWITCH = 'CONCURRENCY_LABS_QUICK_ANSWER';

/**
 * Runs the fixture, with the synchronous wait for acquires' answers as it is by default, or
 * switched off in its processes.
 */
async function runQuickAnswer(quick: 'default' | 'off'): Promise<LabResult> {
  await ensureBuilt();
  // The runner and its lab processes take the environment they are started with.
  if (quick === 'off') process.env[SWITCH] = '0';
  else delete process.env[SWITCH];
  try {
    return await startLab(fixture('quick-answer.lab.mjs'), { speed: 10, timeoutSec: 60 }).result;
  } finally {
    delete process.env[SWITCH];
  }
}

describe('lab runtime: an acquire answered during a synchronous read of the wire', function () {
  this.timeout(90_000);

  it('by default, frames read with the answer (a notice, another reply) are all taken, in order, before any event-loop turn', async () => {
    const r = await runQuickAnswer('default');
    assert.equal(r.status, 'ok', JSON.stringify(r.done));
    assert.deepEqual(checkLog(r.events), { ok: true });
    assert.deepEqual(printedJson(r.events), {
      // Read by the quick acquire's synchronous wait: main had not yielded since they came.
      beforeAnyTurn: true,
      order: ['other true', 'quick true'],
      // The lockLost notice came first and was not lost: main's own release then asks the runner,
      // which raises ValueError, as Python does (a lost notice would send it as a notice instead).
      heldRelease: 'ValueError',
      child: 0,
    });
    assert.deepEqual(ofKind(r.events, 'error'), []);
  });

  it('with the synchronous wait switched off, the same frames wait for the event loop (what the check above tells apart)', async () => {
    const r = await runQuickAnswer('off');
    assert.equal(r.status, 'ok', JSON.stringify(r.done));
    assert.deepEqual(printedJson(r.events), {
      beforeAnyTurn: false,
      order: ['other true', 'quick true'],
      heldRelease: 'ValueError',
      child: 0,
    });
  });

  it('is never made under a controlled schedule, where answers come at scheduling points', () => {
    const init = (controlled: boolean) => ({ proc: 0, lab: 'x', controlled }) as unknown as LabInit;
    // On in this process (the switch is read at the first acquire).
    delete process.env[SWITCH];
    try {
      setContext(init(true), {}, () => undefined);
      assert.equal(new QuickAnswer().wait(1), 'off');
      // Realtime, the same call goes as far as the wire (none is open in this test process).
      setContext(init(false), {}, () => undefined);
      assert.equal(new QuickAnswer().wait(1), 'unavailable');
    } finally {
      resetContext();
      delete process.env[SWITCH];
    }
  });
});
