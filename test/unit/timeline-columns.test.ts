/**
 * The timeline model takes live batches straight from their columns (only the rare kinds become
 * objects). It must end up exactly as it does from the same events as objects — on real runs of
 * the seed labs (files, locks, queues with number and text items, JoinableQueue, joins), whatever
 * way the run is split into batches, and under the event bound.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { MODEL_OBJECT_KINDS, TimelineModel } from '../../src/model/timeline';
import { decodeEventColumns, encodeEvents } from '../../src/protocol/eventColumns';
import type { LabEvent } from '../../src/protocol/events';
import { runLab } from '../support/runLab';

/** The model as plain data: every column cut to its length, maps as entries, functions left out. */
function plain(x: unknown, seen = new Set<unknown>()): unknown {
  if (x === null || typeof x !== 'object') return x;
  if (seen.has(x)) return '[cycle]';
  seen.add(x);
  const o = x as Record<string, unknown>;
  // A growable column (timelineColumns.ts): its values, not its spare capacity.
  if (typeof o.n === 'number' && ArrayBuffer.isView(o.a))
    return Array.from((o.a as Float64Array).subarray(0, o.n as number));
  if (ArrayBuffer.isView(x)) return Array.from(x as unknown as ArrayLike<number>);
  if (x instanceof Map) return [...x].map(([k, v]) => [k, plain(v, seen)]);
  if (Array.isArray(x)) return x.map((v) => plain(v, seen));
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort())
    if (typeof o[k] !== 'function' && k !== 'version') out[k] = plain(o[k], seen);
  return out;
}

/** The model from columns: the run cut into batches of `size`, each encoded, then concatenated `per` at a time. */
function fromColumns(
  events: LabEvent[],
  size: number,
  per: number,
  maxEvents?: number,
): TimelineModel {
  const m = new TimelineModel(maxEvents);
  const batches: Uint8Array[] = [];
  for (let i = 0; i < events.length; i += size)
    batches.push(encodeEvents(events.slice(i, i + size)));
  for (let i = 0; i < batches.length; i += per) {
    const parts = batches.slice(i, i + per);
    const joined = new Uint8Array(parts.reduce((n, b) => n + b.byteLength, 0));
    let at = 0;
    for (const b of parts) {
      joined.set(b, at);
      at += b.byteLength;
    }
    const read = decodeEventColumns(joined, undefined, MODEL_OBJECT_KINDS);
    assert.ok(read.ok, read.ok ? '' : read.error);
    assert.ok(
      read.events.every((e) => MODEL_OBJECT_KINDS.has(e.kind)),
      'only the rare kinds became objects',
    );
    m.appendColumns(read);
  }
  return m;
}

describe('timeline model from columns (real runs)', function () {
  this.timeout(120_000);
  const labs = [
    'ticket-race',
    'ticket-lock',
    'queue-basics',
    'ipc',
    'producer-consumer-sentinel',
    'producer-consumer-joinable',
  ];
  const logs = new Map<string, LabEvent[]>();
  before(async () => {
    for (const lab of labs)
      logs.set(lab, (await runLab(lab, { seed: 3, speed: 20, lang: 'en' })).events);
  });

  for (const lab of labs) {
    it(`${lab}: the same model as from objects, however the run is batched`, () => {
      const events = logs.get(lab)!;
      const objects = new TimelineModel();
      objects.append(events);
      const want = plain(objects);
      for (const [size, per] of [
        [1, 1],
        [7, 3],
        [256, 1],
        [events.length, 1],
      ]) {
        assert.deepEqual(
          plain(fromColumns(events, size, per)),
          want,
          `${lab}: batches of ${size}, ${per} per post`,
        );
      }
      assert.equal(objects.eventCount, events.length);
    });
  }

  it('the event bound drops the same events either way', () => {
    const events = logs.get('producer-consumer-joinable')!;
    const bound = Math.floor(events.length / 3);
    const objects = new TimelineModel(bound);
    objects.append(events);
    assert.ok(objects.dropped > 0);
    assert.deepEqual(plain(fromColumns(events, 50, 2, bound)), plain(objects));
  });

  it("an RLock's depth and the other primitives: the same from columns as from objects", async () => {
    const fixture = join(__dirname, '..', 'fixtures', 'labs', 'sync-contention.lab.mjs');
    const events = (await runLab(fixture, { seed: 1, schedule: 'random' })).events;
    const objects = new TimelineModel();
    objects.append(events);
    const nested = [...objects.locks.values()].find((l) => l.name === 'nested')!;
    assert.ok(nested.recursive && nested.depth.values.slice(0, nested.depth.count).includes(2));
    assert.deepEqual(plain(fromColumns(events, 64, 2)), plain(objects));
  });

  it('keeps text items as text and numbers as numbers', () => {
    const events = logs.get('queue-basics')!;
    const m = fromColumns(events, 64, 1);
    const puts = events.filter((e) => e.kind === 'queue.put') as Extract<
      LabEvent,
      { kind: 'queue.put' }
    >[];
    assert.ok(puts.length > 0);
    const values = [...m.queues.values()].flatMap((q) => q.putValue);
    assert.deepEqual(
      values,
      puts.map((p) => p.value),
    );
  });
});
