import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  decodeEventColumns,
  encodeEvents,
  EventColumnsWriter,
  joinBatches,
} from '../../src/protocol/eventColumns';
import { EVENT_KINDS, type EventKind, type LabEvent } from '../../src/protocol/events';
import { decodeFromRunner, type FromRunner } from '../../src/protocol/host';
import { parseJsonl } from '../../src/protocol/jsonl';
import {
  checkShape,
  compileShape,
  isRecord,
  type Check,
  type Shape,
} from '../../src/protocol/schema';
import { checkEvent, EVENT_SHAPES } from '../../src/protocol/validateEvent';
import { checkToWebview, decodeToWebview } from '../../src/protocol/webview';
import { Recorder } from '../../src/runner/recorder';

/** The original event check (split header and fields, walk each shape): the wording to keep. */
function referenceCheck(x: unknown): Check {
  const HEADER: Shape = { v: 'uint', seq: 'uint', t: 'uint', proc: 'int', kind: 'str' };
  if (!isRecord(x)) return { ok: false, error: 'an event must be an object' };
  if (x.v !== 1) return { ok: false, error: `unsupported protocol version ${JSON.stringify(x.v)}` };
  if (typeof x.kind !== 'string' || !(EVENT_KINDS as readonly string[]).includes(x.kind))
    return { ok: false, error: `unknown event kind ${JSON.stringify(x.kind)}` };
  const head: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) (k in HEADER ? head : rest)[k] = v;
  const h = checkShape(head, compileShape(HEADER));
  if (!h.ok) return h;
  const r = checkShape(rest, compileShape(EVENT_SHAPES[x.kind as EventKind]));
  return r.ok ? r : { ok: false, error: `${x.kind}: ${r.error}` };
}

const good: LabEvent[] = [
  {
    v: 1,
    seq: 0,
    t: 0,
    proc: -1,
    kind: 'run.start',
    lab: 'x',
    title: { en: 'X', 'zh-CN': 'X' },
    seed: 1,
    speed: 20,
  },
  {
    v: 1,
    seq: 1,
    t: 5,
    proc: 0,
    kind: 'proc.spawn',
    name: 'MainProcess',
    parent: -1,
    daemon: false,
    pid: 42,
  },
  { v: 1, seq: 2, t: 9, proc: 1, kind: 'lock.request', obj: 1, block: true, timeoutSec: 0.5 },
  {
    v: 1,
    seq: 3,
    t: 9,
    proc: 1,
    kind: 'queue.put',
    obj: 2,
    item: 1,
    value: { a: [1, 'two', null, { b: true }] },
    size: 1,
  },
  {
    v: 1,
    seq: 4,
    t: 12,
    proc: 1,
    kind: 'file.read',
    obj: 3,
    error: 'Unexpected end of JSON input',
    raw: '{"n":\n',
  },
  { v: 1, seq: 5, t: 15, proc: 2, kind: 'log', text: 'line one\nline "two" \u2028 done' },
  {
    v: 1,
    seq: 6,
    t: 20,
    proc: -1,
    kind: 'diag',
    code: 'lost-update',
    message: { en: 'e', 'zh-CN': '中' },
    procs: [1, 2],
    objs: [3],
    at: 12,
  },
  { v: 1, seq: 7, t: 21, proc: -1, kind: 'run.end', status: 'ok', outcome: { sold: 1 } },
];

/** Every way an event can break: each field wrong, missing, extra; header broken. */
function badVariants(): unknown[] {
  const out: unknown[] = [
    null,
    [],
    'event',
    7,
    { ...good[1], v: 2 },
    { ...good[1], kind: 'nope' },
    { ...good[1], kind: 3 },
  ];
  for (const e of good) {
    for (const k of Object.keys(e)) {
      if (k === 'v' || k === 'kind') continue;
      const without = { ...e } as Record<string, unknown>;
      delete without[k];
      out.push(
        without,
        { ...e, [k]: 'wrong' },
        { ...e, [k]: -1.5 },
        { ...e, [k]: null },
        { ...e, [k]: [1] },
      );
    }
    out.push({ ...e, extra: 1 }, { ...e, value: () => 1 }, { ...e, value: Infinity });
  }
  return out;
}

function jsonl(events: unknown[]): string {
  return events.map((e) => JSON.stringify(e) + '\n').join('');
}

describe('protocol event checks', () => {
  it('give the same verdict and wording as the original shape walk, for good and bad events', () => {
    for (const e of [...good, ...badVariants()])
      assert.deepEqual(checkEvent(e), referenceCheck(e), JSON.stringify(e));
    for (const e of good) assert.equal(checkEvent(e).ok, true);
    assert.equal(
      badVariants().filter((e) => checkEvent(e).ok).length,
      badVariants().filter((e) => referenceCheck(e).ok).length,
    );
  });

  it('accept an optional field set to undefined but name an unknown one', () => {
    assert.deepEqual(checkEvent({ ...good[2], timeoutSec: undefined }), { ok: true });
    assert.deepEqual(checkEvent({ ...good[2], color: 'red' }), {
      ok: false,
      error: 'lock.request: unknown field "color"',
    });
  });
});

