/**
 * What each line of lab code did (src/model/siteStats.ts), from real runs: calls, waits and
 * holds per line and per process, and the lost update at the line that wrote it.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import type { LabEvent } from '../../src/protocol/events';
import { siteStats, statsByLine } from '../../src/model/siteStats';
import { fixture, runLab } from '../support/runLab';

/** The line (from 1) of the first line of `file` that contains `text`. */
function lineOf(file: string, text: string): number {
  const i = readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(text));
  assert.ok(i >= 0, `${text} is in ${file}`);
  return i + 1;
}

describe('what each line of lab code did (site statistics)', function () {
  this.timeout(120_000);

  it('counts calls, holds and waits per line and per process, as the lock events say', async () => {
    const helpers = fixture('sites/siteHelpers.mjs');
    const r = await runLab(fixture('sites/sites.lab.mjs'), { seed: 2, speed: 20 });
    assert.equal(r.status, 'ok');
    const lines = statsByLine(siteStats(r.events)).get(helpers)!;
    const acquire = lines.get(lineOf(helpers, 'site: helper-acquire'))!;
    assert.deepEqual(acquire.callNames, ['lock.acquire()']);
    assert.equal(acquire.calls, 2);
    assert.deepEqual(
      acquire.byProc.map((p) => [p.proc, p.calls, p.holds]),
      [
        [1, 1, 1],
        [2, 1, 1],
      ],
    );
    // Each hold spans a 0.01 s sleep at speed 20: at least 500 µs.
    for (const p of acquire.byProc) assert.ok(p.holdUs >= 500, `hold ${p.holdUs} µs`);
    // The waits are the runner's own: each acquire's waitedUs, from its request.
    const ids = new Set(acquire.ids);
    const waited = r.events.filter(
      (e): e is Extract<LabEvent, { kind: 'lock.acquire' }> =>
        e.kind === 'lock.acquire' && e.site !== undefined && ids.has(e.site),
    );
    assert.equal(
      acquire.waitUs,
      waited.reduce((a, e) => a + e.waitedUs, 0),
    );
    assert.equal(acquire.maxWaitUs, Math.max(...waited.map((e) => e.waitedUs)));
    const sleepLine = lines.get(lineOf(helpers, 'site: helper-sleep'))!;
    assert.deepEqual([sleepLine.callNames, sleepLine.calls], [['sleep()'], 2]);
  });

  it('puts a lost update on the line that wrote it, and none on the line that read', async () => {
    const lab = fixture('model-lost-update.lab.mjs');
    const r = await runLab(lab, { seed: 1, speed: 20 });
    const lines = statsByLine(siteStats(r.events)).get(lab)!;
    const write = lines.get(lineOf(lab, 'await db.write('))!;
    const read = lines.get(lineOf(lab, 'await db.read()'))!;
    assert.deepEqual([write.callNames, write.calls, write.lostUpdates], [['write()'], 2, 1]);
    assert.deepEqual([read.callNames, read.calls, read.lostUpdates], [['read()'], 2, 0]);
  });
});
