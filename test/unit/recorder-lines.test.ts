// The recorder's direct lines (emitObj, emitRequest, emitAcquire, emitItem) must write exactly
// the text and the columns the generic emit writes for the same event, and obey the same event
// limit; the batches sent and the JSONL file must say the same events.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createHook } from 'node:async_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeEventColumns } from '../../src/protocol/eventColumns';
import type { LabEvent } from '../../src/protocol/events';
import type { FromRunner } from '../../src/protocol/host';
import { Recorder } from '../../src/runner/recorder';

const zeroT = (l: string) => l.replace(/^(\{"v":1,"seq":\d+,"t":)\d+/, '$10');

/** Every line of a recorder's log file, with its timestamp zeroed (two recorders never share a clock). */
function lines(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map(zeroT);
}

/** Every event of the batches a recorder sent, checked in order, timestamps zeroed. */
function sentEvents(sent: FromRunner[]): LabEvent[] {
  const out: LabEvent[] = [];
  for (const m of sent) {
    assert.equal(m.type, 'events');
    if (m.type !== 'events') continue;
    const r = decodeEventColumns(m.batch, { seq: out.length, t: 0 });
    assert.ok(r.ok, r.ok ? '' : r.error);
    out.push(...r.events);
  }
  return out.map((e) => ({ ...e, t: 0 }) as LabEvent);
}

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'cl-recorder-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function pair(maxEvents = 10_000) {
  const sentA: FromRunner[] = [];
  const sentB: FromRunner[] = [];
  const limits = { a: 0, b: 0 };
  const fileA = join(dir, `a-${maxEvents}.jsonl`);
  const fileB = join(dir, `b-${maxEvents}.jsonl`);
  // As the run does: reaching the limit records run.limit.
  const a: Recorder = new Recorder(
    (m) => sentA.push(m),
    maxEvents,
    fileA,
    () => {
      limits.a++;
      a.emit(-1, 'run.limit', { what: 'events', message: 'm' });
    },
  );
  const b: Recorder = new Recorder(
    (m) => sentB.push(m),
    maxEvents,
    fileB,
    () => {
      limits.b++;
      b.emit(-1, 'run.limit', { what: 'events', message: 'm' });
    },
  );
  return { a, b, sentA, sentB, fileA, fileB, limits };
}

/** Both recorders wrote the same lines and sent the same events, and each one's batches say what its file says. */
function assertSame({ sentA, sentB, fileA, fileB }: ReturnType<typeof pair>): void {
  assert.deepEqual(lines(fileB), lines(fileA));
  assert.deepEqual(sentEvents(sentB), sentEvents(sentA));
  for (const [sent, file] of [
    [sentA, fileA],
    [sentB, fileB],
  ] as const) {
    assert.deepEqual(
      sentEvents(sent),
      lines(file).map((l) => JSON.parse(l)),
    );
  }
}

const values = [
  0,
  -0,
  -3,
  1.5,
  'plain',
  'quote " back \\ slash\nnew line',
  '中文',
  true,
  false,
  null,
  [1, 'x', null],
  { k: { deep: [true] } },
];

