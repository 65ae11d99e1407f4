/**
 * The JSON Schema other runtimes read (docs/protocol.schema.json) is what the definitions
 * generate, and it says what the runtime checks say: for real recorded events, and for every
 * field of every event kind and lab operation made missing, unknown or of the wrong type.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  EVENT_DEFINITIONS,
  EVENT_HEADER,
  EVENT_KINDS,
  type EventKind,
} from '../../src/protocol/events';
import { protocolJsonSchema, protocolJsonSchemaText } from '../../src/protocol/jsonSchema';
import { checkLabMessage, isLeaseToLab, isToLab, LAB_OPS } from '../../src/protocol/lab';
import { isJudgeToLab, isProbeToLab } from '../../src/protocol/labControl';
import { LAB_OP_DEFINITIONS, MAX_VALUE_CHARS, TO_LAB_DEFINITIONS } from '../../src/protocol/labOps';
import type { FieldType, Shape } from '../../src/protocol/schema';
import { eventError } from '../../src/protocol/validateEvent';
import { schemaErrors } from '../support/jsonSchemaCheck';
import { runLab } from '../support/runLab';

const SCHEMA_FILE = join(__dirname, '..', '..', 'docs', 'protocol.schema.json');
const schema = protocolJsonSchema();
const errorsAgainst = (def: string, value: unknown) =>
  schemaErrors(schema, { $ref: `#/$defs/${def}` }, value);

/** A valid value of each field type. */
function sample(type: FieldType): unknown {
  if (typeof type === 'object') return 'enum' in type ? type.enum[0] : sampleOf(type.object);
  const samples: Record<string, unknown> = {
    int: -3,
    uint: 3,
    num: 0.5,
    str: 'x',
    bool: true,
    json: { a: [1, 'b', null] },
    'json[]': [1, 'two'],
    localized: { en: 'a', 'zh-CN': '甲' },
    'int[]': [1, -2],
    'int|null': null,
    'num|bool': false,
    true: true,
    false: false,
    any: 'anything',
  };
  return samples[type];
}

/** A value JSON can carry that each field type refuses (undefined: none, the type takes any JSON). */
function wrong(type: FieldType): unknown {
  if (typeof type === 'object') return 'enum' in type ? 'no-such-value' : 'not an object';
  const wrongs: Record<string, unknown> = {
    int: 1.5,
    uint: -1,
    num: 'one',
    str: 7,
    bool: 1,
    json: undefined,
    'json[]': { not: 'an array' },
    localized: { en: 'only English' },
    'int[]': [1, 2.5],
    'int|null': 'x',
    'num|bool': 'x',
    true: false,
    false: true,
    any: undefined,
  };
  return wrongs[type];
}

function sampleOf(shape: Shape): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [raw, type] of Object.entries(shape)) out[raw.replace(/\?$/, '')] = sample(type);
  return out;
}

/** Variants of a valid message: each one valid or not, as both the schema and the check must say. */
function variants(
  valid: Record<string, unknown>,
  fields: Shape,
): { what: string; value: Record<string, unknown>; ok: boolean }[] {
  const out = [{ what: 'as given', value: valid, ok: true }];
  out.push({ what: 'with an unknown field', value: { ...valid, surplus: 1 }, ok: false });
  for (const [raw, type] of Object.entries(fields)) {
    const name = raw.replace(/\?$/, '');
    const { [name]: _dropped, ...without } = valid;
    out.push({ what: `without ${name}`, value: without, ok: raw.endsWith('?') });
    const bad = wrong(type);
    if (bad !== undefined)
      out.push({
        what: `${name} = ${JSON.stringify(bad)}`,
        value: { ...valid, [name]: bad },
        ok: false,
      });
  }
  return out;
}

