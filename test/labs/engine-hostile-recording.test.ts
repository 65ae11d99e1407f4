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
      await h.result.catch(() => undefined);
      assert.ok(!isAlive(h.runnerPid));
      // The runner wrote no run.end; its parent (the runner client) appended one saying why.
      const closed = readFileSync(file, 'utf8').split('\n').filter(Boolean);
      const appended = JSON.parse(closed[closed.length - 1]) as LabEvent;
      assert.equal(appended.kind === 'run.end' && appended.status, 'error');
      assert.match(appended.kind === 'run.end' ? (appended.message ?? '') : '', /SIGKILL/);
      assert.equal(closed.filter((l) => l.includes('"run.end"')).length, 1);
      // Without it (the parent killed too), the log still opens.
      const text = closed.slice(0, -1).join('\n') + '\n';
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
