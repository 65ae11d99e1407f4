// The recorder's direct lines (emitObj, emitRequest, emitAcquire, emitItem) must write exactly
// the text the generic emit writes for the same event, and obey the same event limit.
import assert from 'node:assert/strict';
import type { FromRunner } from '../../src/protocol/host';
import { parseEventBatch } from '../../src/protocol/eventBatch';
import { Recorder } from '../../src/runner/recorder';

/** Every line a recorder sent, with its timestamp zeroed (two recorders never share a clock). */
function lines(sent: FromRunner[]): string[] {
  const text = sent.map((m) => (m.type === 'events' ? m.jsonl : '')).join('');
  return text.split('\n').filter(Boolean).map((l) => l.replace(/^(\{"v":1,"seq":\d+,"t":)\d+/, '$10'));
}

function pair(maxEvents = 10_000) {
  const sentA: FromRunner[] = [];
  const sentB: FromRunner[] = [];
  const limits = { a: 0, b: 0 };
  let a: Recorder;
  let b: Recorder;
  // As the run does: reaching the limit records run.limit.
  a = new Recorder((m) => sentA.push(m), maxEvents, undefined, () => { limits.a++; a.emit(-1, 'run.limit', { what: 'events', message: 'm' }); });
  b = new Recorder((m) => sentB.push(m), maxEvents, undefined, () => { limits.b++; b.emit(-1, 'run.limit', { what: 'events', message: 'm' }); });
  return { a, b, sentA, sentB, limits };
}

const values = [0, -3, 1.5, 'plain', 'quote " back \\ slash\nnew line', '中文', true, false, null, [1, 'x', null], { k: { deep: [true] } }];

describe('runner Recorder: direct lines', () => {
  it('write exactly what emit writes, for every field shape', () => {
    const { a, b, sentA, sentB } = pair();
    for (const [i, value] of values.entries()) {
      a.emit(2, 'queue.put', { obj: 4, item: i + 1, value, size: i });
      b.emitItem(2, 'queue.put', 4, i + 1, value, i);
      a.emit(3, 'queue.get', { obj: 4, item: i + 1, value, size: 0 });
      b.emitItem(3, 'queue.get', 4, i + 1, value, 0);
    }
    for (const [block, timeoutSec] of [[true, undefined], [false, undefined], [true, 0], [true, 0.25], [true, 30]] as const) {
      a.emit(1, 'lock.request', timeoutSec === undefined ? { obj: 7, block } : { obj: 7, block, timeoutSec });
      b.emitRequest(1, 7, block, timeoutSec);
    }
    for (const waitedUs of [0, 1, 123456789]) {
      a.emit(5, 'lock.acquire', { obj: 7, waitedUs });
      b.emitAcquire(5, 7, waitedUs);
    }
    for (const kind of ['lock.release', 'lock.timeout', 'queue.get.wait', 'queue.put.wait', 'queue.full', 'queue.empty', 'queue.join.done'] as const) {
      a.emit(-1, kind, { obj: 12 });
      b.emitObj(-1, kind, 12);
    }
    a.close();
    b.close();
    assert.equal(a.count, b.count);
    assert.ok(a.count > 30);
    assert.deepEqual(lines(sentB), lines(sentA));
    // And they read back as valid protocol events, seqs unbroken.
    for (const m of sentB) {
      assert.equal(m.type, 'events');
      if (m.type === 'events') assert.ok(parseEventBatch(m.jsonl).ok);
    }
    assert.deepEqual(b.events.map((e) => e.seq), b.events.map((_, i) => i));
  });

  it('obey the event limit like emit: the limit is recorded once, then only essential kinds', () => {
    const { a, b, sentA, sentB, limits } = pair(5);
    for (let i = 0; i < 12; i++) {
      assert.equal(a.emit(1, 'lock.acquire', { obj: 1, waitedUs: i }), i < 5);
      assert.equal(b.emitAcquire(1, 1, i), i < 5);
    }
    assert.equal(b.emitItem(1, 'queue.put', 2, 1, 'x', 1), false);
    assert.equal(b.emitObj(1, 'lock.release', 1), false);
    assert.equal(b.emitRequest(1, 1, true, undefined), false);
    a.emit(-1, 'run.end', { status: 'ok' });
    b.emit(-1, 'run.end', { status: 'ok' });
    a.close();
    b.close();
    assert.deepEqual(limits, { a: 1, b: 1 });
    assert.deepEqual(lines(sentB), lines(sentA));
    assert.deepEqual(b.events.map((e) => e.kind), ['lock.acquire', 'lock.acquire', 'lock.acquire', 'lock.acquire', 'lock.acquire', 'run.limit', 'run.end']);
  });

  it('never sends a batch in the middle of a turn (below a hard cap): a send is no time between two stamps', async () => {
    const sent: FromRunner[] = [];
    const rec = new Recorder((m) => sent.push(m), 100_000, undefined, () => undefined);
    for (let i = 0; i < 300; i++) rec.emitAcquire(1, 1, 0);
    assert.equal(sent.length, 0, 'nothing leaves while the turn goes on');
    await Promise.resolve();
    assert.equal(sent.length, 1, 'the full batch leaves as soon as the turn ends');
    assert.equal(lines(sent).length, 300);
    // A turn that records without end still sends, at the hard cap.
    for (let i = 0; i < 3000; i++) rec.emitObj(1, 'lock.release', 1);
    assert.equal(sent.length, 2);
    assert.equal(lines(sent).length, 300 + 2048);
    await Promise.resolve();
    assert.equal(sent.length, 3);
    rec.close();
    assert.equal(lines(sent).length, 3300);
  });
});