/** One event of every kind, optional fields both present and absent, values of every JSON shape. */
const everyKind: LabEvent[] = [
  {
    v: 1,
    seq: 0,
    t: 0,
    proc: -1,
    kind: 'run.start',
    lab: 'ticket-race',
    title: { en: 'T', 'zh-CN': '票' },
    seed: 7,
    speed: 2.5,
    narration: { en: 'n', 'zh-CN': '说' },
  },
  {
    v: 1,
    seq: 1,
    t: 1,
    proc: 0,
    kind: 'proc.spawn',
    name: 'MainProcess',
    parent: -1,
    daemon: false,
    pid: 4242,
  },
  {
    v: 1,
    seq: 2,
    t: 2,
    proc: 1,
    kind: 'proc.spawn',
    name: 'Process-1',
    parent: 0,
    daemon: true,
    pid: 4243,
  },
  { v: 1, seq: 3, t: 3, proc: 0, kind: 'proc.join.wait', target: 1 },
  { v: 1, seq: 4, t: 3, proc: 0, kind: 'proc.join.wait', target: 1, timeoutSec: 0.5 },
  { v: 1, seq: 5, t: 4, proc: 0, kind: 'proc.join.done', target: 1, timedOut: true },
  { v: 1, seq: 6, t: 4, proc: 0, kind: 'proc.terminate', target: 1 },
  { v: 1, seq: 7, t: 5, proc: 1, kind: 'sleep.begin', sec: 1.25 },
  { v: 1, seq: 8, t: 6, proc: 1, kind: 'sleep.end' } as LabEvent,
  { v: 1, seq: 9, t: 6, proc: 0, kind: 'lock.create', obj: 1, name: 'mutex' },
  { v: 1, seq: 10, t: 7, proc: 1, kind: 'lock.request', obj: 1, block: true },
  { v: 1, seq: 11, t: 7, proc: 1, kind: 'lock.request', obj: 1, block: false, timeoutSec: 0 },
  { v: 1, seq: 12, t: 7, proc: 1, kind: 'lock.acquire', obj: 1, waitedUs: 0 },
  { v: 1, seq: 13, t: 8, proc: 1, kind: 'lock.release', obj: 1, site: 2 },
  { v: 1, seq: 14, t: 8, proc: 2, kind: 'lock.timeout', obj: 1 },
  {
    v: 1,
    seq: 15,
    t: 9,
    proc: 0,
    kind: 'queue.create',
    obj: 2,
    name: 'q',
    maxsize: 3,
    joinable: true,
  },
  { v: 1, seq: 16, t: 9, proc: 1, kind: 'queue.put.wait', obj: 2 },
  { v: 1, seq: 17, t: 10, proc: 1, kind: 'queue.put', obj: 2, item: 1, value: 42, size: 1 },
  {
    v: 1,
    seq: 18,
    t: 10,
    proc: 1,
    kind: 'queue.put',
    obj: 2,
    item: 2,
    value: '包子 "1"\n',
    size: 2,
  },
  { v: 1, seq: 19, t: 10, proc: 1, kind: 'queue.put', obj: 2, item: 3, value: null, size: 3 },
  { v: 1, seq: 20, t: 11, proc: 1, kind: 'queue.full', obj: 2 },
  { v: 1, seq: 21, t: 11, proc: 2, kind: 'queue.get.wait', obj: 2 },
  { v: 1, seq: 22, t: 12, proc: 2, kind: 'queue.get', obj: 2, item: 1, value: -1.5, size: 2 },
  {
    v: 1,
    seq: 23,
    t: 12,
    proc: 2,
    kind: 'queue.get',
    obj: 2,
    item: 2,
    value: { a: [1, 'two', null, { b: true }] },
    size: 1,
  },
  { v: 1, seq: 24, t: 12, proc: 2, kind: 'queue.get', obj: 2, item: 3, value: false, size: 0 },
  { v: 1, seq: 25, t: 13, proc: 2, kind: 'queue.empty', obj: 2 },
  { v: 1, seq: 26, t: 13, proc: 2, kind: 'queue.query', obj: 2, op: 'qsize', result: 0 },
  { v: 1, seq: 27, t: 13, proc: 2, kind: 'queue.query', obj: 2, op: 'full', result: false },
  { v: 1, seq: 28, t: 14, proc: 2, kind: 'queue.task_done', obj: 2, unfinished: 2 },
  { v: 1, seq: 29, t: 14, proc: 0, kind: 'queue.join.wait', obj: 2, unfinished: 2 },
  { v: 1, seq: 30, t: 15, proc: 0, kind: 'queue.join.done', obj: 2 },
  {
    v: 1,
    seq: 31,
    t: 15,
    proc: 0,
    kind: 'file.create',
    obj: 3,
    name: 'ticket.json',
    value: { count: 1 },
  },
  { v: 1, seq: 32, t: 16, proc: 1, kind: 'file.read', obj: 3, value: { count: 1 } },
  {
    v: 1,
    seq: 33,
    t: 16,
    proc: 2,
    kind: 'file.read',
    obj: 3,
    error: 'Unexpected end of JSON input',
    raw: '{"n":\n',
  },
  { v: 1, seq: 34, t: 16, proc: 2, kind: 'file.read', obj: 3, value: 0 },
  { v: 1, seq: 35, t: 17, proc: 1, kind: 'file.write', obj: 3, value: 7 },
  { v: 1, seq: 36, t: 17, proc: 1, kind: 'log', text: 'line one\nline "two" \u2028 done' },
  {
    v: 1,
    seq: 37,
    t: 18,
    proc: 1,
    kind: 'error',
    message: 'boom',
    stack: 'at x',
    file: 'a.lab.mjs',
    line: 3,
  },
  { v: 1, seq: 38, t: 18, proc: 1, kind: 'error', message: 'plain' },
  { v: 1, seq: 39, t: 19, proc: 1, kind: 'proc.exit', code: 0, reason: 'returned' },
  {
    v: 1,
    seq: 40,
    t: 19,
    proc: 2,
    kind: 'proc.exit',
    code: null,
    signal: 'SIGKILL',
    reason: 'killed',
  },
  { v: 1, seq: 41, t: 20, proc: -1, kind: 'run.limit', what: 'events', message: 'too many' },
  {
    v: 1,
    seq: 42,
    t: 20,
    proc: -1,
    kind: 'diag',
    code: 'lost-update',
    message: { en: 'e', 'zh-CN': '中' },
    procs: [1, 2],
    objs: [3],
    at: 12,
  },
  {
    v: 1,
    seq: 43,
    t: 21,
    proc: -1,
    kind: 'diag',
    code: 'hang',
    message: { en: 'h', 'zh-CN': '挂' },
    procs: [],
    objs: [],
  },
  {
    v: 1,
    seq: 44,
    t: 21,
    proc: 3,
    kind: 'site',
    id: 2,
    file: '/home/me/ticket.lab.mjs',
    line: 14,
    col: 16,
    fn: 'buy',
  },
  {
    v: 1,
    seq: 45,
    t: 21,
    proc: -1,
    kind: 'sched.step',
    step: 7,
    chosen: 2,
    runnable: [0, 2],
    ops: ['acquire mutex', 'write data.json {"ticket_num":0} (truncate)'],
  },
  {
    v: 1,
    seq: 46,
    t: 2 ** 40,
    proc: -1,
    kind: 'run.end',
    status: 'ok',
    outcome: { sold: 1 },
    narration: { en: 'x', 'zh-CN': '叉' },
  },
  { v: 1, seq: 47, t: 2 ** 40, proc: -1, kind: 'run.end', status: 'error', message: 'm' },
  // Semaphores, events, conditions and barriers (src/protocol/syncEvents.ts).
  { v: 1, seq: 48, t: 2 ** 40, proc: 1, kind: 'lock.depth', obj: 1, depth: 2, site: 3 },
  {
    v: 1,
    seq: 49,
    t: 2 ** 40,
    proc: 1,
    kind: 'sem.create',
    obj: 5,
    name: 'seats',
    value: 4,
    bounded: true,
  },
  { v: 1, seq: 50, t: 2 ** 40, proc: 1, kind: 'sem.request', obj: 5, block: true, timeoutSec: 0.5 },
  {
    v: 1,
    seq: 51,
    t: 2 ** 40,
    proc: 1,
    kind: 'sem.acquire',
    obj: 5,
    waitedUs: 12,
    value: 3,
    site: 1,
  },
  { v: 1, seq: 52, t: 2 ** 40, proc: 1, kind: 'sem.release', obj: 5, value: 4 },
  { v: 1, seq: 53, t: 2 ** 40, proc: 1, kind: 'sem.timeout', obj: 5 },
  { v: 1, seq: 54, t: 2 ** 40, proc: 1, kind: 'event.create', obj: 6, name: '开始' },
  { v: 1, seq: 55, t: 2 ** 40, proc: 1, kind: 'event.set', obj: 6, woke: [1, 2] },
  { v: 1, seq: 56, t: 2 ** 40, proc: 1, kind: 'event.clear', obj: 6 },
  { v: 1, seq: 57, t: 2 ** 40, proc: 1, kind: 'event.wait', obj: 6 },
  { v: 1, seq: 58, t: 2 ** 40, proc: 1, kind: 'event.wake', obj: 6, flag: false, waitedUs: 0 },
  { v: 1, seq: 59, t: 2 ** 40, proc: 1, kind: 'cond.create', obj: 7, name: 'items', lock: 1 },
  { v: 1, seq: 60, t: 2 ** 40, proc: 1, kind: 'cond.wait', obj: 7, timeoutSec: 2 },
  { v: 1, seq: 61, t: 2 ** 40, proc: 1, kind: 'cond.notify', obj: 7, woke: [] },
  { v: 1, seq: 62, t: 2 ** 40, proc: 1, kind: 'cond.wake', obj: 7, notified: true, waitedUs: 99 },
  {
    v: 1,
    seq: 63,
    t: 2 ** 40,
    proc: 1,
    kind: 'barrier.create',
    obj: 8,
    name: 'lap line',
    parties: 4,
  },
  { v: 1, seq: 64, t: 2 ** 40, proc: 1, kind: 'barrier.arrive', obj: 8, gen: 0, index: 3 },
  { v: 1, seq: 65, t: 2 ** 40, proc: 1, kind: 'barrier.pass', obj: 8, gen: 0 },
  { v: 1, seq: 66, t: 2 ** 40, proc: 1, kind: 'barrier.broken', obj: 8, gen: 1, why: 'timeout' },
  { v: 1, seq: 67, t: 2 ** 40, proc: 1, kind: 'barrier.reset', obj: 8 },
  ...poolSamples(68),
  ...sharedSamples(81),
];

