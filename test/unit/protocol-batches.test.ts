import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEventBatch } from '../../src/protocol/eventBatch';
import { EVENT_KINDS, type EventKind, type LabEvent } from '../../src/protocol/events';
import { decodeFromRunner, type FromRunner } from '../../src/protocol/host';
import { checkShape, isRecord, type Check, type Shape } from '../../src/protocol/schema';
import { checkEvent, EVENT_SHAPES } from '../../src/protocol/validateEvent';
import { checkToWebview, decodeToWebview } from '../../src/protocol/webview';
import { Recorder } from '../../src/runner/recorder';

/** The original event check (split header and fields, walk each shape): the wording to keep. */
function referenceCheck(x: unknown): Check {
  const HEADER: Shape = { v: 'uint', seq: 'uint', t: 'uint', proc: 'int', kind: 'str' };
  if (!isRecord(x)) return { ok: false, error: 'an event must be an object' };
  if (x.v !== 1) return { ok: false, error: `unsupported protocol version ${JSON.stringify(x.v)}` };
  if (typeof x.kind !== 'string' || !(EVENT_KINDS as readonly string[]).includes(x.kind)) return { ok: false, error: `unknown event kind ${JSON.stringify(x.kind)}` };
  const head: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) (k in HEADER ? head : rest)[k] = v;
  const h = checkShape(head, HEADER);
  if (!h.ok) return h;
  const r = checkShape(rest, EVENT_SHAPES[x.kind as EventKind]);
  return r.ok ? r : { ok: false, error: `${x.kind}: ${r.error}` };
}

const good: LabEvent[] = [
  { v: 1, seq: 0, t: 0, proc: -1, kind: 'run.start', lab: 'x', title: { en: 'X', 'zh-CN': 'X' }, seed: 1, speed: 20 },
  { v: 1, seq: 1, t: 5, proc: 0, kind: 'proc.spawn', name: 'MainProcess', parent: -1, daemon: false, pid: 42 },
  { v: 1, seq: 2, t: 9, proc: 1, kind: 'lock.request', obj: 1, block: true, timeoutSec: 0.5 },
  { v: 1, seq: 3, t: 9, proc: 1, kind: 'queue.put', obj: 2, item: 1, value: { a: [1, 'two', null, { b: true }] }, size: 1 },
  { v: 1, seq: 4, t: 12, proc: 1, kind: 'file.read', obj: 3, error: 'Unexpected end of JSON input', raw: '{"n":\n' },
  { v: 1, seq: 5, t: 15, proc: 2, kind: 'log', text: 'line one\nline "two" \u2028 done' },
  { v: 1, seq: 6, t: 20, proc: -1, kind: 'diag', code: 'lost-update', message: { en: 'e', 'zh-CN': '中' }, procs: [1, 2], objs: [3], at: 12 },
  { v: 1, seq: 7, t: 21, proc: -1, kind: 'run.end', status: 'ok', outcome: { sold: 1 } },
];

/** Every way an event can break: each field wrong, missing, extra; header broken. */
function badVariants(): unknown[] {
  const out: unknown[] = [null, [], 'event', 7, { ...good[1], v: 2 }, { ...good[1], kind: 'nope' }, { ...good[1], kind: 3 }];
  for (const e of good) {
    for (const k of Object.keys(e)) {
      if (k === 'v' || k === 'kind') continue;
      const without = { ...e } as Record<string, unknown>;
      delete without[k];
      out.push(without, { ...e, [k]: 'wrong' }, { ...e, [k]: -1.5 }, { ...e, [k]: null }, { ...e, [k]: [1] });
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
    for (const e of [...good, ...badVariants()]) assert.deepEqual(checkEvent(e), referenceCheck(e), JSON.stringify(e));
    for (const e of good) assert.equal(checkEvent(e).ok, true);
    assert.equal(badVariants().filter((e) => checkEvent(e).ok).length, badVariants().filter((e) => referenceCheck(e).ok).length);
  });

  it('accept an optional field set to undefined but name an unknown one', () => {
    assert.deepEqual(checkEvent({ ...good[2], timeoutSec: undefined }), { ok: true });
    assert.deepEqual(checkEvent({ ...good[2], color: 'red' }), { ok: false, error: 'lock.request: unknown field "color"' });
  });
});

