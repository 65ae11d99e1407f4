/**
 * Messages between a lab process (src/runtime) and its runner, over its lab wire (src/wire/frames.ts),
 * the only channel between them: the setup (`prepare`, `init`; `ready` back, see labControl.ts) too.
 * Lab → runner messages are UNTRUSTED (learners write labs): the runner checks every one
 * with `checkLabMessage` before acting on it. `id` > 0 asks for a reply; `id` 0 is a notice
 * (no reply, except a `{id: 0, ok: false}` when the notice was refused). One frame is a
 * single `LabMessage` or an array of them (notices gathered in one tick, maybe ending in a request).
 */
import type { Json, Localized } from './events';
import { isJson, isRecord, type FieldType, type Shape } from './schema';

/** Lab → runner: the fields each operation carries besides `id` and `op`. */
export interface LabOps {
  /** Sleep `sec` lab seconds (scaled by the run's speed). Reply: null. */
  sleep: { sec: number };
  /** A new Lock known to this process as `ref`. Notice. */
  'lock.create': { ref: string; name?: string };
  /** Reply: true when acquired, false on timeout / non-blocking miss. */
  'lock.acquire': { ref: string; block: boolean; timeoutSec?: number };
  /** Reply: null, or a ValueError when the lock is not held. May be a notice. */
  'lock.release': { ref: string };
  /** A new Queue / JoinableQueue. Notice. */
  'queue.create': { ref: string; maxsize: number; joinable: boolean; name?: string };
  /** Reply: null, or Full. A notice when the queue is unbounded. */
  'queue.put': { ref: string; value: Json; block: boolean; timeoutSec?: number };
  /** Reply: the item's value, or Empty. */
  'queue.get': { ref: string; block: boolean; timeoutSec?: number };
  /** Reply: a number (qsize) or a boolean (empty, full). */
  'queue.query': { ref: string; what: 'qsize' | 'empty' | 'full' };
  /** Reply: null, or a ValueError when called more times than items were put. */
  'queue.taskDone': { ref: string };
  /** Reply: null once every item put has been marked done. */
  'queue.join': { ref: string };
  /** The holder of lease `gen` took its next `n` leased items, in order. Notice. */
  'queue.took': { ref: string; gen: number; n: number };
  /** A shared JSON file `name` in the run's folder, created with `value` if new. Notice. */
  'file.create': { ref: string; name: string; value: Json };
  /** Permission to read; reply: the file's path. The lab then reads and sends `file.didRead`. */
  'file.read': { ref: string };
  /** Permission to write; reply: the file's path. The lab then writes and sends `file.didWrite`. */
  'file.write': { ref: string };
  /** What a granted read found. Notice. */
  'file.didRead': { ref: string; value?: Json; error?: string; raw?: string };
  /** What a granted write wrote. Notice. */
  'file.didWrite': { ref: string; value: Json };
  /** Start a child running the lab module's export `target`. Reply: { proc, pid }. */
  'proc.start': { target: string; args: Json; name: string; daemon: boolean; identity: number[] };
  /** Wait for child `target` (a proc index) to exit. Reply: { exitCode: number | null }. */
  'proc.join': { target: number; timeoutSec?: number };
  /** Terminate child `target` (SIGTERM). Reply: null. */
  'proc.terminate': { target: number };
  /** The lab code of this process is over (`code` 0 or 1); reply once its children allow it to exit. */
  'proc.finish': { code: number };
  /** What print() printed. Notice. */
  log: { text: string };
  /** Lab code threw (or failed to load). Notice. */
  error: { message: string; stack?: string; file?: string; line?: number };
  /** Main process only: the loaded lab module's meta (`processes`: how many it will start). Notice. */
  hello: { lab: string; title: Localized; processes?: number };
}

export type LabOp = keyof LabOps;
export type LabMessage = { [K in LabOp]: { id: number; op: K } & LabOps[K] }[LabOp];
export type LabMessageOf<K extends LabOp> = { id: number; op: K } & LabOps[K];

/** Runner → lab: how this process was started. */
export interface LabInit {
  /** Process index: 0 = main, 1.. in spawn order. */
  proc: number;
  name: string;
  daemon: boolean;
  /** Python's `_identity`: main is [], its 2nd child [2], that child's 1st child [2, 1]. */
  identity: number[];
  /** Built-in lab id or absolute path of a lab file. */
  lab: string;
  /** Children: the export to call, and its encoded arguments. */
  target?: string;
  args?: Json[];
  seed: number;
  speed: number;
  lang: 'en' | 'zh-CN';
  /** The run's temp folder (shared files live here). */
  dir: string;
}

export interface WireError {
  name: string;
  message: string;
}

/** Runner → lab. */
export type ToLab =
  /** Sent right after fork: load the lab now, so the process is ready when it is given a role. */
  | { prepare: { lab: string } }
  /** Sent once: who this process is and what to run. A prepared spare may wait a while for it. */
  | { init: LabInit }
  /** The answer to request `id`. */
  | { id: number; ok: true; value: Json }
  | { id: number; ok: false; err: WireError }
  /** A child of this process exited (`code` is -signal when killed, as in Python). */
  | { exited: number; code: number }
  /** Another process released the lock `ref` this process held (as `multiprocessing.Lock` allows). */
  | { lockLost: string };

/**
 * Runner → lab, queue leases (see src/runner/queueLease.ts): `lease` hands the next front items of
 * queue `ref` to their sole getter ahead of its get() calls (a new `gen` starts a new lease). The
 * holder claims each item in the claims file (src/protocol/leaseClaims.ts) before taking it, which
 * is also how it learns that the runner revoked the lease.
 */
