import { EVENT_KINDS, EXIT_REASONS, PROTOCOL_VERSION, RUN_STATUSES, type EventKind, type LabEvent } from './events';
import { checkShape, isRecord, type Check, type Shape } from './schema';

const HEADER: Shape = { v: 'uint', seq: 'uint', t: 'uint', proc: 'int', kind: 'str' };

const DIAG_CODES = ['lost-update', 'torn-read', 'deadlock', 'hang', 'oversold', 'lock-contention', 'unfinished-tasks', 'malformed-message', 'limit'] as const;

/** The runtime shape of each event kind's fields; mirrors `EventFields`. */
export const EVENT_SHAPES: { [K in EventKind]: Shape } = {
  'run.start': { lab: 'str', title: 'localized', seed: 'uint', speed: 'num', 'narration?': 'localized' },
  'run.end': { status: { enum: RUN_STATUSES }, 'outcome?': 'json', 'message?': 'str', 'narration?': 'localized' },
  'run.limit': { what: { enum: ['events', 'rate', 'processes', 'log'] }, message: 'str' },
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
  'log': { text: 'str' },
  'error': { message: 'str', 'stack?': 'str', 'file?': 'str', 'line?': 'uint' },
  'diag': { code: { enum: DIAG_CODES }, message: 'localized', procs: 'int[]', objs: 'int[]', 'at?': 'uint' },
};

const KINDS = new Set<string>(EVENT_KINDS);
const HEADER_KEYS = Object.keys(HEADER);

/** Checks one event against protocol v1. */
export function checkEvent(x: unknown): Check {
  if (!isRecord(x)) return { ok: false, error: 'an event must be an object' };
  if (x.v !== PROTOCOL_VERSION) return { ok: false, error: `unsupported protocol version ${JSON.stringify(x.v)}` };
  if (typeof x.kind !== 'string' || !KINDS.has(x.kind)) return { ok: false, error: `unknown event kind ${JSON.stringify(x.kind)}` };
  const head: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) (HEADER_KEYS.includes(k) ? head : rest)[k] = v;
  const h = checkShape(head, HEADER);
  if (!h.ok) return h;
  const r = checkShape(rest, EVENT_SHAPES[x.kind as EventKind]);
  return r.ok ? r : { ok: false, error: `${x.kind}: ${r.error}` };
}

export function isLabEvent(x: unknown): x is LabEvent {
  return checkEvent(x).ok;
}

/**
 * Checks a whole log: each event valid, `seq` 0,1,2,… and `t` never decreasing.
 * Returns the index of the first bad event with the reason.
 */
export function checkLog(events: readonly unknown[]): { ok: true } | { ok: false; index: number; error: string } {
  let lastT = 0;
  for (let i = 0; i < events.length; i++) {
    const c = checkEvent(events[i]);
    if (!c.ok) return { ok: false, index: i, error: c.error };
    const e = events[i] as LabEvent;
    if (e.seq !== i) return { ok: false, index: i, error: `seq ${e.seq} where ${i} was expected` };
    if (e.t < lastT) return { ok: false, index: i, error: `time went backwards (${e.t} < ${lastT})` };
    lastT = e.t;
  }
  return { ok: true };
}
