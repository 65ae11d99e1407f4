/** The kind codes and fields the timeline model reads, looked up once from the protocol. */
import { KIND_CODES, numberField, type NumberField } from '../protocol/eventColumns';
import { EVENT_KINDS, EVENT_SHAPES, type EventKind } from '../protocol/events';
import { ESSENTIAL_KINDS } from '../protocol/eventRoles';

/** Bounds that keep memory flat while a long run streams. */
export const DEFAULT_MAX_EVENTS = 3_000_000;
export const MAX_LOGS = 5000;
const code = (k: EventKind) => KIND_CODES.get(k)!;
/** Kinds kept even past the bound (by code): the banner, lanes and findings stay right. */
export const ESSENTIAL_BY_CODE = new Uint8Array(EVENT_KINDS.length);
for (const k of ESSENTIAL_KINDS) ESSENTIAL_BY_CODE[code(k)] = 1;
/** The codes of the kinds the model takes in numbers. */
export const KIND_CODE = {
  spawn: code('proc.spawn'),
  joinWait: code('proc.join.wait'),
  joinDone: code('proc.join.done'),
  sleepBegin: code('sleep.begin'),
  sleepEnd: code('sleep.end'),
  request: code('lock.request'),
  acquire: code('lock.acquire'),
  release: code('lock.release'),
  timeout: code('lock.timeout'),
  putWait: code('queue.put.wait'),
  put: code('queue.put'),
  full: code('queue.full'),
  getWait: code('queue.get.wait'),
  get: code('queue.get'),
  empty: code('queue.empty'),
  taskDone: code('queue.task_done'),
  queueJoinWait: code('queue.join.wait'),
  queueJoinDone: code('queue.join.done'),
};
const SYNC_KINDS = EVENT_KINDS.filter((k) => /^(sem|event|cond|barrier|pool|value|pipe)\./.test(k));
/**
 * The kinds the model takes as objects from columns (rare ones, with text); the others it reads
 * as numbers: the lock, queue or joined process they are about, and a put's or get's item, value
 * and size, or task_done's unfinished count.
 */
export const MODEL_OBJECT_KINDS: ReadonlySet<EventKind> = new Set<EventKind>([
  'run.start',
  'run.end',
  'run.limit',
  'proc.spawn',
  'proc.exit',
  'lock.create',
  'queue.create',
  'file.create',
  'file.read',
  'file.write',
  'log',
  'error',
  'diag',
  'site',
  'sched.step',
  // An RLock's re-entries: rare, and read with its depth (timelineSyncs.ts).
  'lock.depth',
  // Semaphores, events, conditions, barriers, pools, values and pipes: objects (timelineSyncs.ts,
  // timelinePool.ts, timelineShared.ts).
  ...SYNC_KINDS,
]);
/** By kind code: the field naming what an event taken in numbers is about (null: nothing). */
export const SUBJECT_FIELD: (NumberField | null)[] = EVENT_KINDS.map((k) =>
  MODEL_OBJECT_KINDS.has(k)
    ? null
    : k.startsWith('lock.') || k.startsWith('queue.')
      ? numberField(k, 'obj')
      : k.startsWith('proc.join.')
        ? numberField(k, 'target')
        : null,
);
/** By kind code: the `site` field (the call site), for the kinds that have one. */
export const SITE_FIELD: (NumberField | null)[] = EVENT_KINDS.map((k) =>
  MODEL_OBJECT_KINDS.has(k) || !('site' in EVENT_SHAPES[k] || 'site?' in EVENT_SHAPES[k])
    ? null
    : numberField(k, 'site'),
);
export const PUT_ITEM = numberField('queue.put', 'item'),
  PUT_VALUE = numberField('queue.put', 'value'),
  PUT_SIZE = numberField('queue.put', 'size'),
  GET_ITEM = numberField('queue.get', 'item'),
  GET_SIZE = numberField('queue.get', 'size'),
  UNFINISHED = numberField('queue.task_done', 'unfinished');
