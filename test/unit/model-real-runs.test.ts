/**
 * The model functions on REAL logs: labs run by dist/runner.js with real processes and files.
 * Assertions are cross-checks against facts read straight off the log, not against the functions themselves.
 */
import { strict as assert } from 'node:assert';
import { lockHandoffs, lockIntervals, matchPutsToGets } from '../../src/model/analysis';
import { toChromeTrace } from '../../src/model/chromeTrace';
import { diagnose, type Finding } from '../../src/model/diagnose';
import { computeStats } from '../../src/model/stats';
import type { EventOf, LabEvent } from '../../src/protocol/events';
import { checkLog } from '../../src/protocol/validateEvent';
import { fixture, runLab } from '../support/runLab';
import { assertFlowsBind, assertSlicesNest } from '../support/traceChecks';

const MINE = new Set(['lost-update', 'torn-read', 'lock-contention', 'unfinished-tasks']);
const of = <K extends LabEvent['kind']>(events: readonly LabEvent[], kind: K) =>
  events.filter((e) => e.kind === kind) as unknown as EventOf<K>[];

async function run(lab: string, seed: number, speed = 20) {
  const r = await runLab(lab, { seed, speed, lang: 'en' });
  assert.deepEqual(checkLog(r.events), { ok: true });
  // A torn read crashes its reader (as in the seed); the run may then end 'error', and the log is still whole.
  assert.ok(
    r.events.some((e) => e.kind === 'run.end'),
    `${lab} seed ${seed}: no run.end`,
  );
  // What the runner diagnosed was computed on the log up to its closing events.
  const closing = r.events.findIndex((e) => e.kind === 'diag' || e.kind === 'run.end');
  const before = closing < 0 ? r.events : r.events.slice(0, closing);
  const emitted = of(r.events, 'diag')
    .filter((d) => MINE.has(d.code))
    .map(({ code, message, procs, objs, at }) => ({ code, message, procs, objs, at }));
  return { events: r.events, before, emitted };
}

const strip = (fs: Finding[]) =>
  fs.map((f) => ({ code: f.code, message: f.message, procs: f.procs, objs: f.objs, at: f.at }));

/** Straight off a one-lock log: requests made while the lock was held (how many depends on OS timing). */
function countRequestsWhileHeld(events: readonly LabEvent[]): number {
  let held = false;
  let n = 0;
  for (const e of events) {
    if (e.kind === 'lock.acquire') held = true;
    else if (e.kind === 'lock.release') held = false;
    else if (e.kind === 'lock.request' && held) n++;
  }
  return n;
}

/** A thread per process, named as the log names it. */
function assertThreads(events: readonly LabEvent[]) {
  const trace = toChromeTrace(events);
  assert.deepEqual(JSON.parse(JSON.stringify(trace)), trace);
  const names = trace.traceEvents
    .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.tid! > 0)
    .map((e) => e.args!.name)
    .sort();
  assert.deepEqual(
    names,
    of(events, 'proc.spawn')
      .map((s) => s.name)
      .sort(),
  );
  assertSlicesNest(trace);
  assertFlowsBind(trace);
  return trace;
}

