/**
 * What each line of lab code did (src/model/siteStats.ts), from real runs: calls, waits and
 * holds per line and per process, and the lost update at the line that wrote it.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterLineText } from '../../src/extension/siteLines';
import type { LabEvent } from '../../src/protocol/events';
import { siteStats, statsByLine } from '../../src/model/siteStats';
import { fixture, runLab } from '../support/runLab';

const ROOT = resolve(__dirname, '../..');
/** The host's translation function, in English: the message with its arguments put in. */
const en = (m: string, ...args: (string | number)[]) =>
  m.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));

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

  it('counts the calls and waits of barriers, semaphores and pipes, not only of locks and queues', async () => {
    const lab = (id: string) => join(ROOT, 'dist', 'labs', `${id}.lab.mjs`);
    const lineStats = async (id: string) => {
      const r = await runLab(id, { seed: 1, schedule: 'random', timeoutSec: 120 });
      assert.equal(r.status, 'ok', id);
      return statsByLine(siteStats(r.events)).get(lab(id))!;
    };
    // Four runners wait at the barrier after each of three laps.
    const barrier = await lineStats('barrier');
    const lap = barrier.get(lineOf(lab('barrier'), 'await lapLine.wait()'))!;
    assert.deepEqual([lap.callNames, lap.calls, lap.waits], [['barrier.wait()'], 12, 12]);
    assert.ok(lap.waitUs > 0, 'the early runners waited for the slowest');
    const made = barrier.get(lineOf(lab('barrier'), 'new Barrier('))!;
    assert.deepEqual([made.callNames, made.calls], [['Barrier()'], 1]);
    assert.match(afterLineText(lap, en), /^12 calls · waited /);
    // Each of the eight workers takes a connection twice, in withLock.
    const pool = await lineStats('semaphore-pool');
    const take = pool.get(lineOf(lab('semaphore-pool'), 'connections.withLock('))!;
    assert.equal(take.callNames[0], 'semaphore.acquire()');
    assert.ok(take.calls > 0 && take.waits > 0, JSON.stringify(take));
    // Ping's every recv() waits for Pong's answer.
    const pipe = await lineStats('pipe-ping-pong');
    const recv = pipe.get(lineOf(lab('pipe-ping-pong'), 'const back = await bat.recv()'))!;
    assert.deepEqual([recv.callNames, recv.calls], [['conn.recv()'], 5]);
    assert.ok(recv.waits > 0, JSON.stringify(recv));
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