/** One event of every Value, Array and Pipe kind, from seq `first` on. */
function sharedSamples(first: number): LabEvent[] {
  const at = (i: number) => ({ v: 1 as const, seq: first + i, t: 2 ** 40 + 20 + i, proc: 3 });
  return [
    { ...at(0), kind: 'value.create', obj: 10, name: 'n', typecode: 'i', value: 0, site: 6 },
    { ...at(1), kind: 'value.get', obj: 10, value: -2147483648 },
    { ...at(2), kind: 'value.set', obj: 11, index: 2, value: 'x', site: 7 },
    { ...at(3), kind: 'pipe.create', obj: 12, name: 'table', duplex: false },
    { ...at(4), kind: 'pipe.send', obj: 12, end: 1, msg: 1, value: [1, { a: null }], pending: 1 },
    { ...at(5), kind: 'pipe.recv.wait', obj: 12, end: 0, site: 8 },
    { ...at(6), kind: 'pipe.recv', obj: 12, end: 0, msg: 1, value: 'ping', pending: 0 },
    { ...at(7), kind: 'pipe.eof', obj: 12, end: 0 },
    { ...at(8), kind: 'pipe.poll', obj: 12, end: 0, result: true },
    { ...at(9), kind: 'pipe.close', obj: 12, end: 1, holders: 0, site: 9 },
    { ...at(10), kind: 'pipe.broken', obj: 12, end: 1 },
  ];
}