describe('runner Recorder: direct lines', () => {
  it('write exactly what emit writes, for every field shape', () => {
    const p = pair();
    const { a, b } = p;
    // Every other event names a call site, as lab calls do; the others have none.
    const siteOf = (i: number) => (i % 2 ? undefined : 3 + i);
    for (const [i, value] of values.entries()) {
      const site = siteOf(i);
      a.emit(2, 'queue.put', { obj: 4, item: i + 1, value, size: i, site });
      b.emitItem(2, 'queue.put', 4, i + 1, value, i, site);
      a.emit(3, 'queue.get', { obj: 4, item: i + 1, value, size: 0, site });
      b.emitItem(3, 'queue.get', 4, i + 1, value, 0, site);
    }
    for (const [i, [block, timeoutSec]] of (
      [
        [true, undefined],
        [false, undefined],
        [true, 0],
        [true, 0.25],
        [true, 30],
      ] as const
    ).entries()) {
      const site = siteOf(i);
      a.emit(
        1,
        'lock.request',
        timeoutSec === undefined ? { obj: 7, block, site } : { obj: 7, block, timeoutSec, site },
      );
      b.emitRequest(1, 7, block, timeoutSec, site);
    }
    for (const [i, waitedUs] of [0, 1, 123456789].entries()) {
      a.emit(5, 'lock.acquire', { obj: 7, waitedUs, site: siteOf(i) });
      b.emitAcquire(5, 7, waitedUs, siteOf(i));
    }
    for (const kind of [
      'lock.release',
      'lock.timeout',
      'queue.get.wait',
      'queue.put.wait',
      'queue.full',
      'queue.empty',
      'queue.join.done',
    ] as const) {
      a.emit(-1, kind, { obj: 12 });
      b.emitObj(-1, kind, 12, undefined);
      a.emit(2, kind, { obj: 12, site: 9 });
      b.emitObj(2, kind, 12, 9);
    }
    a.close();
    b.close();
    assert.equal(a.count, b.count);
    assert.ok(a.count > 30);
    assertSame(p);
    // And the kept log reads back, seqs unbroken.
    assert.deepEqual(
      b.events.map((e) => e.seq),
      b.events.map((_, i) => i),
    );
    assert.deepEqual(
      b.events.map((e) => ({ ...e, t: 0 })),
      sentEvents(p.sentB),
    );
  });

  it('obey the event limit like emit: the limit is recorded once, then only essential kinds', () => {
    const p = pair(5);
    const { a, b, limits } = p;
    for (let i = 0; i < 12; i++) {
      assert.equal(a.emit(1, 'lock.acquire', { obj: 1, waitedUs: i }), i < 5);
      assert.equal(b.emitAcquire(1, 1, i, undefined), i < 5);
    }
    assert.equal(b.emitItem(1, 'queue.put', 2, 1, 'x', 1, 4), false);
    assert.equal(b.emitObj(1, 'lock.release', 1, 4), false);
    assert.equal(b.emitRequest(1, 1, true, undefined, 4), false);
    a.emit(-1, 'run.end', { status: 'ok' });
    b.emit(-1, 'run.end', { status: 'ok' });
    a.close();
    b.close();
    assert.deepEqual(limits, { a: 1, b: 1 });
    assertSame(p);
    assert.deepEqual(
      b.events.map((e) => e.kind),
      [
        'lock.acquire',
        'lock.acquire',
        'lock.acquire',
        'lock.acquire',
        'lock.acquire',
        'run.limit',
        'run.end',
      ],
    );
  });

  it('never sends a batch in the middle of a turn (below a hard cap): a send is no time between two stamps', async () => {
    const sent: FromRunner[] = [];
    const rec = new Recorder(
      (m) => sent.push(m),
      100_000,
      undefined,
      () => undefined,
    );
    for (let i = 0; i < 300; i++) rec.emitAcquire(1, 1, 0, undefined);
    assert.equal(sent.length, 0, 'nothing leaves while the turn goes on');
    await Promise.resolve();
    assert.equal(sent.length, 1, 'the full batch leaves as soon as the turn ends');
    assert.equal(sentEvents(sent).length, 300);
    // A turn that records without end still sends, at the hard cap.
    for (let i = 0; i < 3000; i++) rec.emitObj(1, 'lock.release', 1, undefined);
    assert.equal(sent.length, 2);
    assert.equal(sentEvents(sent).length, 300 + 2048);
    await Promise.resolve();
    assert.equal(sent.length, 3);
    rec.close();
    assert.equal(sentEvents(sent).length, 3300);
  });

  it('arms its flush timer once for a flood of full batches, not once per batch, and still sends every event', async () => {
    const sent: FromRunner[] = [];
    const turns = 40;
    let allSent!: () => void;
    const whenAllSent = new Promise<void>((r) => (allSent = r));
    const rec = new Recorder(
      (m) => {
        sent.push(m);
        if (sentEvents(sent).length === turns * 301) allSent();
      },
      100_000,
      undefined,
      () => undefined,
    );
    let timers = 0;
    const hook = createHook({
      init: (_id, type) => {
        if (type === 'Timeout') timers++;
      },
    }).enable();
    const t0 = performance.now();
    try {
      for (let turn = 0; turn < turns; turn++) {
        // A turn that ends with a full batch (sent at its end), then the first event of the next.
        for (let i = 0; i < 300; i++) rec.emitAcquire(1, 1, 0, undefined);
        await Promise.resolve();
        rec.emitObj(1, 'lock.release', 1, undefined);
      }
    } finally {
      hook.disable();
    }
    // The timer fires every 25 ms at most: a slow machine may see a few, never one per batch.
    const due = 1 + Math.ceil((performance.now() - t0) / 25);
    assert.equal(sent.length, turns, 'each turn sent its full batch at its end');
    assert.ok(timers <= due && timers < turns / 2, `${timers} timers armed for ${turns} batches`);
    // The event recorded after the last full batch leaves when the timer fires (no close, no flush).
    await whenAllSent;
    rec.close();
  });
});
