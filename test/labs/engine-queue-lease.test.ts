import { strict as assert } from 'node:assert';
import { checkLog } from '../../src/protocol/validateEvent';
import { ofKind, printedJson } from '../support/events';
import { assertQueueTruth } from '../support/queueTruth';
import { fixture, runLab } from '../support/runLab';

type Result = { n: number; inOrder: boolean; sum: number; first: number | null; immediate: number };

async function pipeline(consumers: number, items: number, env: Record<string, string> = {}) {
  const saved = { ...process.env };
  Object.assign(process.env, { QL_CONSUMERS: String(consumers), QL_ITEMS: String(items) }, env);
  try {
    const r = await runLab(fixture('queue-lease-pipeline.lab.mjs'), { speed: 10 });
    assert.equal(r.status, 'ok', JSON.stringify(r.done));
    assert.deepEqual(checkLog(r.events), { ok: true });
    assertQueueTruth(r.events);
    return { events: r.events, results: printedJson<{ results: Result[] }>(r.events).results };
  } finally {
    process.env = saved;
  }
}

describe('engine: queue leases (a sole getter is sent items ahead of its gets)', function () {
  this.timeout(120_000);

  it('a single consumer gets every item FIFO, matched to its put, mostly without a round trip', async () => {
    const { events, results } = await pipeline(1, 3000);
    const [c] = results;
    assert.deepEqual([c.n, c.inOrder, c.sum, c.first], [3000, true, (2999 * 3000) / 2, 0]);
    assert.ok(c.immediate > 1500, `only ${c.immediate} of 3001 gets came from a lease`);
    const work = ofKind(events, 'queue.create').find((e) => e.name === 'work')!.obj;
    const gets = ofKind(events, 'queue.get').filter((e) => e.obj === work);
    assert.equal(gets.length, 3001);
    assert.ok(
      gets.every((g) => g.proc === gets[0].proc),
      'one process got them all',
    );
  });

  it('with leases switched off every get is a round trip and the log is the same shape', async () => {
    const { results } = await pipeline(1, 500, { CONCURRENCY_LABS_QUEUE_LEASE: 'off' });
    assert.deepEqual([results[0].n, results[0].inOrder, results[0].first], [500, true, 0]);
    assert.equal(results[0].immediate, 0);
  });

  it('a second getter arriving mid-lease: the lease is revoked, FIFO holds across processes, each item is got once', async () => {
    const { events, results } = await pipeline(2, 6000);
    // What the processes saw (not only the log): together every item once, each in order.
    assert.equal(results[0].n + results[1].n, 6000);
    assert.equal(results[0].sum + results[1].sum, (5999 * 6000) / 2);
    for (const r of results) assert.ok(r.inOrder, 'each consumer sees its items in order');
    // The second consumer started after the first had got 500 items: that one held a lease before it came.
    assert.ok(
      results.some((r) => r.immediate > 0),
      'a consumer held a lease',
    );
    const work = ofKind(events, 'queue.create').find((e) => e.name === 'work')!.obj;
    const gets = ofKind(events, 'queue.get').filter((e) => e.obj === work);
    assert.equal(gets.length, 6002);
    // Values match items: each get delivered the value its item was put with.
    const putValue = new Map(
      ofKind(events, 'queue.put').map((e) => [e.item, JSON.stringify(e.value)]),
    );
    assert.ok(gets.every((g) => putValue.get(g.item) === JSON.stringify(g.value)));
  });

  it('a getter arriving while another process holds untaken leased items gets the next items, FIFO', async () => {
    const r = await runLab(fixture('queue-lease-revoke.lab.mjs'), { speed: 10 });
    assert.equal(r.status, 'ok', JSON.stringify(r.done));
    assert.deepEqual(checkLog(r.events), { ok: true });
    assertQueueTruth(r.events);
    const out = printedJson<Record<string, unknown>>(r.events);
    assert.deepEqual(
      out.before,
      Array.from({ length: 20 }, (_, i) => i),
    );
    assert.ok((out.first as number) > 0, 'the holder took leased items before main came');
    assert.equal(out.sizeWhileLeased, 280, 'leased, untaken items are still in the queue');
    assert.deepEqual(
      out.mine,
      Array.from({ length: 10 }, (_, i) => 20 + i),
      'main gets the next items after the lease is revoked',
    );
    assert.deepEqual(out.after, [370, 30, 399]);
    assert.equal(out.inOrder, true);
    assert.ok((out.second as number) > 0, 'the holder was leased items again');
  });

  it('a busy holder (never yielding) does not delay another process: getNowait and a timed get answer at once', async () => {
    const r = await runLab(fixture('queue-lease-busy-holder.lab.mjs'), {
      speed: 10,
      timeoutSec: 60,
    });
    assert.equal(r.status, 'ok', JSON.stringify(r.done));
    assert.deepEqual(checkLog(r.events), { ok: true });
    assertQueueTruth(r.events);
    const out = printedJson<{
      sizeWhileBusy: number;
      mine: number[];
      before: number[];
      after: number[];
      first: number;
    }>(r.events);
    assert.deepEqual(
      out.before,
      Array.from({ length: 20 }, (_, i) => i),
    );
    assert.ok(out.first > 0, 'the holder took leased items before main came');
    // Python's answers: the size without the holder's takes, then the next three items at once.
    assert.equal(out.sizeWhileBusy, 81);
    assert.deepEqual(out.mine, [20, 21, 22]);
    assert.deepEqual(
      out.after,
      Array.from({ length: 77 }, (_, i) => 23 + i),
    );
    // Main's gets happened while the holder was still in its loop: before the holder's next get.
    const work = ofKind(r.events, 'queue.create').find((e) => e.name === 'work')!.obj;
    const gets = ofKind(r.events, 'queue.get').filter((e) => e.obj === work);
    assert.deepEqual(
      gets.slice(20, 23).map((e) => e.proc),
      [0, 0, 0],
    );
  });

  it('a lease holder killed with untaken items: they return to the front and another getter gets them', async () => {
    const r = await runLab(fixture('queue-lease-crash.lab.mjs'), { speed: 10 });
    assert.equal(r.status, 'ok', JSON.stringify(r.done));
    assert.deepEqual(checkLog(r.events), { ok: true });
    assertQueueTruth(r.events);
    const lines = ofKind(r.events, 'log')
      .map((e) => e.text)
      .filter((t) => t.startsWith('{'));
    assert.ok(JSON.parse(lines[0]).holderImmediate > 0, 'the holder took leased items');
    const out = printedJson<{
      exitCode: number;
      sizeAfter: number;
      rest: number[];
      emptyAtEnd: boolean;
    }>(r.events);
    assert.equal(out.exitCode, -9);
    assert.equal(out.sizeAfter, 260);
    assert.deepEqual(
      out.rest,
      Array.from({ length: 260 }, (_, i) => 40 + i),
    );
    assert.equal(out.emptyAtEnd, true);
  });

  it('leased items count in qsize, full() and maxsize; JoinableQueue accounting stays exact', async () => {
    const r = await runLab(fixture('queue-lease-bounded.lab.mjs'), { speed: 10 });
    assert.equal(r.status, 'ok', JSON.stringify(r.done));
    assert.deepEqual(checkLog(r.events), { ok: true });
    assertQueueTruth(r.events);
    const out = printedJson<Record<string, unknown>>(r.events);
    assert.ok((out.takerImmediate as number) > 0, 'the taker held a lease');
    assert.equal(out.qsizeAfterTen, 40);
    assert.equal(out.fullAfterTen, false);
    assert.equal(out.fullAgain, true);
    assert.equal(out.putNowait, 'Full');
    assert.equal(out.putTimeout, 'Full');
    const workers = out.workers as { n: number }[];
    assert.equal(workers[0].n + workers[1].n, 800);
    const jobs = ofKind(r.events, 'queue.create').find((e) => e.name === 'jobs')!.obj;
    const done = ofKind(r.events, 'queue.task_done').filter((e) => e.obj === jobs);
    assert.equal(done.length, 802, 'one task_done per item, sentinels included');
    // The count after each task_done is exactly the puts recorded before it minus the task_dones so
    // far, however the main process's puts and the workers' gets interleave on this machine.
    let open = 0;
    const expected: number[] = [];
    for (const e of r.events) {
      if (e.kind === 'queue.put' && e.obj === jobs) open++;
      else if (e.kind === 'queue.task_done' && e.obj === jobs) expected.push(--open);
    }
    assert.deepEqual(
      done.map((e) => e.unfinished),
      expected,
    );
    assert.equal(done[done.length - 1].unfinished, 0);
    const joinDone = ofKind(r.events, 'queue.join.done').find((e) => e.obj === jobs)!;
    assert.ok(joinDone.seq > done[done.length - 1].seq, 'join returns after the last task_done');
    const bounded = ofKind(r.events, 'queue.create').find((e) => e.name === 'bounded')!.obj;
    assert.ok(
      ofKind(r.events, 'queue.put')
        .filter((e) => e.obj === bounded)
        .every((e) => e.size <= 50),
    );
  });
});
