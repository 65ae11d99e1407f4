/**
 * Messages between a lab process (src/runtime) and its runner, over its lab wire (the frames of
 * `src/wire/frames.ts`), the only channel between them: the setup (`prepare`, `init`; `ready`
 * back, see labControl.ts) too. Their shapes are written once, in `labOps.ts`; this file derives
 * their types and checks. Lab → runner messages are UNTRUSTED (learners write labs): the runner
 * checks every one with `checkLabMessage` before acting on it. `id` > 0 asks for a reply; `id` 0
 * is a notice (no reply, except a `{id: 0, ok: false}` when the notice was refused). One frame is
 * a single `LabMessage` or an array of them (notices gathered in one tick, maybe ending in a request).
 */
import {
  LAB_INIT,
  LAB_MESSAGE_HEADER,
  LAB_OP_DEFINITIONS,
  MAX_VALUE_CHARS,
  TO_LAB_DEFINITIONS,
  WIRE_ERROR,
} from './labOps';
import { compileShape, isRecord, shapeError, typeName, type CompiledShape } from './schema';
import type { ShapeValue } from './shapeTypes';

export { MAX_VALUE_CHARS } from './labOps';

type OpDefinitions = typeof LAB_OP_DEFINITIONS;
/** Lab → runner: the fields each operation carries besides `id` and `op`. */
export type LabOps = { [K in keyof OpDefinitions]: ShapeValue<OpDefinitions[K]['fields']> };
export type LabOp = keyof LabOps;
/** `site`: the call site of lab code that made the call (see `LAB_MESSAGE_HEADER`). */
export type LabMessageOf<K extends LabOp> = { id: number; op: K; site?: number } & LabOps[K];
export type LabMessage = { [K in LabOp]: LabMessageOf<K> }[LabOp];

/** Every operation, in the order `LAB_OP_DEFINITIONS` lists them. */
export const LAB_OPS = Object.keys(LAB_OP_DEFINITIONS) as readonly LabOp[];

/** Runner → lab: how this process was started. */
export type LabInit = ShapeValue<typeof LAB_INIT>;
export type WireError = ShapeValue<typeof WIRE_ERROR>;

type ToLabDefinitions = typeof TO_LAB_DEFINITIONS;
type ToLabValue<K extends keyof ToLabDefinitions> = ShapeValue<ToLabDefinitions[K]['fields']>;
/** Runner → lab (queue leases apart: `LeaseToLab`). */
export type ToLab = ToLabValue<
  | 'prepare'
  | 'init'
  | 'resolve'
  | 'reject'
  | 'exited'
  | 'lockLost'
  | 'poolWorker'
  | 'poolStart'
  | 'poolDone'
>;
/**
 * Runner → lab, queue leases (see src/runner/queueLease.ts): `lease` hands the next front items of
 * queue `ref` to their sole getter ahead of its get() calls. The holder claims each item in the
 * claims file (src/protocol/leaseClaims.ts) before taking it, which is also how it learns that the
 * runner revoked the lease.
 */
export type LeaseToLab = ToLabValue<'lease'>;

// Untrusted text is bounded: no string of a lab message may exceed the largest value's text.
const OPS = new Map<string, CompiledShape>(
  LAB_OPS.map((op) => [
    op,
    compileShape(
      { ...LAB_MESSAGE_HEADER, ...LAB_OP_DEFINITIONS[op].fields },
      { maxTextChars: MAX_VALUE_CHARS },
    ),
  ]),
);

/** Checks one lab → runner message. Returns null when valid, else the reason. */
export function checkLabMessage(x: unknown): string | null {
  if (!isRecord(x)) return 'a message must be an object';
  const id = x.id;
  if (!Number.isSafeInteger(id) || (id as number) < 0) return 'field "id" must be an integer ≥ 0';
  const shape = typeof x.op === 'string' ? OPS.get(x.op) : undefined;
  if (!shape) return `unknown operation ${JSON.stringify(x.op)?.slice(0, 40)}`;
  for (const field of shape.fields) {
    const v = x[field.name];
    if (v === undefined) {
      if (!field.optional) return `${x.op}: missing field "${field.name}"`;
    } else if (!field.test(v))
      return `${x.op}: field "${field.name}" is not ${typeName(field.type)}`;
  }
  for (const key in x)
    if (!shape.known.has(key)) return `${x.op}: unknown field "${key.slice(0, 40)}"`;
  return null;
}

// The lab side trusts its runner, but not blindly: each message is one of the shapes, told apart
// by its keys. A value a runner sends came out of JSON, so it is not walked again.
const TO_LAB = {
  prepare: compileShape(TO_LAB_DEFINITIONS.prepare.fields),
  init: compileShape(TO_LAB_DEFINITIONS.init.fields),
  resolve: compileShape({ ...TO_LAB_DEFINITIONS.resolve.fields, value: 'any' }),
  reject: compileShape(TO_LAB_DEFINITIONS.reject.fields),
  exited: compileShape(TO_LAB_DEFINITIONS.exited.fields),
  lease: compileShape({
    lease: { object: { ...TO_LAB_DEFINITIONS.lease.fields.lease.object, values: 'any' } },
  }),
  lockLost: compileShape(TO_LAB_DEFINITIONS.lockLost.fields),
  poolWorker: compileShape(TO_LAB_DEFINITIONS.poolWorker.fields),
  poolStart: compileShape(TO_LAB_DEFINITIONS.poolStart.fields),
  poolDone: compileShape({
    poolDone: {
      object: { ...TO_LAB_DEFINITIONS.poolDone.fields.poolDone.object, 'value?': 'any' },
    },
  }),
};

/** Checks a runner → lab message other than a lease. */
export function isToLab(x: unknown): x is ToLab {
  if (!isRecord(x)) return false;
  const shape =
    x.ok === true
      ? TO_LAB.resolve
      : x.ok === false
        ? TO_LAB.reject
        : 'exited' in x
          ? TO_LAB.exited
          : 'lockLost' in x
            ? TO_LAB.lockLost
            : 'poolDone' in x
              ? TO_LAB.poolDone
              : 'poolWorker' in x
                ? TO_LAB.poolWorker
                : 'poolStart' in x
                  ? TO_LAB.poolStart
                  : 'init' in x
                    ? TO_LAB.init
                    : TO_LAB.prepare;
  return shapeError(x, shape) === null;
}

/** Checks a runner → lab lease message. */
export function isLeaseToLab(x: unknown): x is LeaseToLab {
  return (
    isRecord(x) &&
    shapeError(x, TO_LAB.lease) === null &&
    Array.isArray((x.lease as { values: unknown }).values)
  );
}
