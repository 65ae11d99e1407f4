/**
 * The six seed labs run for real (runner + OS processes) at high speed, checked against the seed's behaviour.
 * Outcomes are cross-checked with facts the lab does not compute itself (printed lines, put → get pairs).
 */
import { strict as assert } from 'node:assert';
import type { EventOf, LabEvent } from '../../src/protocol/events';
import { runLab } from '../support/runLab';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

const of = <K extends LabEvent['kind']>(events: readonly LabEvent[], kind: K) =>
  events.filter((e) => e.kind === kind) as unknown as EventOf<K>[];
const endOf = (events: readonly LabEvent[]) => of(events, 'run.end')[0];
const exits = (events: readonly LabEvent[]) =>
  new Map(of(events, 'proc.exit').map((e) => [e.proc, e]));
const spawns = (events: readonly LabEvent[]) => of(events, 'proc.spawn');

async function run(lab: string, seed: number, speed: number, lang: 'en' | 'zh-CN' = 'en') {
  const r = await runLab(lab, { seed, speed, lang });
  const end = endOf(r.events);
  assert.ok(end, `${lab} seed ${seed}: no run.end`);
  return { ...r, end };
}

/** Every put of a non-None value is got exactly once, and every get matches a put. */
function assertEachItemOnce(events: readonly LabEvent[], label: string): void {
  const puts = of(events, 'queue.put').filter((e) => e.value !== null);
  const gets = new Map<number, number>();
  for (const g of of(events, 'queue.get')) gets.set(g.item, (gets.get(g.item) ?? 0) + 1);
  const putItems = new Set(of(events, 'queue.put').map((p) => p.item));
  for (const item of gets.keys())
    assert.ok(putItems.has(item), `${label}: get of item ${item} with no put`);
  for (const p of puts)
    assert.equal(
      gets.get(p.item),
      1,
      `${label}: item ${p.item} (${JSON.stringify(p.value)}) got ${gets.get(p.item) ?? 0} times`,
    );
  assert.equal(puts.length, 10, `${label}: 10 items produced`);
}

