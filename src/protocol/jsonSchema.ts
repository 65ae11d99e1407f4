/**
 * The protocol as JSON Schema (draft 2020-12), generated from the same shape constants the types
 * and checks come from, for other runtimes and tools (`npm run schema` writes
 * `docs/protocol.schema.json`; a test fails when the file and the definitions differ).
 */
import {
  EVENT_DEFINITIONS,
  EVENT_HEADER,
  EVENT_KINDS,
  PROTOCOL_VERSION,
  type KindDefinition,
} from './events';
import { RUN_CONFIG } from './host';
import { LAB_OPS } from './lab';
import {
  LAB_CONTROL_DEFINITIONS,
  LAB_MESSAGE_HEADER,
  LAB_OP_DEFINITIONS,
  MAX_VALUE_CHARS,
  TO_LAB_DEFINITIONS,
} from './labOps';
import { MAX_JSON_DEPTH, type CompileOptions, type FieldType, type Shape } from './schema';

export type JsonSchema = { [key: string]: unknown };

const SAFE_INT = {
  type: 'integer',
  minimum: -Number.MAX_SAFE_INTEGER,
  maximum: Number.MAX_SAFE_INTEGER,
};
const SAFE_UINT = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER };

/** The JSON Schema of one field type. */
export function fieldSchema(type: FieldType, options: CompileOptions = {}): JsonSchema {
  if (typeof type === 'object')
    return 'enum' in type
      ? { type: 'string', enum: [...type.enum] }
      : shapeSchema(type.object, options);
  switch (type) {
    case 'int':
      return SAFE_INT;
    case 'uint':
      return SAFE_UINT;
    case 'num':
      return { type: 'number' };
    case 'str':
      return options.maxTextChars === undefined
        ? { type: 'string' }
        : { type: 'string', maxLength: options.maxTextChars };
    case 'bool':
      return { type: 'boolean' };
    case 'json':
      return { $ref: '#/$defs/Json' };
    case 'json[]':
      return { type: 'array', items: { $ref: '#/$defs/Json' } };
    case 'localized':
      return { $ref: '#/$defs/Localized' };
    case 'int[]':
      return { type: 'array', items: SAFE_INT };
    case 'int|null':
      return { ...SAFE_INT, type: ['integer', 'null'] };
    case 'num|bool':
      return { type: ['number', 'boolean'] };
    case 'true':
      return { const: true };
    case 'false':
      return { const: false };
    case 'any':
      return {};
  }
}

/** The JSON Schema of an object of `shape`: its fields, the required ones, and no others. */
export function shapeSchema(
  shape: Shape,
  options: CompileOptions = {},
  fixed: Record<string, JsonSchema> = {},
): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [rawName, type] of Object.entries(shape)) {
    const name = rawName.endsWith('?') ? rawName.slice(0, -1) : rawName;
    properties[name] = fixed[name] ?? fieldSchema(type, options);
    if (name === rawName) required.push(name);
  }
  return { type: 'object', properties, required, additionalProperties: false };
}

const describe = (description: string, schema: JsonSchema): JsonSchema => ({
  description,
  ...schema,
});
const oneOf = (description: string, names: readonly string[]): JsonSchema => ({
  description,
  oneOf: names.map((name) => ({ $ref: `#/$defs/${name}` })),
});

function eventSchema(kind: keyof typeof EVENT_DEFINITIONS): JsonSchema {
  const definition: KindDefinition = EVENT_DEFINITIONS[kind];
  return describe(
    definition.doc,
    shapeSchema(
      { ...EVENT_HEADER, ...definition.fields },
      {},
      {
        v: { const: PROTOCOL_VERSION },
        kind: { const: kind },
      },
    ),
  );
}

const UNTRUSTED: CompileOptions = { maxTextChars: MAX_VALUE_CHARS };

/** The whole protocol: every event kind, lab wire message and run config as `$defs`. */
export function protocolJsonSchema(): JsonSchema {
  const defs: Record<string, JsonSchema> = {
    Json: {
      description: `Any JSON value: finite numbers, strings, booleans, null, arrays and objects, nested at most ${MAX_JSON_DEPTH} levels.`,
    },
    Localized: {
      description: 'Text in both UI languages.',
      type: 'object',
      properties: { en: { type: 'string' }, 'zh-CN': { type: 'string' } },
      required: ['en', 'zh-CN'],
    },
    Event: oneOf(
      'One event of the log (one JSONL line), told apart by `kind`.',
      EVENT_KINDS.map((k) => `event:${k}`),
    ),
    LabMessage: oneOf(
      'One lab → runner operation, told apart by `op`. `id` > 0 asks for a reply; 0 is a notice.',
      LAB_OPS.map((op) => `op:${op}`),
    ),
    LabFrameBody: {
      description:
        'The JSON body of a `J` frame from a lab process: one operation, an array of them in order, or a control message.',
      oneOf: [
        { $ref: '#/$defs/LabMessage' },
        { type: 'array', minItems: 1, items: { $ref: '#/$defs/LabMessage' } },
        ...Object.keys(LAB_CONTROL_DEFINITIONS).map((k) => ({ $ref: `#/$defs/control:${k}` })),
      ],
    },
    ToLab: oneOf(
      'One runner → lab message (the JSON body of a `J` frame to a lab process).',
      Object.keys(TO_LAB_DEFINITIONS).map((k) => `toLab:${k}`),
    ),
    RunConfig: describe('What a runner is asked to run, and how.', shapeSchema(RUN_CONFIG)),
  };
  for (const kind of EVENT_KINDS) defs[`event:${kind}`] = eventSchema(kind);
  for (const op of LAB_OPS) {
    const { doc, reply, fields } = LAB_OP_DEFINITIONS[op];
    defs[`op:${op}`] = describe(
      `${doc} Reply: ${reply}.`,
      shapeSchema({ ...LAB_MESSAGE_HEADER, ...fields }, UNTRUSTED, { op: { const: op } }),
    );
  }
  for (const [name, { doc, fields }] of Object.entries(LAB_CONTROL_DEFINITIONS))
    defs[`control:${name}`] = describe(doc, shapeSchema(fields, UNTRUSTED));
  for (const [name, { doc, fields }] of Object.entries(TO_LAB_DEFINITIONS))
    defs[`toLab:${name}`] = describe(doc, shapeSchema(fields));
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: `Concurrency Labs protocol v${PROTOCOL_VERSION}`,
    description:
      'The event log (`Event`, one per JSONL line) and the lab wire (`LabFrameBody` from a lab process, `ToLab` to it). docs/protocol.md tells how they are exchanged. Generated from src/protocol by `npm run schema`; do not edit.',
    $defs: defs,
  };
}

/** The schema file's text, as `npm run schema` writes it. */
export function protocolJsonSchemaText(): string {
  return `${JSON.stringify(protocolJsonSchema(), null, 2)}\n`;
}
