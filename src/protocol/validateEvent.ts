/** The check of one event and of a whole log, compiled once from `EVENT_DEFINITIONS`. */
import {
  EVENT_HEADER,
  EVENT_KINDS,
  EVENT_SHAPES,
  PROTOCOL_VERSION,
  type EventKind,
  type LabEvent,
} from './events';
import {
  compileShape,
  fieldsError,
  isRecord,
  OK,
  typeName,
  type Check,
  type CompiledShape,
} from './schema';

export { EVENT_SHAPES } from './events';

const HEADER = compileShape(EVENT_HEADER);
/** Each kind's field checks. */
const BY_KIND = new Map<string, CompiledShape>(
  EVENT_KINDS.map((kind: EventKind) => [kind, compileShape(EVENT_SHAPES[kind])]),
);

/**
 * The problem with one event, or null when it is valid protocol v1. Allocates nothing for a
 * valid event; the wording is the same at every boundary (runner, host, webview, files).
 */
export function eventError(x: unknown): string | null {
  if (!isRecord(x)) return 'an event must be an object';
  if (x.v !== PROTOCOL_VERSION) return `unsupported protocol version ${JSON.stringify(x.v)}`;
  const shape = typeof x.kind === 'string' ? BY_KIND.get(x.kind) : undefined;
  if (!shape) return `unknown event kind ${JSON.stringify(x.kind)}`;
  const headerError = fieldsError(x, HEADER.fields);
  if (headerError) return headerError;
  let expected = HEADER.fields.length;
  const fields = shape.fields;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    const v = x[field.name];
    if (v === undefined) {
      if (field.optional) continue;
      return `${x.kind}: missing field "${field.name}"`;
    }
    if (!field.test(v)) return `${x.kind}: field "${field.name}" is not ${typeName(field.type)}`;
    expected++;
  }
  let keys = 0;
  for (const _ in x) keys++;
  // The common case: exactly the known fields. Otherwise look for the unknown one (a field
  // explicitly set to undefined, or an enumerable inherited key, also lands here and passes).
  if (keys === expected) return null;
  for (const key in x) {
    if (
      Object.prototype.hasOwnProperty.call(x, key) &&
      !HEADER.known.has(key) &&
      !shape.known.has(key)
    )
      return `${x.kind}: unknown field "${key}"`;
  }
  return null;
}

/** Checks one event against protocol v1. */
export function checkEvent(x: unknown): Check {
  const error = eventError(x);
  return error === null ? OK : { ok: false, error };
}

export function isLabEvent(x: unknown): x is LabEvent {
  return checkEvent(x).ok;
}

/**
 * Checks a whole log: each event valid, `seq` 0,1,2,… and `t` never decreasing.
 * Returns the index of the first bad event with the reason.
 */
export function checkLog(
  events: readonly unknown[],
): { ok: true } | { ok: false; index: number; error: string } {
  let lastT = 0;
  for (let i = 0; i < events.length; i++) {
    const error = eventError(events[i]);
    if (error !== null) return { ok: false, index: i, error };
    const e = events[i] as LabEvent;
    if (e.seq !== i) return { ok: false, index: i, error: `seq ${e.seq} where ${i} was expected` };
    if (e.t < lastT)
      return { ok: false, index: i, error: `time went backwards (${e.t} < ${lastT})` };
    lastT = e.t;
  }
  return { ok: true };
}