describe('protocol event batches (JSONL text)', () => {
  it('parse to the very events that were serialized, in order', () => {
    const r = parseEventBatch(jsonl(good), 0);
    assert.ok(r.ok);
    assert.deepEqual(r.events, good);
  });

  it('reject malformed text whole, with a clear reason', () => {
    const cases: [unknown, RegExp][] = [
      [42, /must be JSONL text/],
      [JSON.stringify(good[0]), /must end with a newline/],
      [jsonl(good.slice(0, 2)).replace('\n', '\n\n'), /not valid JSONL/],
      ['{"v":1,\n', /not valid JSONL/],
      [jsonl(good).slice(0, -10) + '\n', /not valid JSONL/],
      [jsonl([good[0], { ...good[1], pid: 'x' }]), /event 2 of the batch: proc\.spawn: field "pid" is not int/],
      ['[1]\n', /event 1 of the batch: an event must be an object/],
    ];
    for (const [text, re] of cases) {
      const r = parseEventBatch(text);
      assert.equal(r.ok, false, String(text));
      assert.match(r.ok ? '' : r.error, re);
    }
  });

  it('hold the run together: a batch must continue the seq it is given', () => {
    assert.equal(parseEventBatch(jsonl(good.slice(2)), 2).ok, true);
    const gap = parseEventBatch(jsonl(good.slice(3)), 2);
    assert.deepEqual(gap, { ok: false, error: 'seq 3 where 2 was expected' });
  });

  it('reach the parent through decodeFromRunner with their text, and bad messages are named', () => {
    const text = jsonl(good);
    const r = decodeFromRunner({ type: 'events', jsonl: text } satisfies FromRunner, 0);
    assert.ok(r.ok && r.msg.type === 'events');
    assert.equal(r.msg.jsonl, text);
    assert.deepEqual(r.msg.events, good);
    assert.match(String((decodeFromRunner({ type: 'events', events: good }) as { error: string }).error), /missing field "jsonl"/);
    assert.match(String((decodeFromRunner({ type: 'hello' }) as { error: string }).error), /unknown message type "hello"/);
    assert.deepEqual(decodeFromRunner({ type: 'done', status: 'ok', eventCount: 8 }), { ok: true, msg: { type: 'done', status: 'ok', eventCount: 8 } });
  });

  it('enter the webview as a batch and come out as checked events', () => {
    assert.deepEqual(checkToWebview({ type: 'batch', runId: 'r', jsonl: 'not checked here\n' }), { ok: true });
    const r = decodeToWebview({ type: 'batch', runId: 'r', jsonl: jsonl(good) });
    assert.deepEqual(r, { ok: true, msg: { type: 'events', runId: 'r', events: good } });
    const bad = decodeToWebview({ type: 'batch', runId: 'r', jsonl: 'not json\n' });
    assert.equal(bad.ok, false);
    assert.deepEqual(decodeToWebview({ type: 'batch', runId: 'r', jsonl: 5 }), { ok: false, error: 'field "jsonl" is not text or bytes' });
  });

  it('enter the webview as UTF-8 bytes too (as the host posts them), and refuse bytes that are not UTF-8', () => {
    const bytes = new TextEncoder().encode(jsonl(good));
    assert.deepEqual(checkToWebview({ type: 'batch', runId: 'r', jsonl: bytes }), { ok: true });
    assert.deepEqual(decodeToWebview({ type: 'batch', runId: 'r', jsonl: bytes }), { ok: true, msg: { type: 'events', runId: 'r', events: good } });
    const broken = new Uint8Array([...new TextEncoder().encode('{"v":1,"text":"'), 0xff, 0xfe, ...new TextEncoder().encode('"}\n')]);
    assert.deepEqual(decodeToWebview({ type: 'batch', runId: 'r', jsonl: broken }), { ok: false, error: 'an event batch is not valid UTF-8' });
    assert.equal(checkToWebview({ type: 'batch', runId: 'r', jsonl: [1, 2] }).ok, false);
  });
});

describe('runner Recorder', () => {
  it('sends each batch as the JSONL the log file gets, with the events it keeps', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-recorder-'));
    try {
      const file = join(dir, 'run.labrun');
      const sent: FromRunner[] = [];
      const rec = new Recorder((m) => sent.push(m), 10_000, file, () => undefined);
      rec.emit(-1, 'run.start', { lab: 'x', title: { en: 'X', 'zh-CN': 'X' }, seed: 1, speed: 1 });
      for (let i = 0; i < 600; i++) {
        rec.emit(1 + (i % 3), 'lock.request', { obj: 1, block: true, timeoutSec: i % 2 ? 1 : undefined });
        // Two turns of the runner's loop: a full batch leaves at the end of each.
        if (i === 299 || i === 599) await new Promise((r) => setImmediate(r));
      }
      // The end of a run reads the log, then records its diagnoses and run.end: the log keeps up.
      assert.equal(rec.events.length, 601);
      rec.emit(-1, 'run.end', { status: 'ok' });
      assert.equal(rec.events.length, 602);
      assert.equal(rec.count, 602);
      rec.close();
      const texts = sent.map((m) => (m.type === 'events' ? m.jsonl : ''));
      assert.ok(sent.every((m) => m.type === 'events'));
      assert.equal(sent.length, 3, 'one batch after each turn of ≥ 256 events, one at close');
      assert.equal(readFileSync(file, 'utf8'), texts.join(''), 'the file holds exactly the text sent');
      let seq = 0;
      const parsed: LabEvent[] = [];
      for (const t of texts) {
        const r = parseEventBatch(t, seq);
        assert.ok(r.ok, r.ok ? '' : r.error);
        seq += r.events.length;
        parsed.push(...r.events);
      }
      assert.equal(parsed.length, 602);
      // The same events as the recorder's own log (an undefined field is simply absent in JSON).
      assert.deepEqual(parsed, rec.events);
      assert.equal(parsed.filter((e) => e.kind === 'lock.request' && e.timeoutSec === 1).length, 300);
      assert.ok(parsed.every((e, i) => i === 0 || e.t >= parsed[i - 1].t));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