/** One event of every Pool kind, from seq `first` on. */
function poolSamples(first: number): LabEvent[] {
  const at = (i: number) => ({ v: 1 as const, seq: first + i, t: 2 ** 40 + i, proc: 2 });
  const obj = 9;
  return [
    { ...at(0), kind: 'pool.create', obj, name: 'squares', processes: 4, maxtasks: 2, site: 3 },
    { ...at(1), kind: 'pool.worker', obj, replaces: 5 },
    { ...at(2), kind: 'pool.submit', obj, job: 1, fn: 'f', call: 'map', tasks: 2, items: 3 },
    { ...at(3), kind: 'pool.start', obj, job: 1, task: 0, items: 2 },
    { ...at(4), kind: 'pool.done', obj, job: 1, task: 0, ok: true, value: [1, { a: 'b' }] },
    { ...at(5), kind: 'pool.done', obj, job: 1, task: 1, ok: false, error: 'ValueError: no' },
    { ...at(6), kind: 'pool.retire', obj, tasks: 2 },
    { ...at(7), kind: 'pool.wait', obj, job: 1, task: 1, timeoutSec: 0.5, site: 4 },
    {
      ...at(8),
      kind: 'pool.result',
      obj,
      job: 1,
      ok: false,
      delivered: false,
      timedOut: true,
      waitedUs: 500_000,
    },
    { ...at(9), kind: 'pool.close', obj },
    { ...at(10), kind: 'pool.terminate', obj, site: 5 },
    { ...at(11), kind: 'pool.join.wait', obj },
    { ...at(12), kind: 'pool.join.done', obj },
  ];
}

/** The offsets of a single batch's parts (see src/protocol/eventColumns.ts). */
function layout(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getUint32(8, true),
    slots = view.getUint32(12, true);
  const slotsAt = 32 + 8 * n,
    procAt = slotsAt + 8 * slots,
    kindAt = procAt + 4 * n;
  return {
    view,
    n,
    slots,
    tAt: 32,
    slotsAt,
    procAt,
    kindAt,
    restAt: kindAt + n,
    restBytes: view.getUint32(16, true),
  };
}

