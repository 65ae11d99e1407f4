import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseJsonl } from '../../src/protocol/jsonl';
import { checkLog } from '../../src/protocol/validateEvent';
import { ofKind, printed, runEnd } from '../support/events';
import { fixture, labProcesses, runLab } from '../support/runLab';

describe('engine: a lab cannot reach the runner except through its checked wire', function () {
  this.timeout(60_000);

  it('junk written to descriptor 3 ends only the process that wrote it, with an error naming it; the run goes on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-fd3-'));
    try {
      const eventsFile = join(dir, 'run.jsonl');
      const r = await runLab(fixture('fd3-junk.lab.mjs'), { speed: 10, eventsFile });
      assert.equal(r.done.by, 'done', JSON.stringify(r.done));
      assert.equal(r.status, 'ok', JSON.stringify(r.done));
      assert.deepEqual(checkLog(r.events), { ok: true });
      const lines = printed(r.events);
      assert.ok(lines.includes('sum 190'), lines.join('\n'));
      assert.ok(!lines.includes('junk went on'), lines.join('\n'));
      const errors = ofKind(r.events, 'error').map((e) => e.message);
      assert.ok(
        errors.some((m) => /^Junk was stopped: it sent a frame of \d+ bytes/.test(m)),
        errors.join('\n'),
      );
      const exits = ofKind(r.events, 'proc.exit');
      assert.equal(exits.find((e) => e.proc === 1)?.reason, 'killed');
      assert.equal(exits.find((e) => e.proc === 2)?.reason, 'returned');
      // The log on disk is whole: it ends with run.end and reads back.
      const file = parseJsonl(readFileSync(eventsFile, 'utf8'));
      assert.deepEqual(file.errors, []);
      assert.equal(file.truncated, false);
      assert.equal(runEnd(file.events).status, 'ok');
      assert.deepEqual(labProcesses(r.runnerPid), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