describe('model functions on real runs', function () {
  this.timeout(300_000);

  it('ticket-race: a lost update for every write of 0 after the first, naming the writers', async () => {
    for (const seed of [1, 2, 3]) {
      const { events, before, emitted } = await run('ticket-race', seed);
      const found = diagnose(before);
      assert.deepEqual(emitted, strip(found), `seed ${seed}: the runner emits what diagnose finds`);
      const writes = of(events, 'file.write');
      const lost = found.filter((f) => f.code === 'lost-update');
      // Every buyer read 1 before the first write of 0 landed, so each later write overwrote a newer one.
      assert.equal(
        lost.length,
        Math.max(0, writes.length - 1),
        `seed ${seed}: ${writes.length} writes`,
      );
      const name = new Map(of(events, 'proc.spawn').map((s) => [s.proc, s.name]));
      lost.forEach((f, i) => {
        const w = writes[i + 1];
        assert.equal(f.at, w.seq);
        assert.equal(f.procs[0], w.proc);
        assert.ok(
          f.message.en.startsWith(`${name.get(w.proc)} read ticket_num = 1, then `),
          f.message.en,
        );
        assert.ok(
          f.message.en.includes(`${name.get(w.proc)}'s write of ticket_num = 0 overwrote it`),
          f.message.en,
        );
      });
      for (const r of of(events, 'file.read').filter((x) => x.error !== undefined)) {
        assert.ok(
          found.some((f) => f.code === 'torn-read' && f.at === r.seq),
          `seed ${seed}: torn read at ${r.seq} diagnosed`,
        );
      }
      const stats = computeStats(events);
      assert.equal(stats.processes.length, 11);
      assert.ok(stats.processes.every((p) => p.exited));
      assert.ok(stats.processes.filter((p) => p.proc > 0).every((p) => p.sleepingUs > 0));
      assertThreads(events);
    }
  });

  it('ticket-lock: handoffs, waits and flows agree with the lock events', async () => {
    const { events, before, emitted } = await run('ticket-lock', 1);
    const found = diagnose(before);
    assert.deepEqual(emitted, strip(found));
    assert.ok(!found.some((f) => f.code === 'lost-update'), 'the lock prevents lost updates');
    const acquires = of(events, 'lock.acquire');
    const iv = lockIntervals(events);
    assert.equal(iv.filter((x) => x.waitEnd === 'acquired').length, acquires.length);
    assert.ok(
      iv.every((x) => x.holdUs !== undefined && !x.holdOpen),
      'every hold ends in a release',
    );
    for (const x of iv) {
      // Our wait is acquire.t − request.t; the runner's own measure may differ by the microseconds between stamps.
      const runner = acquires.find((a) => a.seq === x.acquireSeq)!.waitedUs;
      assert.ok(
        Math.abs(x.waitUs - runner) < 5_000,
        `wait ${x.waitUs} µs vs the runner's ${runner} µs`,
      );
    }
    const requestsWhileHeld = countRequestsWhileHeld(events);
    const handoffs = lockHandoffs(events);
    const through = handoffs.filter((h) => h.letThrough);
    assert.equal(
      through.length,
      requestsWhileHeld - iv.filter((x) => x.contended && x.waitEnd !== 'acquired').length,
    );
    for (const h of through) assert.equal(events[h.releaseSeq!].proc, h.fromProc);
    const contention = found.find((f) => f.code === 'lock-contention');
    assert.equal(contention !== undefined, requestsWhileHeld > 0);
    if (contention) assert.match(contention.message.en, /^Lock .+: \d+ process(es)? had to wait/);
    const stats = computeStats(events);
    assert.equal(stats.locks[0].acquisitions, acquires.length);
    assert.equal(stats.locks[0].contended, iv.filter((x) => x.contended).length);
    const trace = assertThreads(events);
    assert.equal(
      trace.traceEvents.filter((e) => e.cat === 'lock.flow' && e.ph === 's').length,
      through.length,
    );
  });

  it('producer-consumer-sentinel: every get matched to its put, one flow per get', async () => {
    const { events, before, emitted } = await run('producer-consumer-sentinel', 1);
    assert.deepEqual(emitted, strip(diagnose(before)));
    const gets = of(events, 'queue.get');
    const m = matchPutsToGets(events);
    assert.deepEqual(m.unmatchedGets, []);
    assert.equal(m.items.filter((x) => x.getSeq !== undefined).length, gets.length);
    for (const x of m.items)
      if (x.getSeq !== undefined)
        assert.deepEqual(
          events[x.getSeq].kind === 'queue.get' && [
            events[x.getSeq].proc,
            (events[x.getSeq] as EventOf<'queue.get'>).value,
          ],
          [x.getProc, x.value],
        );
    const stats = computeStats(events);
    const q = stats.queues[0];
    assert.deepEqual([q.produced, q.consumed, q.puts, q.gets], [10, 10, gets.length, gets.length]);
    assert.equal(
      stats.processes.reduce((n, p) => n + p.itemsGot, 0),
      gets.length,
    );
    const trace = assertThreads(events);
    assert.equal(
      trace.traceEvents.filter((e) => e.cat === 'queue.flow' && e.ph === 's').length,
      gets.length,
    );
    assert.equal(
      trace.traceEvents.filter((e) => e.cat === 'queue.flow' && e.ph === 'f').length,
      gets.length,
    );
  });

  it('a lost update made certain (two gated increments): found, with names and values', async () => {
    const { events, before, emitted } = await run(fixture('model-lost-update.lab.mjs'), 1, 1);
    const found = diagnose(before);
    assert.deepEqual(emitted, strip(found));
    const writes = of(events, 'file.write');
    assert.deepEqual(
      writes.map((w) => w.value),
      [{ count: 1 }, { count: 1 }],
      'both read 0 and wrote 1',
    );
    const name = new Map(of(events, 'proc.spawn').map((s) => [s.proc, s.name]));
    const [first, second] = [name.get(writes[0].proc)!, name.get(writes[1].proc)!];
    assert.deepEqual(found, [
      {
        code: 'lost-update',
        message: {
          en: `${second} read count = 0, then ${first} wrote count = 1; ${second}'s write of count = 1 overwrote it — one update was lost.`,
          'zh-CN': `${second} 读到 count = 0，随后 ${first} 写入了 count = 1；${second} 写入的 count = 1 覆盖了它——丢失了一次更新。`,
        },
        procs: [writes[1].proc, writes[0].proc],
        objs: [writes[0].obj],
        at: writes[1].seq,
      },
    ]);
  });

  it('8 × 100 locked increments: no lost update, 800 acquisitions, contention summarized', async () => {
    const { events, before, emitted } = await run(fixture('counter-locked.lab.mjs'), 1, 1);
    const found = diagnose(before);
    assert.deepEqual(emitted, strip(found));
    assert.deepEqual(of(events, 'file.write').at(-1)?.value, { n: 800 });
    assert.deepEqual(
      found.map((f) => f.code),
      countRequestsWhileHeld(events) > 0 ? ['lock-contention'] : [],
    );
    const stats = computeStats(events);
    assert.equal(stats.locks[0].acquisitions, 800);
    assert.equal(stats.locks[0].perProc.length, 8);
    assert.ok(stats.locks[0].perProc.every((p) => p.acquisitions === 100 && p.hold.count === 100));
    const l = stats.locks[0];
    assert.ok(
      l.wait.minUs <= l.wait.avgUs && l.wait.avgUs <= l.wait.maxUs && l.wait.p95Us <= l.wait.maxUs,
    );
    assertThreads(events);
  });
});