function errorOf(r: { ok: boolean; error?: string }): string {
  assert.equal(r.ok, false);
  return r.error ?? '';
}

describe('protocol event batches (columns)', () => {
  it('decode to the very events that were encoded, every kind and field shape, in order', () => {
    assert.deepEqual(
      new Set(everyKind.map((e) => e.kind)),
      new Set(EVENT_KINDS),
      'the samples cover every kind',
    );
    for (const e of everyKind) assert.equal(checkEvent(e).ok, true, JSON.stringify(e));
    const r = decodeEventColumns(encodeEvents(everyKind), { seq: 0, t: 0 });
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.deepEqual(r.events, everyKind);
    // What a JSONL line says, the columns say: -0 reads as 0 both ways.
    const zero = decodeEventColumns(encodeEvents([{ ...everyKind[17], value: -0 } as LabEvent]));
    assert.ok(zero.ok && Object.is((zero.events[0] as { value: unknown }).value, 0));
  });

  it('carry numbers in columns and only text in the JSON part, far smaller than JSONL', () => {
    const events: LabEvent[] = [];
    for (let i = 0; i < 1000; i++) {
      events.push({
        v: 1,
        seq: 2 * i,
        t: 10 * i,
        proc: 1,
        kind: 'queue.put',
        obj: 2,
        item: i,
        value: i,
        size: 1,
        site: 3,
      });
      events.push({
        v: 1,
        seq: 2 * i + 1,
        t: 10 * i + 5,
        proc: 2,
        kind: 'lock.acquire',
        obj: 1,
        waitedUs: i,
        site: 4,
      });
    }
    const bytes = encodeEvents(events);
    assert.equal(layout(bytes).restBytes, 0, 'numeric values need no JSON');
    assert.ok(bytes.byteLength < 0.5 * jsonl(events).length, `${bytes.byteLength} bytes`);
    assert.deepEqual((decodeEventColumns(bytes) as { events: LabEvent[] }).events, events);
  });

  it('are self-delimiting: concatenated batches decode as one run, and must continue one another', () => {
    const a = encodeEvents(everyKind.slice(0, 20));
    const b = encodeEvents(everyKind.slice(20));
    assert.deepEqual(
      (decodeEventColumns(joinBatches([a, b]), { seq: 0, t: 0 }) as { events: LabEvent[] }).events,
      everyKind,
    );
    assert.equal(
      errorOf(decodeEventColumns(joinBatches([a, encodeEvents(everyKind.slice(21))]))),
      'seq 21 where 20 was expected',
    );
    assert.equal(errorOf(decodeEventColumns(b, { seq: 0, t: 0 })), 'seq 20 where 0 was expected');
    assert.match(
      errorOf(decodeEventColumns(b, { seq: 20, t: 999 })),
      /event 1 of the batch \(seq 20\): time went backwards \(11 < 999\)/,
    );
  });

  it('write their JSONL from the columns: each line is the event, as JSON.stringify prints it, every kind and field shape', () => {
    const writer = new EventColumnsWriter();
    /** The lines of `events` as the writer makes them, checked against the batch taken after. */
    const lines = (events: readonly LabEvent[]): string[] => {
      for (const e of events) {
        const { v: _v, seq: _seq, t, proc, kind, ...fields } = e;
        writer.add(t, proc, kind, fields as never);
      }
      const text = new TextDecoder().decode(writer.jsonl(events[0].seq));
      const batch = writer.take(events[0].seq)!;
      assert.ok(text.endsWith('\n'));
      const out = text.slice(0, -1).split('\n');
      assert.deepEqual(
        out.map((l) => JSON.parse(l)),
        (decodeEventColumns(batch) as { events: LabEvent[] }).events,
      );
      // Canonical: no spaces, numbers as JavaScript prints them ("10", not "1e1"; never "-0").
      for (const l of out) assert.equal(JSON.stringify(JSON.parse(l)), l);
      return out;
    };
    assert.deepEqual(
      lines(everyKind).map((l) => JSON.parse(l)),
      everyKind,
    );
    // Numbers of every size and sign, where the writer prints digits itself (four at a time: each
    // side of every group of four) and where it does not.
    const numbers = [
      0,
      1,
      9,
      10,
      99,
      100,
      999,
      1000,
      9999,
      10_000,
      10_001,
      12345,
      99_999_999,
      100_000_000,
      100_000_001,
      1_000_000_007,
      2 ** 31,
      2 ** 32 - 1,
      2 ** 32,
      2 ** 40,
      2 ** 53 - 1,
    ];
    const events: LabEvent[] = numbers.map(
      (t, i) =>
        ({
          v: 1,
          seq: 100 + i,
          t,
          proc: i % 2 ? -1 : i,
          kind: 'lock.acquire',
          obj: i,
          waitedUs: t,
        }) as LabEvent,
    );
    for (const value of [-0, -1, -(2 ** 40), 0.1, 1.5e300, 1e21, 1e-7, -3.25, 2 ** 53 + 2]) {
      events.push({
        v: 1,
        seq: 100 + events.length,
        t: 2 ** 53 - 1,
        proc: 3,
        kind: 'queue.put',
        obj: 2,
        item: events.length,
        value,
        size: 1,
      });
    }
    const got = lines(events).map((l) => JSON.parse(l));
    assert.deepEqual(
      got,
      events.map((e) => JSON.parse(JSON.stringify(e))),
    );
    assert.match(lines([events[events.length - 1]])[0], /"value":9007199254740994,/);
    // Text of every width, past the writer's first buffer and growing it mid-batch: 😀 is two UTF-16 units and four bytes.
    const wide = '中文 😀 \u2028 "q" \\ \n'.repeat(20_000);
    const texts: LabEvent[] = [0, 1, 2].map((i) => ({
      v: 1,
      seq: i,
      t: i,
      proc: 1,
      kind: 'log',
      text: i === 1 ? wide : `short ${i}`,
    }));
    assert.deepEqual(
      lines(texts).map((l) => JSON.parse(l)),
      texts,
    );
  });

  it('decode from bytes that do not start on an 8-byte boundary (a buffer that arrived misaligned)', () => {
    const bytes = encodeEvents(everyKind);
    const padded = new Uint8Array(bytes.byteLength + 3);
    padded.set(bytes, 3);
    assert.deepEqual(
      (decodeEventColumns(padded.subarray(3)) as { events: LabEvent[] }).events,
      everyKind,
    );
  });

  it('hand back the batch in a buffer of its own: a view into a larger buffer (an IPC read) is copied, a whole buffer is not', () => {
    const bytes = encodeEvents(everyKind);
    const big = new Uint8Array(bytes.byteLength + 4096);
    big.set(bytes, 16);
    const read = decodeEventColumns(big.subarray(16, 16 + bytes.byteLength));
    assert.ok(read.ok);
    assert.equal(
      read.bytes.byteLength,
      read.bytes.buffer.byteLength,
      'holding it keeps just the batch alive',
    );
    big.fill(0);
    assert.deepEqual(
      (decodeEventColumns(read.bytes) as { events: LabEvent[] }).events,
      everyKind,
      'a copy, not a view',
    );
    const whole = decodeEventColumns(bytes);
    assert.ok(whole.ok && whole.bytes === bytes);
  });

  it('reject malformed bytes whole, with a clear reason', () => {
    const good = () => encodeEvents(everyKind);
    const cases: [string, (b: Uint8Array) => Uint8Array | unknown, RegExp][] = [
      ['not bytes', () => 'text', /must be bytes/],
      [
        'wrong magic',
        (b) => {
          b[0] ^= 0xff;
          return b;
        },
        /not an event batch \(wrong magic number\)/,
      ],
      ['cut short', (b) => b.subarray(0, 20), /cut short \(20 bytes where a header needs 32\)/],
      [
        'truncated',
        (b) => b.subarray(0, b.byteLength - 8),
        /says it is \d+ bytes where \d+ are left/,
      ],
      [
        'no events',
        (b) => {
          layout(b).view.setUint32(8, 0, true);
          return b;
        },
        /an event batch of 0 events/,
      ],
      [
        'columns overrun',
        (b) => {
          layout(b).view.setUint32(12, 1e6, true);
          return b;
        },
        /columns need \d+ bytes/,
      ],
      [
        'unknown kind',
        (b) => {
          b[layout(b).kindAt + 3] = 99;
          return b;
        },
        /event 4 of the batch \(seq 3\): unknown event kind code 99/,
      ],
      [
        'negative time',
        (b) => {
          layout(b).view.setFloat64(32 + 8 * 5, -1, true);
          return b;
        },
        /event 6 .*: field "t" is not uint/,
      ],
      [
        'time backwards',
        (b) => {
          layout(b).view.setFloat64(32 + 8 * 5, 1e9, true);
          return b;
        },
        /event 7 .*: time went backwards \(4 < 1000000000\)/,
      ],
      [
        'bool out of range',
        (b) => {
          const l = layout(b);
          l.view.setFloat64(l.slotsAt + 8 * slotIndex(5, 1), 2, true);
          return b;
        },
        /event 6 .*proc\.join\.done: field "timedOut" is not bool/,
      ],
      [
        'uint not an integer',
        (b) => {
          const l = layout(b);
          l.view.setFloat64(l.slotsAt + 8 * slotIndex(12, 1), 0.5, true);
          return b;
        },
        /lock\.acquire: field "waitedUs" is not uint/,
      ],
      [
        'required number absent',
        (b) => {
          const l = layout(b);
          l.view.setFloat64(l.slotsAt + 8 * slotIndex(13, 0), NaN, true);
          return b;
        },
        /lock\.release: missing field "obj"/,
      ],
      [
        'number not finite',
        (b) => {
          const l = layout(b);
          l.view.setFloat64(l.slotsAt + 8 * slotIndex(7, 0), Infinity, true);
          return b;
        },
        /event 8 .*sleep\.begin: field "sec" is not num/,
      ],
      [
        'json number not finite',
        (b) => {
          const l = layout(b);
          l.view.setFloat64(l.slotsAt + 8 * slotIndex(17, 2), -Infinity, true);
          return b;
        },
        /event 18 .*queue\.put: field "value" is not json/,
      ],
      [
        'id not an integer',
        (b) => {
          const l = layout(b);
          l.view.setFloat64(l.slotsAt + 8 * slotIndex(16, 0), 2.5, true);
          return b;
        },
        /event 17 .*queue\.put\.wait: field "obj" is not uint/,
      ],
      [
        'id negative',
        (b) => {
          const l = layout(b);
          l.view.setFloat64(l.slotsAt + 8 * slotIndex(14, 0), -1, true);
          return b;
        },
        /event 15 .*lock\.timeout: field "obj" is not uint/,
      ],
      [
        'text entry dropped',
        (b) => {
          b[layout(b).kindAt] &= 0x7f;
          return b;
        },
        /event 1 .*run\.start: its text fields are missing/,
      ],
      [
        'text not UTF-8',
        (b) => {
          b[layout(b).restAt + 5] = 0xff;
          return b;
        },
        /text fields do not read/,
      ],
      [
        'text not JSON',
        (b) => {
          b[layout(b).restAt] = 0x7b;
          return b;
        },
        /text fields do not read/,
      ],
    ];
    for (const [name, spoil, re] of cases) {
      const b = good();
      const whole = errorOf(decodeEventColumns(spoil(b)));
      assert.match(whole, re, name);
      // A receiver that builds objects for a few kinds only (its other events are checked straight
      // from their numbers) refuses the same batch, in the same words.
      for (const pick of [new Set<EventKind>(['run.start']), new Set<EventKind>()]) {
        assert.equal(
          errorOf(decodeEventColumns(spoil(good()), undefined, pick)),
          whole,
          `${name}, picking ${[...pick]}`,
        );
      }
    }
    // Entries that parse but do not fit their events.
    const entry = (events: LabEvent[], edit: (rest: Record<string, unknown>[]) => unknown) => {
      const b = encodeEvents(events);
      const l = layout(b);
      const text = new TextDecoder().decode(b.subarray(l.restAt, l.restAt + l.restBytes));
      const spoilt = new TextEncoder().encode(JSON.stringify(edit(JSON.parse(text))));
      const out = new Uint8Array(Math.ceil((l.restAt + spoilt.length) / 8) * 8);
      out.set(b.subarray(0, l.restAt));
      out.set(spoilt, l.restAt);
      const v = new DataView(out.buffer);
      v.setUint32(4, out.byteLength, true);
      v.setUint32(16, spoilt.length, true);
      return decodeEventColumns(out);
    };
    assert.match(
      errorOf(entry(everyKind.slice(9, 10), (r) => [{ ...r[0], color: 'red' }])),
      /lock\.create: unknown field "color"/,
    );
    assert.match(
      errorOf(entry(everyKind.slice(9, 10), () => [{ name: 5 }])),
      /lock\.create: field "name" is not str/,
    );
    assert.match(
      errorOf(entry(everyKind.slice(9, 10), () => [{}])),
      /lock\.create: missing field "name"/,
    );
    assert.match(
      errorOf(entry(everyKind.slice(9, 10), () => [[1]])),
      /lock\.create: its text fields are not an object/,
    );
    assert.match(
      errorOf(entry(everyKind.slice(9, 10), (r) => [...r, { name: 'x' }])),
      /text fields are not 1 entries/,
    );
    const twice = encodeEvents(everyKind.slice(18, 19)); // a string value: a NaN slot and a text entry
    layout(twice).view.setFloat64(layout(twice).slotsAt + 8 * 2, 5, true);
    assert.match(errorOf(decodeEventColumns(twice)), /queue\.put: field "value" is given twice/);
    let deep: unknown = 1;
    for (let i = 0; i < 70; i++) deep = [deep];
    assert.match(
      errorOf(entry(everyKind.slice(18, 19), () => [{ value: deep }])),
      /queue\.put: field "value" is not json/,
    );
  });

  it('reach the parent through decodeFromRunner, and bad messages are named', () => {
    const batch = encodeEvents(everyKind);
    const r = decodeFromRunner({ type: 'events', batch } satisfies FromRunner, { seq: 0, t: 0 });
    assert.ok(r.ok && r.msg.type === 'events');
    assert.equal(r.msg.batch, batch);
    assert.deepEqual(r.msg.events, everyKind);
    assert.equal(
      errorOf(decodeFromRunner({ type: 'events', batch }, { seq: 5, t: 0 })),
      'seq 0 where 5 was expected',
    );
    assert.match(
      errorOf(decodeFromRunner({ type: 'events', events: everyKind })),
      /missing field "batch"/,
    );
    assert.match(
      errorOf(decodeFromRunner({ type: 'events', batch: jsonl(everyKind) })),
      /must be bytes/,
    );
    assert.match(errorOf(decodeFromRunner({ type: 'hello' })), /unknown message type "hello"/);
    assert.deepEqual(decodeFromRunner({ type: 'done', status: 'ok', eventCount: 8 }), {
      ok: true,
      msg: { type: 'done', status: 'ok', eventCount: 8 },
    });
  });

  it('enter the webview as a batch and come out as checked events', () => {
    const cols = encodeEvents(everyKind);
    assert.deepEqual(
      checkToWebview({ type: 'batch', runId: 'r', cols: new Uint8Array(8) }),
      { ok: true },
      'the host checks the envelope only',
    );
    const r = decodeToWebview({ type: 'batch', runId: 'r', cols });
    assert.ok(r.ok && r.msg.type === 'columns' && r.msg.runId === 'r');
    assert.deepEqual(r.msg.read.events, everyKind);
    // With pick, only those kinds become objects; the count still covers every event.
    const some = decodeToWebview({ type: 'batch', runId: 'r', cols }, new Set(['log', 'diag']));
    assert.ok(some.ok && some.msg.type === 'columns');
    assert.deepEqual(
      some.msg.read.events,
      everyKind.filter((e) => e.kind === 'log' || e.kind === 'diag'),
    );
    assert.equal(some.msg.read.count, everyKind.length);
    assert.match(
      errorOf(decodeToWebview({ type: 'batch', runId: 'r', cols: cols.subarray(0, 40) })),
      /says it is \d+ bytes/,
    );
    assert.equal(
      errorOf(decodeToWebview({ type: 'batch', runId: 'r', cols: 5 })),
      'field "cols" is not bytes',
    );
    assert.equal(checkToWebview({ type: 'batch', runId: 'r', cols: [1, 2] }).ok, false);
    assert.equal(checkToWebview({ type: 'batch', runId: 'r', jsonl: 'text\n' }).ok, false);
  });
});

