import { strict as assert } from 'node:assert';
import { checkLog } from '../../src/protocol/validateEvent';
import { ofKind, printedJson } from '../support/events';
import { fixture, runLab } from '../support/runLab';

describe('engine: Queue and JoinableQueue across processes', function () {
  this.timeout(90_000);

  it('FIFO, maxsize blocking, Full and Empty, timeouts, taskDone over-call', async () => {
    const r = await runLab(fixture('queue-semantics.lab.mjs'), { speed: 10 });
    assert.equal(r.status, 'ok', JSON.stringify(r.done));
    assert.deepEqual(checkLog(r.events), { ok: true });
    const out = printedJson(r.events);
    assert.deepEqual(out, {
      sizeWhileBlocked: 2,
      fullWhileBlocked: true,
      fifo: true,
      putNowait: 'Full',
      putTimeout: 'Full',
      getNowait: 'Empty',
      getTimeout: 'Empty',
      empty: true,
      overCall: 'ValueError',
    });
    const bounded = ofKind(r.events, 'queue.create').find((e) => e.name === 'bounded')!;
    assert.equal(bounded.maxsize, 2);
    const puts = ofKind(r.events, 'queue.put').filter((e) => e.obj === bounded.obj);
    const gets = ofKind(r.events, 'queue.get').filter((e) => e.obj === bounded.obj);
    assert.equal(puts.length, 20);
    assert.ok(
      puts.every((e) => e.proc === 1 && e.size <= 2),
      'the producer never overfills the queue',
    );
    // Each get takes the item of the put with the same rank: FIFO by item id.
    assert.deepEqual(
      gets.map((g) => g.item),
      puts.map((p) => p.item),
    );
    assert.deepEqual(
      gets.map((g) => g.value),
      Array.from({ length: 20 }, (_, i) => ({ i })),
    );
    assert.ok(
      ofKind(r.events, 'queue.put.wait').some((e) => e.obj === bounded.obj && e.proc === 1),
      'the producer blocked on a full queue',
    );
    // A blocked put goes in at the instant of the get that made room for it, and a blocked get is
    // served at the instant of the put that brought its item: what unblocks and what is unblocked
    // are one moment, with no recorder time in between.
    const putOf = new Map(puts.map((e) => [e.item, e]));
    const waiting = new Set<string>();
    let lastGetT: number | undefined;
    let servedPuts = 0;
    let servedGets = 0;
    for (const e of r.events) {
      if ((e.kind === 'queue.put.wait' || e.kind === 'queue.get.wait') && e.obj === bounded.obj)
        waiting.add(`${e.kind} ${e.proc}`);
      else if (
        e.kind === 'queue.put' &&
        e.obj === bounded.obj &&
        waiting.delete(`queue.put.wait ${e.proc}`)
      ) {
        assert.equal(
          e.t,
          lastGetT,
          `seq ${e.seq}: a blocked put is stamped at the get that made room`,
        );
        servedPuts++;
      } else if (e.kind === 'queue.get' && e.obj === bounded.obj) {
        if (waiting.delete(`queue.get.wait ${e.proc}`)) {
          assert.equal(
            e.t,
            putOf.get(e.item)!.t,
            `seq ${e.seq}: a blocked get is stamped at the put of its item`,
          );
          servedGets++;
        }
        lastGetT = e.t;
      }
    }
    assert.ok(servedPuts > 0, 'some puts were let in by a get');
    assert.ok(servedGets > 0, 'some gets were served by a put');
    assert.equal(ofKind(r.events, 'queue.full').length, 2);
    assert.equal(ofKind(r.events, 'queue.empty').length, 2);
    const done = ofKind(r.events, 'queue.task_done');
    assert.deepEqual(
      done.map((e) => e.unfinished),
      [0],
    );
    assert.equal(ofKind(r.events, 'queue.join.done').length, 1);
  });
});