export type LeaseToLab =
  /** `skip`: that many of the holder's next leased items were given to its get request. */
  { lease: { ref: string; gen: number; values: Json[]; skip?: number } };

export function isLeaseToLab(x: unknown): x is LeaseToLab {
  if (!isRecord(x) || !isRecord(x.lease)) return false;
  const l = x.lease;
  return typeof l.ref === 'string' && Number.isSafeInteger(l.gen) && Array.isArray(l.values);
}

/** Largest JSON text of a value a lab may put in a queue, pass as args or write to a file. */
export const MAX_VALUE_CHARS = 1_000_000;

const REF: FieldType = 'str';
const SHAPES: { [K in LabOp]: Shape } = {
  sleep: { sec: 'num' },
  'lock.create': { ref: REF, 'name?': 'str' },
  'lock.acquire': { ref: REF, block: 'bool', 'timeoutSec?': 'num' },
  'lock.release': { ref: REF },
  'queue.create': { ref: REF, maxsize: 'uint', joinable: 'bool', 'name?': 'str' },
  'queue.put': { ref: REF, value: 'json', block: 'bool', 'timeoutSec?': 'num' },
  'queue.get': { ref: REF, block: 'bool', 'timeoutSec?': 'num' },
  'queue.query': { ref: REF, what: { enum: ['qsize', 'empty', 'full'] } },
  'queue.taskDone': { ref: REF },
  'queue.join': { ref: REF },
  'queue.took': { ref: REF, gen: 'uint', n: 'uint' },
  'file.create': { ref: REF, name: 'str', value: 'json' },
  'file.read': { ref: REF },
  'file.write': { ref: REF },
  'file.didRead': { ref: REF, 'value?': 'json', 'error?': 'str', 'raw?': 'str' },
  'file.didWrite': { ref: REF, value: 'json' },
  'proc.start': { target: 'str', args: 'json', name: 'str', daemon: 'bool', identity: 'int[]' },
  'proc.join': { target: 'uint', 'timeoutSec?': 'num' },
  'proc.terminate': { target: 'uint' },
  'proc.finish': { code: 'int' },
  log: { text: 'str' },
  error: { message: 'str', 'stack?': 'str', 'file?': 'str', 'line?': 'uint' },
  hello: { lab: 'str', title: 'localized', 'processes?': 'uint' },
};

type Test = (v: unknown) => boolean;

function typeTest(t: FieldType): Test {
  if (typeof t === 'object') return (v) => typeof v === 'string' && t.enum.includes(v);
  switch (t) {
    case 'int':
      return (v) => Number.isSafeInteger(v);
    case 'uint':
      return (v) => Number.isSafeInteger(v) && (v as number) >= 0;
    case 'num':
      return (v) => typeof v === 'number' && Number.isFinite(v);
    case 'str':
      return (v) => typeof v === 'string' && v.length <= MAX_VALUE_CHARS;
    case 'bool':
      return (v) => typeof v === 'boolean';
    case 'json':
      return (v) => isJson(v);
    case 'localized':
      return (v) => isRecord(v) && typeof v.en === 'string' && typeof v['zh-CN'] === 'string';
    case 'int[]':
      return (v) => Array.isArray(v) && v.every((n) => Number.isSafeInteger(n));
    case 'int|null':
      return (v) => v === null || Number.isSafeInteger(v);
    case 'any':
      return () => true;
  }
}

interface Field {
  name: string;
  optional: boolean;
  test: Test;
  type: string;
}

/** Compiled once: the hot path checks fields without allocating. */
function compile(shape: Shape): { fields: Field[]; known: Set<string> } {
  const fields = Object.entries(shape).map(([raw, t]) => ({
    name: raw.replace(/\?$/, ''),
    optional: raw.endsWith('?'),
    test: typeTest(t),
    type: typeof t === 'object' ? t.enum.join('|') : t,
  }));
  return { fields, known: new Set(['id', 'op', ...fields.map((f) => f.name)]) };
}

const COMPILED = new Map(Object.entries(SHAPES).map(([op, s]) => [op, compile(s)]));

/** Checks one lab → runner message. Returns null when valid, else the reason. */
export function checkLabMessage(x: unknown): string | null {
  if (!isRecord(x)) return 'a message must be an object';
  const id = x.id;
  if (!Number.isSafeInteger(id) || (id as number) < 0) return 'field "id" must be an integer ≥ 0';
  const c = typeof x.op === 'string' ? COMPILED.get(x.op) : undefined;
  if (!c) return `unknown operation ${JSON.stringify(x.op)?.slice(0, 40)}`;
  for (const f of c.fields) {
    const v = x[f.name];
    if (v === undefined) {
      if (!f.optional) return `${x.op}: missing field "${f.name}"`;
    } else if (!f.test(v)) return `${x.op}: field "${f.name}" is not ${f.type}`;
  }
  for (const k in x) if (!c.known.has(k)) return `${x.op}: unknown field "${k.slice(0, 40)}"`;
  return null;
}

/** Checks a runner → lab message (the lab side trusts its runner, but not blindly). */
export function isToLab(x: unknown): x is ToLab {
  if (!isRecord(x)) return false;
  if (isRecord(x.init) || isRecord(x.prepare)) return true;
  if (typeof x.exited === 'number') return typeof x.code === 'number';
  if (typeof x.lockLost === 'string') return true;
  return typeof x.id === 'number' && typeof x.ok === 'boolean';
}