/** Where event #index's field #field sits among the slots of `everyKind` encoded whole. */
function slotIndex(index: number, field: number): number {
  let s = 0;
  for (let i = 0; i < index; i++) s += slotCount(everyKind[i].kind);
  return s + field;
}
function slotCount(kind: EventKind): number {
  const numeric = ['int', 'uint', 'num', 'bool', 'json'];
  return Object.entries(EVENT_SHAPES[kind]).filter(
    ([name, type]) =>
      numeric.includes(type as string) || (type === 'int|null' && !name.endsWith('?')),
  ).length;
}

describe('runner Recorder', () => {
  it('sends each batch in columns, saying exactly what the log file gets, with the events it keeps', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-recorder-'));
    try {
      const file = join(dir, 'run.labrun');
      const sent: FromRunner[] = [];
      const rec = new Recorder(
        (m) => sent.push(m),
        10_000,
        file,
        () => undefined,
      );
      rec.emit(-1, 'run.start', { lab: 'x', title: { en: 'X', 'zh-CN': 'X' }, seed: 1, speed: 1 });
      for (let i = 0; i < 600; i++) {
        rec.emit(1 + (i % 3), 'lock.request', {
          obj: 1,
          block: true,
          timeoutSec: i % 2 ? 1 : undefined,
        });
        // Two turns of the runner's loop: a full batch leaves at the end of each.
        if (i === 299 || i === 599) await new Promise((r) => setImmediate(r));
      }
      // The end of a run reads the log, then records its diagnoses and run.end: the log keeps up.
      assert.equal(rec.events.length, 601);
      rec.emit(-1, 'run.end', { status: 'ok' });
      assert.equal(rec.events.length, 602);
      assert.equal(rec.count, 602);
      rec.close();
      assert.ok(sent.every((m) => m.type === 'events'));
      assert.equal(sent.length, 3, 'one batch after each turn of ≥ 256 events, one at close');
      const parsed: LabEvent[] = [];
      for (const m of sent) {
        const r = decodeEventColumns(m.type === 'events' ? m.batch : null, {
          seq: parsed.length,
          t: 0,
        });
        assert.ok(r.ok, r.ok ? '' : r.error);
        parsed.push(...r.events);
      }
      assert.equal(parsed.length, 602);
      // The file's lines, the batches sent and the recorder's own log: the same events.
      const fromFile = parseJsonl(readFileSync(file, 'utf8'));
      assert.deepEqual(fromFile.errors, []);
      assert.deepEqual(parsed, fromFile.events);
      assert.deepEqual(parsed, rec.events);
      assert.equal(
        parsed.filter((e) => e.kind === 'lock.request' && e.timeoutSec === 1).length,
        300,
      );
      assert.ok(parsed.every((e, i) => i === 0 || e.t >= parsed[i - 1].t));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
