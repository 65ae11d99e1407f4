/**
 * Value and Array under contention, and pipes nobody will write to. Without its lock a counter
 * loses updates (bpo-16998), deterministically under a seeded controlled schedule; under
 * getLock() it never does. A recv() no process can answer ends the run as a deadlock in words.
 */
import { strict as assert } from 'node:assert';
import { checkLog } from '../../src/protocol/validateEvent';
import { ofKind, printedJson } from '../support/events';
import { fixture, runLab, type LabResult } from '../support/runLab';

interface Totals {
  unlocked: number;
  unlockedCells: number[];
  locked: number;
  lockedCells: number[];
}

describe('Value and Array under contention; pipes nobody writes to', function () {
  this.timeout(300_000);
  const runs = new Map<number, LabResult>();
  const run = async (seed: number) => {
    if (!runs.has(seed))
      runs.set(
        seed,
        await runLab(fixture('value-contention.lab.mjs'), { seed, schedule: 'random' }),
      );
    return runs.get(seed)!;
  };

  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: set(get() + 1) without the lock loses updates; under getLock() all 20 count`, async () => {
      const r = await run(seed);
      assert.equal(r.status, 'ok', JSON.stringify(r.done));
      assert.deepEqual(checkLog(r.events), { ok: true });
      const t = printedJson<Totals>(r.events);
      assert.equal(t.locked, 20);
      assert.deepEqual(t.lockedCells, [10, 10]);
      assert.ok(t.unlocked < 20, `unlocked total ${t.unlocked}`);
      assert.ok(t.unlockedCells[0] + t.unlockedCells[1] < 20, `cells ${t.unlockedCells}`);
      // Every write of the bare counter wrote what some read saw plus one: the lost updates are
      // writes whose read was stale, never a torn value.
      const bare = ofKind(r.events, 'value.create').find((e) => e.name === 'bare')!.obj;
      const sets = ofKind(r.events, 'value.set').filter((e) => e.obj === bare);
      assert.equal(sets.length, 20);
      // The lost updates are found in the log, on the bare counter and its cells only.
      const byName = new Map(ofKind(r.events, 'value.create').map((e) => [e.obj, e.name]));
      const lost = ofKind(r.events, 'diag').filter((d) => d.code === 'lost-update');
      assert.ok(lost.length > 0, 'lost updates are diagnosed');
      for (const d of lost)
        assert.ok(
          d.objs.every((o) => byName.get(o) === 'bare' || byName.get(o) === 'bare cells'),
          d.message.en,
        );
      assert.ok(
        lost.some((d) => /read bare = \d+, then Process-\d wrote bare = /.test(d.message.en)),
      );
    });
  }

  it('the same seed loses the same updates again (the schedule is the seed)', async () => {
    const again = await runLab(fixture('value-contention.lab.mjs'), {
      seed: 2,
      schedule: 'random',
    });
    const first = await run(2);
    assert.deepEqual(printedJson(again.events), printedJson(first.events));
    const values = (rr: LabResult) => ofKind(rr.events, 'value.set').map((e) => [e.proc, e.value]);
    assert.deepEqual(values(again), values(first));
  });

  it('under getLock(), no read of the guarded counter falls between another read and its write', async () => {
    const { events } = await run(1);
    const guarded = ofKind(events, 'value.create').find((e) => e.name === 'guarded')!.obj;
    let open: number | null = null;
    for (const e of events) {
      if ((e.kind !== 'value.get' && e.kind !== 'value.set') || e.obj !== guarded) continue;
      if (e.kind === 'value.get' && e.proc !== 0) {
        assert.equal(open, null, `a read at seq ${e.seq} inside another's read-modify-write`);
        open = e.proc;
      } else if (e.kind === 'value.set') {
        assert.equal(open, e.proc, `the write at seq ${e.seq} follows its own read`);
        open = null;
      }
    }
  });

  it('two processes each in recv() for the other: a deadlock naming the pipe and who holds what', async () => {
    const r = await runLab(fixture('pipe-stuck.lab.mjs'), { speed: 5 });
    assert.equal(r.status, 'deadlock');
    const d = ofKind(r.events, 'diag').find((e) => e.code === 'deadlock')!;
    for (const text of [
      'Ping waits in recv() on end 0 of table, where no message is waiting; only Pong holds the other end',
      'Pong waits in recv() on end 1 of table, where no message is waiting; only Ping holds the other end',
    ])
      assert.ok(d.message.en.includes(text), d.message.en);
    assert.match(d.message['zh-CN'], /Ping 在 recv\(\) 中等待 table 的第 0 端/);
    assert.deepEqual([...d.procs].sort(), [1, 2]);
  });

  it('recv() on a pipe whose other end only the receiver holds: a deadlock that says so', async () => {
    const r = await runLab(fixture('pipe-alone.lab.mjs'), { speed: 5 });
    assert.equal(r.status, 'deadlock');
    const d = ofKind(r.events, 'diag').find((e) => e.code === 'deadlock')!;
    assert.ok(
      d.message.en.includes('MainProcess waits in recv() on end 0 of mailbox') &&
        d.message.en.includes('only it holds the other end'),
      d.message.en,
    );
  });
});
