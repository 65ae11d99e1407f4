import {
  EVENT_KINDS,
  EXIT_REASONS,
  PROTOCOL_VERSION,
  RUN_STATUSES,
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
  type Shape,
} from './schema';

const HEADER: Shape = { v: 'uint', seq: 'uint', t: 'uint', proc: 'int', kind: 'str' };

const DIAG_CODES = [
  'lost-update',
  'torn-read',
  'deadlock',
  'hang',
  'oversold',
  'lock-contention',
  'unfinished-tasks',
  'malformed-message',
  'limit',
] as const;

/** The runtime shape of each event kind's fields; mirrors `EventFields`. */
export const EVENT_SHAPES: { [K in EventKind]: Shape } = {
  'run.start': {
    lab: 'str',
    title: 'localized',
    seed: 'uint',
    speed: 'num',
    'narration?': 'localized',
  },
  'run.end': {
    status: { enum: RUN_STATUSES },
    'outcome?': 'json',
    'message?': 'str',
    'narration?': 'localized',
  },
  'run.limit': {
    what: { enum: ['events', 'rate', 'processes', 'log', 'time', 'memory', 'queue', 'messages'] },
    message: 'str',
  },
  'proc.spawn': { name: 'str', parent: 'int', daemon: 'bool', pid: 'int' },
  'proc.exit': { code: 'int|null', 'signal?': 'str', reason: { enum: EXIT_REASONS } },
  'proc.join.wait': { target: 'uint', 'timeoutSec?': 'num' },
  'proc.join.done': { target: 'uint', timedOut: 'bool' },
  'proc.terminate': { target: 'uint' },
  'sleep.begin': { sec: 'num' },
  'sleep.end': {},
  'lock.create': { obj: 'uint', name: 'str' },
  'lock.request': { obj: 'uint', block: 'bool', 'timeoutSec?': 'num' },
  'lock.acquire': { obj: 'uint', waitedUs: 'uint' },
  'lock.release': { obj: 'uint' },
  'lock.timeout': { obj: 'uint' },
  'queue.create': { obj: 'uint', name: 'str', maxsize: 'uint', joinable: 'bool' },
  'queue.put.wait': { obj: 'uint' },
  'queue.put': { obj: 'uint', item: 'uint', value: 'json', size: 'uint' },
  'queue.full': { obj: 'uint' },
  'queue.get.wait': { obj: 'uint' },
  'queue.get': { obj: 'uint', item: 'uint', value: 'json', size: 'uint' },
  'queue.empty': { obj: 'uint' },
  'queue.query': { obj: 'uint', op: { enum: ['qsize', 'empty', 'full'] }, result: 'any' },
  'queue.task_done': { obj: 'uint', unfinished: 'uint' },
  'queue.join.wait': { obj: 'uint', unfinished: 'uint' },
  'queue.join.done': { obj: 'uint' },
  'file.create': { obj: 'uint', name: 'str', value: 'json' },
  'file.read': { obj: 'uint', 'value?': 'json', 'error?': 'str', 'raw?': 'str' },
  'file.write': { obj: 'uint', value: 'json' },
  log: { text: 'str' },
  error: { message: 'str', 'stack?': 'str', 'file?': 'str', 'line?': 'uint' },
  diag: {
    code: { enum: DIAG_CODES },
    message: 'localized',
    procs: 'int[]',
    objs: 'int[]',
    'at?': 'uint',
  },
};

const HEADER_FIELDS = compileShape(HEADER).fields;
const HEADER_KEYS = new Set(HEADER_FIELDS.map((f) => f.name));
/** Each kind's field checks, compiled once from EVENT_SHAPES. */
const BY_KIND = new Map<string, CompiledShape>(
  EVENT_KINDS.map((k) => [k, compileShape(EVENT_SHAPES[k])]),
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
  const head = fieldsError(x, HEADER_FIELDS);
  if (head) return head;
  let expected = HEADER_FIELDS.length;
  const fields = shape.fields;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    const v = x[f.name];
    if (v === undefined) {
      if (f.optional) continue;
      return `${x.kind}: missing field "${f.name}"`;
    }
    if (!f.test(v)) return `${x.kind}: field "${f.name}" is not ${typeName(f.type)}`;
    expected++;
  }
  let keys = 0;
  for (const _ in x) keys++;
  // The common case: exactly the known fields. Otherwise look for the unknown one (a field
  // explicitly set to undefined, or an enumerable inherited key, also lands here and passes).
  if (keys === expected) return null;
  for (const k in x) {
    if (Object.prototype.hasOwnProperty.call(x, k) && !HEADER_KEYS.has(k) && !shape.known.has(k))
      return `${x.kind}: unknown field "${k}"`;
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
