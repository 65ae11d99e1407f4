/**
 * The new primitives under contention with real processes (test/fixtures/labs/sync-contention):
 * the log must show each one's invariant at every event, not only a right final answer.
 */
import { strict as assert } from 'node:assert';
import type { LabEvent } from '../../src/protocol/events';
import { checkLog } from '../../src/protocol/validateEvent';
import { ofKind, printedJson } from '../support/events';
import { fixture, runLab, type LabResult } from '../support/runLab';

function objNamed(events: readonly LabEvent[], name: string): number {
  const e = events.find(
    (x) => x.kind.endsWith('.create') && (x as { name?: string }).name === name,
  );
  assert.ok(e, `an object named ${name}`);
  return (e as { obj: number }).obj;
}

describe('new primitives under contention, with real processes', function () {
  this.timeout(300_000);
  const runs = new Map<number, LabResult>();
  const run = async (seed: number) => {
    if (!runs.has(seed))
      runs.set(seed, await runLab(fixture('sync-contention.lab.mjs'), { seed, speed: 5 }));
    return runs.get(seed)!;
  };

  for (const seed of [1, 2]) {
    it(`seed ${seed}: every result is right and the log is valid`, async () => {
      const r = await run(seed);
      assert.equal(r.status, 'ok', JSON.stringify(r.done));
      assert.deepEqual(checkLog(r.events), { ok: true });
      const { bufferHigh, ...results } = printedJson(r.events) as { bufferHigh: number };
      // How full the buffer got depends on when the consumers ran; never over its capacity of 2.
      assert.ok(bufferHigh >= 1 && bufferHigh <= 2, `the buffer held ${bufferHigh} at most`);
      assert.deepEqual(results, {
        seatsLeft: 3,
        consumed: [0, 1, 2, 3, 100, 101, 102, 103, 200, 201, 202, 203],
        eventWoke: [true, true, true, true, true],
        barrierIndexSets: [
          [0, 1, 2, 3],
          [0, 1, 2, 3],
          [0, 1, 2, 3],
        ],
      });
      assert.deepEqual(ofKind(r.events, 'error'), []);
      assert.equal(ofKind(r.events, 'file.read').filter((e) => e.error).length, 0);
    });

    it(`seed ${seed}: the semaphore's count is 3 minus its holders after every event, never below 0`, async () => {
      const { events } = await run(seed);
      const seats = objNamed(events, 'seats');
      let holders = 0;
      let most = 0;
      for (const e of events) {
        if ((e.kind !== 'sem.acquire' && e.kind !== 'sem.release') || e.obj !== seats) continue;
        holders += e.kind === 'sem.acquire' ? 1 : -1;
        most = Math.max(most, holders);
        assert.ok(holders >= 0 && holders <= 3, `${holders} holders at seq ${e.seq}`);
        if (e.kind === 'sem.acquire') assert.equal(e.value, 3 - holders, `count at seq ${e.seq}`);
      }
      assert.equal(holders, 0);
      assert.equal(ofKind(events, 'sem.acquire').filter((e) => e.obj === seats).length, 16);
    });

    it(`seed ${seed}: the RLock has one holder at a time, two levels deep each time`, async () => {
      const { events } = await run(seed);
      const nested = objNamed(events, 'nested');
      let holder: number | null = null;
      const depths: number[] = [];
      for (const e of events) {
        if (!('obj' in e) || e.obj !== nested) continue;
        if (e.kind === 'lock.acquire') {
          assert.equal(holder, null, `acquired while held, seq ${e.seq}`);
          holder = e.proc;
        } else if (e.kind === 'lock.release') {
          assert.equal(holder, e.proc, `released by its holder, seq ${e.seq}`);
          holder = null;
        } else if (e.kind === 'lock.depth') {
          assert.equal(holder, e.proc);
          depths.push(e.depth);
        }
      }
      assert.equal(depths.length, 24);
      assert.deepEqual([...new Set(depths)].sort(), [1, 2]);
    });

    it(`seed ${seed}: the Condition's waiters give the lock up and get it back; the Event wakes all; 3 barrier generations pass`, async () => {
      const { events } = await run(seed);
      for (const w of ofKind(events, 'cond.wake')) {
        // The woken process asks for its lock back right away (the next event of its own).
        const next = events.find((e) => e.seq > w.seq && e.proc === w.proc);
        assert.equal(next?.kind, 'lock.request', `after cond.wake at seq ${w.seq}`);
      }
      const waits = ofKind(events, 'cond.wait');
      assert.ok(waits.length > 0, 'some process had to wait on the condition');
      assert.ok(ofKind(events, 'cond.notify').some((n) => n.woke.length > 0));
      const wakes = ofKind(events, 'event.wake');
      assert.equal(wakes.length, 5);
      assert.ok(wakes.every((w) => w.flag));
      const start = objNamed(events, 'start');
      const sets = ofKind(events, 'event.set').filter((e) => e.obj === start);
      assert.equal(sets.length, 1);
      const line = objNamed(events, 'finish line');
      assert.deepEqual(
        ofKind(events, 'barrier.pass')
          .filter((e) => e.obj === line)
          .map((e) => e.gen),
        [0, 1, 2],
      );
      assert.equal(ofKind(events, 'barrier.arrive').filter((e) => e.obj === line).length, 12);
    });
  }
});
