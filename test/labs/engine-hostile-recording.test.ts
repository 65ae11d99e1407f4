import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLogText } from '../../src/model/abruptEnd';
import type { LabEvent } from '../../src/protocol/events';
import { checkLog } from '../../src/protocol/validateEvent';
import { ensureBuilt } from '../support/build';
import { ofKind, runEnd } from '../support/events';
import { fixture, startLab } from '../support/runLab';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('engine: a recording always ends', function () {
  this.timeout(60_000);

  it('the log of a runner killed outright (SIGKILL) opens as a run that ended abruptly, never refused', async () => {
    await ensureBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'cl-abrupt-'));
    const file = join(dir, 'run.labrun');
    try {
      let started: () => void;
      const running = new Promise<void>((r) => (started = r));
      const h = startLab(
        fixture('spin-forever.lab.mjs'),
        { timeoutSec: 60, eventsFile: file },
        (batch: LabEvent[]) => {
          if (batch.some((e) => e.kind === 'log' && e.text === 'started')) started();
        },
      );
      h.result.catch(() => undefined);
      await running;
      process.kill(h.runnerPid, 'SIGKILL');
      while (isAlive(h.runnerPid)) await new Promise((r) => setTimeout(r, 20));
      const text = readFileSync(file, 'utf8');
      assert.ok(!text.includes('"run.end"'), 'a killed runner wrote no run.end');
      const log = readLogText(text);
      assert.deepEqual(log.errors, []);
      assert.equal(log.endedAbruptly, true);
      assert.deepEqual(checkLog(log.events), { ok: true });
      const end = runEnd(log.events);
      assert.equal(end.status, 'error');
      assert.match(end.message ?? '', /^ended abruptly: the recording stops after \d+ events/);
      assert.equal(ofKind(log.events, 'run.start').length, 1);
      // A last line cut off mid-write is dropped, not a reason to refuse the file.
      const lines = text.split('\n').filter(Boolean);
      const cut = lines.join('\n') + '\n' + lines[lines.length - 1].slice(0, 20);
      writeFileSync(file, cut);
      const cutLog = readLogText(readFileSync(file, 'utf8'));
      assert.deepEqual(cutLog.errors, []);
      assert.equal(cutLog.events.length, lines.length + 1);
      assert.equal(runEnd(cutLog.events).status, 'error');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a log broken in the middle is still refused with the line that is wrong', () => {
    const log = readLogText('{"v":1,"seq":0, oops\n{"v":1}\n');
    assert.equal(log.errors[0]?.line, 1);
    assert.equal(log.endedAbruptly, false);
  });
});
