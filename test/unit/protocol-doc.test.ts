/**
 * docs/protocol.md is the spec another runtime is written from: it must list exactly the
 * operations and event kinds the protocol defines (in their order), and its examples must be what
 * the code reads and writes — the frame bytes, and every JSON message against the runtime checks
 * and the generated JSON Schema.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_KINDS } from '../../src/protocol/events';
import { protocolJsonSchema } from '../../src/protocol/jsonSchema';
import { parseJsonl } from '../../src/protocol/jsonl';
import { checkLabMessage, isLeaseToLab, isToLab, LAB_OPS } from '../../src/protocol/lab';
import { isProbeToLab, readLabControl } from '../../src/protocol/labControl';
import { decodeFrame, replyFrame } from '../../src/wire/frames';
import { schemaErrors } from '../support/jsonSchemaCheck';

const DOC = readFileSync(join(__dirname, '..', '..', 'docs', 'protocol.md'), 'utf8');
const schema = protocolJsonSchema();

/** The text of the `## title` section, up to the next `## ` heading. */
function section(title: string): string {
  const start = DOC.indexOf(`\n## ${title}\n`);
  assert.ok(start >= 0, `the document has a "${title}" section`);
  const end = DOC.indexOf('\n## ', start + 1);
  return DOC.slice(start, end < 0 ? undefined : end);
}

/** The names of a section's `### \`name\`` headings, in order. */
const headings = (text: string) => [...text.matchAll(/^### `([^`]+)`$/gm)].map((m) => m[1]);

/** The lines of every fenced block whose info string is `json <tag>`. */
function examples(tag: string): unknown[] {
  const blocks = [...DOC.matchAll(new RegExp('```json ' + tag + '\\n([\\s\\S]*?)```', 'g'))];
  assert.ok(blocks.length > 0, `the document has a json ${tag} example`);
  return blocks.flatMap((b) =>
    b[1]
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown),
  );
}

describe('docs/protocol.md', () => {
  it('lists every lab operation, in order, and nothing else', () => {
    assert.deepEqual(headings(section('Operations')), [...LAB_OPS]);
  });

  it('lists every event kind, in order, and nothing else', () => {
    assert.deepEqual(headings(section('Event kinds')), [...EVENT_KINDS]);
  });

  it('shows lab → runner messages that the runner and the schema accept', () => {
    for (const body of examples('lab-to-runner')) {
      assert.deepEqual(
        schemaErrors(schema, { $ref: '#/$defs/LabFrameBody' }, body),
        [],
        JSON.stringify(body),
      );
      if (readLabControl(body)) continue;
      for (const m of Array.isArray(body) ? body : [body])
        assert.equal(checkLabMessage(m), null, JSON.stringify(m));
    }
  });

  it('shows runner → lab messages that a lab process and the schema accept', () => {
    for (const m of examples('runner-to-lab')) {
      assert.deepEqual(schemaErrors(schema, { $ref: '#/$defs/ToLab' }, m), [], JSON.stringify(m));
      assert.ok(isToLab(m) || isLeaseToLab(m) || isProbeToLab(m), JSON.stringify(m));
    }
  });

  it('shows a log that reads as a valid log', () => {
    const events = examples('event');
    const parsed = parseJsonl(events.map((e) => JSON.stringify(e)).join('\n'));
    assert.deepEqual(parsed.errors, []);
    assert.equal(parsed.events.length, events.length);
    for (const e of events)
      assert.deepEqual(schemaErrors(schema, { $ref: '#/$defs/Event' }, e), []);
  });

  it('gives the bytes of frames as the wire code writes and reads them', () => {
    const hex = (direction: string) => {
      const line = DOC.split('\n').find((l) => l.startsWith(direction));
      assert.ok(line, `an example frame ${direction}`);
      const bytes = line.slice(direction.length).split('(')[0].trim().split(/\s+/);
      return Buffer.from(bytes.map((b) => parseInt(b, 16)));
    };
    const toRunner = hex('lab → runner');
    assert.equal(
      toRunner.readUInt32LE(0),
      toRunner.length - 4,
      'the length prefix counts the rest',
    );
    assert.deepEqual(decodeFrame(toRunner, 4, toRunner.length), {
      id: 7,
      op: 'lock.acquire',
      ref: 'L1',
      block: true,
    });
    assert.deepEqual(hex('runner → lab'), replyFrame(7, true));
  });
});