describe('seed labs, run for real', function () {
  this.timeout(240_000);

  it('ticket-race oversells in most runs, and each oversold run has a lost update diagnosed', async () => {
    let oversold = 0;
    const lines: string[] = [];
    for (const seed of SEEDS) {
      const { events, end } = await run('ticket-race', seed, 20);
      const outcome = end.outcome as { tickets: number; sold: number };
      const printedSales = of(events, 'log').filter((e) => / got a ticket$/.test(e.text)).length;
      assert.equal(outcome.tickets, 1);
      assert.equal(outcome.sold, printedSales, `seed ${seed}: outcome counts the printed sales`);
      assert.equal(
        spawns(events).filter((s) => /^Process \d$/.test(s.name)).length,
        10,
        'ten buyers, named as in the seed',
      );
      // A torn read crashes only its reader; as in Python, main and so the run still end normally,
      // and the end message names the crashed readers.
      const torn = new Set(
        of(events, 'file.read')
          .filter((e) => e.error !== undefined)
          .map((e) => e.proc),
      );
      assert.equal(end.status, 'ok', `seed ${seed}: ${end.message ?? ''}`);
      if (torn.size)
        assert.match(
          end.message ?? '',
          /failed: Process \d/,
          `seed ${seed}: the crashed readers are named`,
        );
      for (const [proc, exit] of exits(events)) {
        if (torn.has(proc))
          assert.notEqual(exit.code, 0, `seed ${seed}: a torn read crashes its reader`);
        else assert.equal(exit.code, 0, `seed ${seed}: process ${proc} finishes normally`);
      }
      assert.equal(exits(events).size, 11, 'all eleven processes ran to their end');
      const lost = of(events, 'diag').filter((d) => d.code === 'lost-update');
      if (outcome.sold >= 2) {
        oversold++;
        assert.ok(
          lost.length > 0,
          `seed ${seed}: sold ${outcome.sold} but no lost-update diagnosis`,
        );
      }
      assert.match(
        end.narration?.en ?? '',
        outcome.sold >= 2 ? /One ticket, \d+ sales\..*lost update/ : /One ticket|No ticket/,
      );
      lines.push(`seed ${seed}: sold ${outcome.sold}`);
    }
    assert.ok(oversold >= 8, `oversold in only ${oversold} of 10 runs (${lines.join(', ')})`);
  });

  it('ticket-lock sells exactly one ticket every time, and buyers wait for the lock', async () => {
    const contended: number[] = [];
    for (const seed of SEEDS) {
      const { events, end } = await run('ticket-lock', seed, 20);
      assert.equal(end.status, 'ok', `seed ${seed}: ${end.message ?? ''}`);
      assert.deepEqual(end.outcome, { tickets: 1, sold: 1 }, `seed ${seed}`);
      assert.equal(of(events, 'log').filter((e) => / got a ticket$/.test(e.text)).length, 1);
      // The lock is held around every write: no two buyers between acquire and release at once.
      // A request made while another buyer holds the lock is granted only after a release, and its wait is recorded.
      let holder: number | undefined;
      const blocked = new Map<number, number>();
      for (const e of events) {
        if (e.kind === 'lock.request' && holder !== undefined) blocked.set(e.proc, e.t);
        if (e.kind === 'lock.acquire') {
          assert.equal(holder, undefined, `seed ${seed}: two holders`);
          holder = e.proc;
          const since = blocked.get(e.proc);
          if (since !== undefined) {
            assert.ok(
              e.waitedUs > 0 && e.waitedUs >= e.t - since - 1000,
              `seed ${seed}: wait of ${e.waitedUs} µs recorded for a blocked request`,
            );
            if (!contended.includes(seed)) contended.push(seed);
          }
        }
        if (e.kind === 'lock.release') holder = undefined;
        if (e.kind === 'file.write')
          assert.equal(holder, e.proc, `seed ${seed}: a write outside the lock`);
      }
      assert.equal(of(events, 'diag').filter((d) => d.code === 'lost-update').length, 0);
    }
    // Buyers arrive at the lock while the winner holds it (how many depends on OS start-up timing).
    assert.ok(
      contended.length >= 5,
      `buyers waited for the lock in only ${contended.length} of 10 runs (seeds ${contended.join(', ')})`,
    );
  });

  it('queue-basics: FIFO, full(), Full on a blocked put, Empty twice, the same every run', async () => {
    const a = await run('queue-basics', 1, 50);
    const b = await run('queue-basics', 2, 50);
    for (const { events, end } of [a, b]) {
      assert.equal(end.status, 'ok', end.message);
      assert.deepEqual(
        of(events, 'queue.put').map((e) => e.value),
        [111, 222, 333, 444, 555],
      );
      assert.deepEqual(
        of(events, 'queue.get').map((e) => e.value),
        [111, 222, 333, 444, 555],
      );
      assert.deepEqual(
        of(events, 'queue.query').map((e) => [e.op, e.result]),
        [
          ['full', false],
          ['empty', false],
          ['full', true],
          ['empty', true],
        ],
      );
      assert.equal(of(events, 'queue.put.wait').length, 1, 'the sixth put blocked');
      assert.equal(of(events, 'queue.full').length, 1);
      assert.equal(of(events, 'queue.empty').length, 2);
      const wait = of(events, 'queue.get.wait')[0];
      const empty = of(events, 'queue.empty')[1];
      const labSec = ((empty.t - wait.t) * 50) / 1e6;
      assert.ok(labSec > 2.5, `get(timeout=3) gave up after ${labSec} lab seconds`);
      assert.ok(of(events, 'log').some((e) => /waited 3 s and raised Empty/.test(e.text)));
      assert.match(
        end.narration!.en,
        /Five gets returned 111, 222, 333, 444, 555: the same order they went in \(FIFO\)/,
      );
      assert.match(end.narration!['zh-CN'], /先进先出/);
    }
    assert.deepEqual(a.end.outcome, b.end.outcome);
  });

  it('ipc: child to child and main to child, the same messages every run', async () => {
    const a = await run('ipc', 3, 20);
    const b = await run('ipc', 3, 20);
    for (const { events, end } of [a, b]) {
      assert.equal(end.status, 'ok', end.message);
      for (const e of exits(events).values()) assert.equal(e.code, 0);
      const d = (end.outcome as { delivered: { from: string; to: string }[] }).delivered.map(
        (x) => `${x.from}→${x.to}`,
      );
      assert.deepEqual(d.sort(), [
        'MainProcess→Responder',
        'Producer→Consumer',
        'Responder→MainProcess',
      ]);
      assert.ok(
        of(events, 'log').some(
          (e) => e.proc !== 0 && /^consumer received: Hello from the producer/.test(e.text),
        ),
      );
      assert.match(
        end.narration!.en,
        /^Producer put "Hello from the producer, via the queue!" into q and Consumer got it/,
      );
      assert.ok(
        of(events, 'log').some(
          (e) =>
            e.proc === 0 &&
            /^main received: yes, I.m here \(you asked: are you there\?\)/.test(e.text),
        ),
      );
    }
    assert.deepEqual(a.end.outcome, b.end.outcome);
  });

  it('producer-consumer-sentinel: every item eaten once, one None per eater, eaters leave after it', async () => {
    const outcomes = [];
    for (const seed of [4, 4, 5]) {
      const { events, end } = await run('producer-consumer-sentinel', seed, 20);
      assert.equal(end.status, 'ok', end.message);
      assertEachItemOnce(events, `seed ${seed}`);
      const names = new Map(spawns(events).map((s) => [s.proc, s.name]));
      const ex = exits(events);
      for (const [proc] of names) assert.equal(ex.get(proc)?.code, 0, `${names.get(proc)} exits 0`);
      const chefs = [...names].filter(([, n]) => /^Chef \d$/.test(n)).map(([p]) => p);
      const lastChefExit = Math.max(...chefs.map((p) => ex.get(p)!.seq));
      const nonePuts = of(events, 'queue.put').filter((e) => e.value === null);
      assert.equal(nonePuts.length, 2);
      for (const p of nonePuts)
        assert.ok(
          p.proc === 0 && p.seq > lastChefExit,
          'main puts the Nones after joining both chefs',
        );
      const noneGets = of(events, 'queue.get').filter((e) => e.value === null);
      assert.deepEqual(noneGets.map((g) => names.get(g.proc)).sort(), ['Li Si', 'Zhang San']);
      for (const g of noneGets) {
        assert.ok(
          !of(events, 'queue.get').some((x) => x.proc === g.proc && x.seq > g.seq),
          'no get after the None',
        );
        assert.ok(ex.get(g.proc)!.seq > g.seq, 'the eater exits after its None');
      }
      assert.equal(
        of(events, 'log').filter((e) => / ate Chef \d's (baozi|mantou) #\d$/.test(e.text)).length,
        10,
      );
      assert.match(
        end.narration!.en,
        /^10 items were made .* Every item was eaten exactly once.* 2 None sentinels/,
      );
      assert.match(end.narration!['zh-CN'], /一共做了 10 份/);
      outcomes.push(end.outcome);
    }
    assert.deepEqual(outcomes, [
      { produced: 10, consumed: 10 },
      { produced: 10, consumed: 10 },
      { produced: 10, consumed: 10 },
    ]);
  });

  it('producer-consumer-joinable: every item eaten once, join() returns after the last task_done, daemons stopped', async () => {
    const outcomes = [];
    for (const seed of [6, 6, 7]) {
      const { events, end } = await run('producer-consumer-joinable', seed, 20);
      assert.equal(end.status, 'ok', end.message);
      assertEachItemOnce(events, `seed ${seed}`);
      const dones = of(events, 'queue.task_done');
      assert.equal(dones.length, 10);
      const last = dones[dones.length - 1];
      assert.equal(last.unfinished, 0);
      const joined = of(events, 'queue.join.done');
      assert.equal(joined.length, 1);
      assert.ok(
        joined[0].proc === 0 && joined[0].seq > last.seq,
        'q.join() returns only after the last task_done',
      );
      const ex = exits(events);
      for (const s of spawns(events)) {
        if (s.daemon)
          assert.equal(ex.get(s.proc)?.reason, 'daemon', `${s.name} is stopped as a daemon`);
        else assert.equal(ex.get(s.proc)?.code, 0, `${s.name} exits 0`);
      }
      assert.deepEqual(
        spawns(events)
          .filter((s) => s.daemon)
          .map((s) => s.name)
          .sort(),
        ['Li Si', 'Zhang San'],
      );
      assert.match(
        end.narration!.en,
        /Every item was eaten exactly once.*q\.join\(\).*the daemon eaters/,
      );
      outcomes.push(end.outcome);
    }
    assert.deepEqual(outcomes, [
      { produced: 10, consumed: 10 },
      { produced: 10, consumed: 10 },
      { produced: 10, consumed: 10 },
    ]);
  });

  it("speaks Chinese: the seed's names and printed lines in zh-CN", async () => {
    const { events, end } = await run('producer-consumer-sentinel', 8, 20, 'zh-CN');
    assert.equal(end.status, 'ok', end.message);
    assert.deepEqual(
      spawns(events).map((s) => s.name),
      ['MainProcess', '大厨_1', '大厨_2', '张三', '李四'],
    );
    const meals = of(events, 'log').map((e) => e.text);
    assert.equal(meals.length, 10);
    for (const m of meals)
      assert.match(m, /^(张三|李四)吃了大厨_(1做的第\d个包子|2做的第\d个馒头)$/);
    assert.match(
      end.narration!['zh-CN'],
      /^一共做了 10 份（大厨_1 ×5 和大厨_2 ×5|^一共做了 10 份（大厨_2 ×5 和大厨_1 ×5/,
    );
  });
});
