import * as assert from 'node:assert/strict';
import { mock } from 'node:test';
import type { EventKind, LabEvent } from '../../src/protocol/events';
import {
  EventBatcher,
  EventWindow,
  HOST_KINDS,
  type CheckedBatch,
} from '../../src/extension/eventWindow';
import { decodeEventColumns, encodeEvents } from '../../src/protocol/eventColumns';

function ev(seq: number, kind: EventKind = 'log'): LabEvent {
  const base = { v: 1 as const, seq, t: seq * 10, proc: 0 };
  if (kind === 'proc.spawn')
    return { ...base, kind, name: `P${seq}`, parent: -1, daemon: false, pid: 100 + seq };
  if (kind === 'run.start')
    return { ...base, kind, lab: 'x', title: { en: 'x', 'zh-CN': 'x' }, seed: 1, speed: 1 };
  return { ...base, kind: 'log', text: `line ${seq}` } as LabEvent;
}

/** A batch as the runner client hands it on: in columns, with its events of the host's kinds decoded. */
function batch(events: LabEvent[]): CheckedBatch {
  return {
    bytes: encodeEvents(events),
    count: events.length,
    firstSeq: events[0].seq,
    events: events.filter((e) => HOST_KINDS.has(e.kind)),
  };
}

describe('extension EventWindow', () => {
  it('keeps everything while under capacity, in seq order', () => {
    const w = new EventWindow(100);
    w.push(batch([ev(0, 'run.start'), ev(1, 'proc.spawn'), ev(2), ev(3)]));
    assert.deepEqual(
      w.snapshot().map((e) => e.seq),
      [0, 1, 2, 3],
    );
    assert.equal(w.dropped, 0);
  });

  it('never holds more than its capacity and keeps structural events and the newest others', () => {
    const w = new EventWindow(40);
    const events = [ev(0, 'run.start'), ev(1, 'proc.spawn')];
    for (let i = 2; i < 10_000; i++) events.push(ev(i, i % 1000 === 0 ? 'proc.spawn' : 'log'));
    for (let i = 0; i < events.length; i += 333) w.push(batch(events.slice(i, i + 333)));
    assert.ok(w.size <= 40);
    assert.equal(w.total, 10_000);
    assert.equal(w.dropped, 10_000 - w.size);
    const snap = w.snapshot();
    const seqs = snap.map((e) => e.seq);
    assert.deepEqual(
      seqs,
      [...seqs].sort((a, b) => a - b),
      'seq order',
    );
    assert.ok(
      seqs.includes(0) && seqs.includes(1) && seqs.includes(5000),
      'run.start and spawns are kept',
    );
    assert.equal(seqs.at(-1), 9999, 'the newest event is kept');
    assert.equal(snap.length, w.size);
    // The 30 newest events, whole and in order, decoded from the batches kept: at most the two they lie in.
    assert.deepEqual(
      seqs.slice(-30),
      Array.from({ length: 30 }, (_, i) => 9970 + i),
    );
    assert.deepEqual(snap.slice(-30), events.slice(-30));
    assert.ok(
      w.heldBytes <= 2 * encodeEvents(events.slice(0, 333)).byteLength + 1024,
      `${w.heldBytes} bytes held`,
    );
    assert.equal(w.snapshot().find((e) => e.kind === 'run.start')?.seq, 0);
  });

  it('rejects a capacity too small to be useful', () => {
    assert.throws(() => new EventWindow(2), RangeError);
  });
});

const cols = (events: LabEvent[]) => encodeEvents(events);
const seqsOf = (bytes: Uint8Array) => {
  const r = decodeEventColumns(bytes);
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.events.map((e) => e.seq);
};

describe('extension EventBatcher', () => {
  // Time is Node's mock timers: the test says when the interval has passed.
  afterEach(() => mock.timers.reset());

  it('coalesces many small batches into few deliveries, as one buffer of batches in order', () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const delivered: { seqs: number[]; count: number }[] = [];
    const b = new EventBatcher(
      (bytes, count) => delivered.push({ seqs: seqsOf(bytes), count }),
      20,
      1000,
    );
    for (let i = 0; i < 50; i++) b.add(cols([ev(i)]), 1);
    mock.timers.tick(19);
    assert.equal(delivered.length, 0, 'held until the interval has passed');
    mock.timers.tick(1);
    assert.equal(delivered.length, 1);
    assert.deepEqual(delivered[0], { seqs: Array.from({ length: 50 }, (_, i) => i), count: 50 });
    b.dispose();
  });

  it('flushes at once when a batch reaches its maximum, and on demand', () => {
    const delivered: number[] = [];
    const b = new EventBatcher((_, count) => delivered.push(count), 10_000, 100);
    b.add(cols(Array.from({ length: 150 }, (_, i) => ev(i))), 150);
    assert.deepEqual(delivered, [150]);
    b.add(cols([ev(150)]), 1);
    b.flush();
    assert.deepEqual(delivered, [150, 1]);
    b.flush();
    assert.deepEqual(delivered, [150, 1], 'nothing pending: nothing delivered');
    b.dispose();
  });
});
