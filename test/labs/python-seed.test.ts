/**
 * The seed tutorial's six programs, run unmodified as Python labs, tell the same stories as
 * plain python3 and as our JavaScript labs of the same names. Their outputs are compared with
 * plain python3 runs of the same files, except for timing and what randomness orders.
 */
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabEvent } from '../../src/protocol/events';
import { ofKind, printed, runEnd } from '../support/events';
import { cleanup, plainPython, PYTHON, tempFolder } from '../support/python';
import { runLab } from '../support/runLab';
import { seedPrograms, type SeedPrograms } from '../support/seedPrograms';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/** A program of the seed in a fresh folder (with the tutorial's data.json), ready to run. */
function place(seed: SeedPrograms, n: number): { dir: string; script: string } {
  const dir = tempFolder('cl-seed-py-');
  const script = join(dir, `program_${n}.py`);
  writeFileSync(script, seed.programs[n]);
  writeFileSync(join(dir, 'data.json'), seed.dataJson);
  return { dir, script };
}

const lines = (out: string) => out.split('\n').filter((l) => l.trim() !== '');
const exitsOf = (events: readonly LabEvent[]) => ofKind(events, 'proc.exit');

describe('the seed tutorial, run unmodified as Python labs', function () {
  this.timeout(600_000);
  let seed: SeedPrograms | null = null;
  before(function () {
    seed = seedPrograms();
    if (!PYTHON || !seed) this.skip();
  });
  after(cleanup);

  it('1.1 oversells in most seeds; a torn read crashes only its reader, with a JSONDecodeError', async () => {
    let oversold = 0;
    for (const s of SEEDS) {
      const { script } = place(seed!, 0);
      const { events } = await runLab(script, { seed: s, speed: 20 });
      const end = runEnd(events);
      assert.equal(end.status, 'ok', end.message);
      assert.equal(ofKind(events, 'proc.spawn').length, 11);
      const sold = ofKind(events, 'file.write').filter(
        (e) => JSON.stringify(e.value) === '{"ticket_num":0}',
      );
      if (sold.length >= 2) {
        oversold++;
        assert.ok(
          ofKind(events, 'diag').some((d) => d.code === 'lost-update'),
          `seed ${s}: an oversold run has its lost update diagnosed`,
        );
      }
      const torn = ofKind(events, 'file.read').filter((e) => e.error !== undefined);
      const failed = new Set(torn.map((e) => e.proc));
      for (const e of torn) assert.match(e.error!, /^JSONDecodeError: /);
      for (const exit of exitsOf(events)) {
        if (failed.has(exit.proc)) {
          assert.equal(exit.code, 1, `seed ${s}: the torn reader crashed`);
          const error = ofKind(events, 'error').find((x) => x.proc === exit.proc);
          assert.match(error?.message ?? '', /^JSONDecodeError: /);
          assert.equal(error?.file, script, 'the error names the line of the script');
        } else assert.equal(exit.reason, 'returned', `seed ${s}: process ${exit.proc}`);
      }
    }
    assert.ok(oversold >= 6, `oversold in ${oversold} of ${SEEDS.length} seeds`);
  });

  it('1.2 sells exactly one ticket, with the lock waiters visible', async () => {
    for (const s of [1, 2, 3]) {
      const { script } = place(seed!, 1);
      const { events } = await runLab(script, { seed: s, speed: 20 });
      assert.equal(runEnd(events).status, 'ok');
      const sold = ofKind(events, 'file.write').filter(
        (e) => JSON.stringify(e.value) === '{"ticket_num":0}',
      );
      assert.equal(sold.length, 1, `seed ${s}: one sale`);
      assert.equal(ofKind(events, 'file.read').filter((e) => e.error).length, 0);
      const waited = ofKind(events, 'lock.acquire').filter((e) => e.waitedUs > 0);
      assert.ok(waited.length >= 5, `seed ${s}: ${waited.length} buyers waited for the lock`);
      const requests = ofKind(events, 'lock.request');
      assert.ok(requests.length >= 6);
      // Each request names its call site: the script's line with the acquire().
      const sites = new Map(ofKind(events, 'site').map((e) => [e.id, e]));
      const acquireLine = seed!.programs[1].split('\n').findIndex((l) => l.includes('.acquire()'));
      for (const r of requests) {
        assert.equal(sites.get(r.site ?? -1)?.line, acquireLine + 1);
        assert.equal(sites.get(r.site ?? -1)?.file, script);
      }
    }
  });

  it('2.1 prints the same lines as plain python3', async () => {
    const { dir, script } = place(seed!, 2);
    const [plain, { events }] = await Promise.all([
      plainPython(script, dir),
      runLab(script, { seed: 1, speed: 20 }),
    ]);
    assert.equal(runEnd(events).status, 'ok');
    assert.deepEqual(printed(events), lines(plain.out));
    assert.equal(ofKind(events, 'queue.put').length, 5);
    assert.equal(ofKind(events, 'queue.get').length, 5);
    assert.equal(ofKind(events, 'queue.empty').length, 1, 'the get with a timeout raised Empty');
  });

  it('3 (IPC) passes its message through the queue, as plain python3 prints it', async () => {
    const { dir, script } = place(seed!, 3);
    const [plain, { events }] = await Promise.all([
      plainPython(script, dir),
      runLab(script, { seed: 1, speed: 20 }),
    ]);
    assert.equal(runEnd(events).status, 'ok');
    assert.deepEqual(printed(events), lines(plain.out));
    const [put] = ofKind(events, 'queue.put');
    const [get] = ofKind(events, 'queue.get');
    assert.equal(get.item, put.item);
    assert.equal(printed(events)[0], put.value);
    assert.deepEqual(
      exitsOf(events).map((e) => e.reason),
      ['returned', 'returned', 'returned'],
    );
  });

  // What each consumer ate, without who ate it (randomness decides that): the text after the name.
  const eaten = (all: readonly string[]) => all.map((l) => l.replace(/^\S+?吃了/, '')).sort();
  // The same from plain python3's stdout. Its consumers share one pipe, and an unbuffered print
  // (PYTHONUNBUFFERED) writes its text and its newline apart, so another consumer's line may land
  // between them: "甲吃了X乙吃了Y\n\n". Split at every consumer's name, taken from our own lines.
  const eatenPlain = (out: string, ours: readonly string[]) => {
    const names = [...new Set(ours.map((l) => /^(\S+?)吃了/.exec(l)?.[1]).filter((n) => n))];
    const escaped = names.map((n) => n!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const at = new RegExp(`(?=(?:${escaped.join('|')})吃了)`);
    return eaten(lines(out).flatMap((l) => l.split(at)));
  };

  it('4.2 (sentinel) ends every consumer with a None, items visible in the queue', async () => {
    const { dir, script } = place(seed!, 4);
    const [plain, { events }] = await Promise.all([
      plainPython(script, dir),
      runLab(script, { seed: 1, speed: 20 }),
    ]);
    assert.equal(runEnd(events).status, 'ok');
    assert.equal(printed(events).length, 10);
    assert.deepEqual(eaten(printed(events)), eatenPlain(plain.out, printed(events)));
    const puts = ofKind(events, 'queue.put');
    assert.equal(puts.filter((e) => e.value === null).length, 2);
    assert.equal(ofKind(events, 'queue.get').length, 12);
    assert.ok(exitsOf(events).every((e) => e.reason === 'returned'));
  });

  it('4.3 (JoinableQueue) finishes and its daemon consumers end with main', async () => {
    const { dir, script } = place(seed!, 5);
    const [plain, { events }] = await Promise.all([
      plainPython(script, dir),
      runLab(script, { seed: 1, speed: 20 }),
    ]);
    assert.equal(runEnd(events).status, 'ok');
    assert.deepEqual(eaten(printed(events)), eatenPlain(plain.out, printed(events)));
    assert.equal(ofKind(events, 'queue.put').length, 10);
    assert.equal(ofKind(events, 'queue.task_done').length, 10);
    assert.equal(ofKind(events, 'queue.join.done').length, 1);
    const spawns = ofKind(events, 'proc.spawn');
    const daemons = spawns.filter((e) => e.daemon).map((e) => e.proc);
    assert.equal(daemons.length, 2);
    const exits = new Map(exitsOf(events).map((e) => [e.proc, e]));
    for (const d of daemons) assert.equal(exits.get(d)?.reason, 'daemon');
    assert.equal(exits.get(0)?.reason, 'returned');
    assert.ok(exits.get(0)!.seq > Math.max(...daemons.map((d) => exits.get(d)!.seq)));
  });
});