describe('protocol JSON Schema', () => {
  it('is the checked-in docs/protocol.schema.json (run `npm run schema` after changing a shape)', () => {
    assert.equal(readFileSync(SCHEMA_FILE, 'utf8'), protocolJsonSchemaText());
  });

  it('names every event kind and lab operation, and nothing else', () => {
    const defs = Object.keys(schema.$defs as object);
    assert.deepEqual(
      defs.filter((d) => d.startsWith('event:')),
      EVENT_KINDS.map((k) => `event:${k}`),
    );
    assert.deepEqual(
      defs.filter((d) => d.startsWith('op:')),
      LAB_OPS.map((op) => `op:${op}`),
    );
  });

  it('agrees with eventError on every field of every event kind: present, missing, unknown, mistyped', () => {
    for (const kind of EVENT_KINDS) {
      const fields: Shape = EVENT_DEFINITIONS[kind].fields;
      const valid = { v: 1, seq: 4, t: 10, proc: 1, kind, ...sampleOf(fields) };
      for (const { what, value, ok } of variants(valid, { ...EVENT_HEADER, ...fields })) {
        const runtime = eventError(value);
        const json = errorsAgainst('Event', value);
        assert.equal(runtime === null, ok, `${kind} ${what}: the check said ${runtime}`);
        assert.equal(json.length === 0, ok, `${kind} ${what}: the schema said ${json.join('; ')}`);
      }
    }
    for (const bad of [
      { v: 2, seq: 0, t: 0, proc: 0, kind: 'log', text: 'x' },
      { v: 1, seq: 0, t: 0, proc: 0, kind: 'nope' },
    ]) {
      assert.notEqual(eventError(bad), null);
      assert.notEqual(errorsAgainst('Event', bad).length, 0);
    }
  });

  it('agrees with checkLabMessage on every field of every operation, and on the text bound', () => {
    for (const op of LAB_OPS) {
      const fields: Shape = LAB_OP_DEFINITIONS[op].fields;
      const valid = { id: 7, op, ...sampleOf(fields) };
      for (const { what, value, ok } of variants(valid, { id: 'uint', ...fields })) {
        const runtime = checkLabMessage(value);
        const json = errorsAgainst('LabMessage', value);
        assert.equal(runtime === null, ok, `${op} ${what}: the check said ${runtime}`);
        assert.equal(json.length === 0, ok, `${op} ${what}: the schema said ${json.join('; ')}`);
      }
    }
    const long = { id: 0, op: 'log', text: 'x'.repeat(MAX_VALUE_CHARS + 1) };
    assert.match(String(checkLabMessage(long)), /field "text" is not str/);
    assert.notEqual(errorsAgainst('LabMessage', long).length, 0);
    assert.equal(
      errorsAgainst('LabFrameBody', [
        { id: 0, op: 'log', text: 'a' },
        { id: 3, op: 'sleep', sec: 1 },
      ]).length,
      0,
    );
    assert.notEqual(errorsAgainst('LabFrameBody', []).length, 0, 'an empty array is no frame body');
  });

  it('agrees with the lab side on every runner → lab message', () => {
    for (const [name, { fields }] of Object.entries(TO_LAB_DEFINITIONS)) {
      const check =
        name === 'lease'
          ? isLeaseToLab
          : name === 'probe'
            ? isProbeToLab
            : name === 'judge'
              ? isJudgeToLab
              : isToLab;
      for (const { what, value, ok } of variants(sampleOf(fields), fields)) {
        if (what.startsWith('value =') || what.startsWith('lease =')) continue; // the lab side trusts JSON values
        assert.equal(check(value), ok, `${name} ${what}: the lab side`);
        assert.equal(errorsAgainst('ToLab', value).length === 0, ok, `${name} ${what}: the schema`);
      }
    }
  });

  it('accepts every event of real runs, each kind by its own definition', async function () {
    this.timeout(120_000);
    const seen = new Set<EventKind>();
    for (const lab of ['ticket-race', 'ticket-lock', 'producer-consumer-joinable', 'ipc']) {
      const { events } = await runLab(lab, { seed: 2, speed: 50, lang: 'en' });
      for (const e of events) {
        assert.deepEqual(errorsAgainst(`event:${e.kind}`, e), [], JSON.stringify(e));
        assert.deepEqual(errorsAgainst('Event', e), []);
        seen.add(e.kind);
      }
    }
    for (const kind of [
      'run.start',
      'run.end',
      'proc.spawn',
      'proc.exit',
      'lock.acquire',
      'queue.put',
      'queue.get',
      'file.read',
      'file.write',
    ] as const)
      assert.ok(seen.has(kind), `the runs had a ${kind}`);
  });
});
