/**
 * Event protocol v1: the run's event log. Stamped only by the runner (one clock), stored as JSONL
 * (one event per line), sent between processes in columns (`eventColumns.ts`). Each kind's shape
 * is written once, here; its type, its check and its JSON Schema all come from it.
 */
import type { Shape } from './schema';
import type { ShapeValue } from './shapeTypes';
import { AT_SITE } from './atSite';
import { SHARED_EVENT_DEFINITIONS } from './sharedEvents';
import { POOL_EVENT_DEFINITIONS } from './poolEvents';
import { SYNC_EVENT_DEFINITIONS } from './syncEvents';

export type { Json, Localized } from './shapeTypes';

export const PROTOCOL_VERSION = 1 as const;

export const RUN_STATUSES = ['ok', 'error', 'stopped', 'timeout', 'deadlock', 'hang'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Why a process exited. */
export const EXIT_REASONS = [
  'returned',
  'error',
  'exit',
  'terminated',
  'daemon',
  'killed',
  'crashed',
] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

/**
 * Which bound a run hit (`run.limit`): recorded events, the event rate, processes, printed lines,
 * wall time, memory, a queue's hard cap, malformed messages from one process.
 */
export const RUN_LIMIT_KINDS = [
  'events',
  'rate',
  'processes',
  'log',
  'time',
  'memory',
  'queue',
  'messages',
] as const;
export type RunLimitKind = (typeof RUN_LIMIT_KINDS)[number];

/** Whether a run passed its lab's check (`run.end.verdict`). */
export const VERDICTS = ['pass', 'fail'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** What a `diag` event found. */
export const DIAG_CODES = [
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
export type DiagCode = (typeof DIAG_CODES)[number];

/**
 * How a controlled run chooses what proceeds (`run.start.schedule`); realtime runs omit it.
 * `explore`: one run of a schedule exploration (the CLI's `explore`).
 */
export const SCHEDULE_MODES = ['fifo', 'random', 'step', 'replay', 'explore'] as const;
export type ScheduleMode = (typeof SCHEDULE_MODES)[number];

/** The languages a run speaks: its processes' and objects' names, its narration (`run.start.lang`). */
export const RUN_LANGS = ['en', 'zh-CN'] as const;
export type RunLang = (typeof RUN_LANGS)[number];

/** The header every event has. */
export const EVENT_HEADER = {
  /** Protocol version (`PROTOCOL_VERSION`). */
  v: 'uint',
  /** 0, 1, 2, … strictly increasing within a run. */
  seq: 'uint',
  /** Microseconds since run start, by the runner's clock; never decreasing. */
  t: 'uint',
  /** 0 = main process, then 1, 2, … in spawn order; -1 = the runner itself. */
  proc: 'int',
  kind: 'str',
} as const satisfies Shape;

export { AT_SITE } from './atSite';

/** One event kind: what it says, and its fields beyond the header. */
export interface KindDefinition {
  readonly doc: string;
  readonly fields: Shape;
}

/** Every event kind, in code order (a kind's index here is its code in a batch in columns). */
export const EVENT_DEFINITIONS = {
  'run.start': {
    doc: 'The run began. `lab` is a built-in id or a file name; `lang` is the language the run was started in.',
    fields: {
      lab: 'str',
      title: 'localized',
      seed: 'uint',
      speed: 'num',
      'narration?': 'localized',
      /** How the run was scheduled, when not realtime (src/runner/controlledScheduler.ts). */
      'schedule?': { enum: SCHEDULE_MODES },
      /**
       * The language the run was started in. A lab names its processes and objects in it, and a
       * controlled run's decisions name them, so a replay must run in it too. Absent in logs
       * written before it was recorded: their names tell (model/scheduleSteps.ts).
       */
      'lang?': { enum: RUN_LANGS },
    },
  },
  'run.end': {
    doc: "The run ended; `outcome` is the lab's result, `summary` says it in one line (the lab's own words, e.g. \"16 queries over 3 connections; at most 3 at once\"), `narration` explains it. `verdict` says whether the run passed the lab's check (a `deadlock`, `hang`, `error` or `timeout` always fails; a stopped run has none) and `failure` why it did not.",
    fields: {
      status: { enum: RUN_STATUSES },
      'outcome?': 'json',
      'summary?': 'localized',
      'message?': 'str',
      'narration?': 'localized',
      'verdict?': { enum: VERDICTS },
      'failure?': 'localized',
    },
  },
  'run.limit': {
    doc: 'A bound was hit (events, rate, processes, time, memory, …); the user must be told.',
    fields: { what: { enum: RUN_LIMIT_KINDS }, message: 'str' },
  },
  'proc.spawn': {
    doc: 'A process was started by `parent` (-1 for the main process, started by the runner).',
    fields: { name: 'str', parent: 'int', daemon: 'bool', pid: 'int', ...AT_SITE },
  },
  'proc.exit': {
    doc: 'A process ended. `code` is its exit code (null when killed by a signal).',
    fields: { code: 'int|null', 'signal?': 'str', reason: { enum: EXIT_REASONS } },
  },
  'proc.join.wait': {
    doc: '`proc` began waiting for process `target` to exit (join).',
    fields: { target: 'uint', 'timeoutSec?': 'num', ...AT_SITE },
  },
  'proc.join.done': {
    doc: 'The join on `target` returned; `timedOut` when it gave up first.',
    fields: { target: 'uint', timedOut: 'bool', ...AT_SITE },
  },
  'proc.terminate': {
    doc: '`proc` asked for `target` to be terminated.',
    fields: { target: 'uint', ...AT_SITE },
  },
  'sleep.begin': {
    doc: 'A sleep began (seconds as the lab asked, before the speed factor).',
    fields: { sec: 'num', ...AT_SITE },
  },
  'sleep.end': { doc: 'The sleep ended.', fields: { ...AT_SITE } },
  'lock.create': {
    doc: 'A Lock was created (`recursive`: an RLock).',
    fields: { obj: 'uint', name: 'str', 'recursive?': 'bool', ...AT_SITE },
  },
  'lock.request': {
    doc: '`proc` asked for the lock.',
    fields: { obj: 'uint', block: 'bool', 'timeoutSec?': 'num', ...AT_SITE },
  },
  'lock.acquire': {
    doc: '`proc` got the lock after waiting `waitedUs`.',
    fields: { obj: 'uint', waitedUs: 'uint', ...AT_SITE },
  },
  'lock.release': { doc: '`proc` released the lock.', fields: { obj: 'uint', ...AT_SITE } },
  'lock.timeout': {
    doc: 'An acquire gave up (timeout, or non-blocking while held).',
    fields: { obj: 'uint', ...AT_SITE },
  },
  'queue.create': {
    doc: 'A Queue, JoinableQueue or (`simple`) SimpleQueue was created.',
    fields: {
      obj: 'uint',
      name: 'str',
      maxsize: 'uint',
      joinable: 'bool',
      ...AT_SITE,
      'simple?': 'bool',
    },
  },
  'queue.put.wait': {
    doc: 'A put is blocked because the queue is full.',
    fields: { obj: 'uint', ...AT_SITE },
  },
  'queue.put': {
    doc: 'An item entered the queue; `size` is the depth after the put.',
    fields: { obj: 'uint', item: 'uint', value: 'json', size: 'uint', ...AT_SITE },
  },
  'queue.full': { doc: 'A put gave up: Full was raised.', fields: { obj: 'uint', ...AT_SITE } },
  'queue.get.wait': {
    doc: 'A get is blocked because the queue is empty.',
    fields: { obj: 'uint', ...AT_SITE },
  },
  'queue.get': {
    doc: 'An item left the queue; `item` matches its put; `size` is the depth after the get.',
    fields: { obj: 'uint', item: 'uint', value: 'json', size: 'uint', ...AT_SITE },
  },
  'queue.empty': { doc: 'A get gave up: Empty was raised.', fields: { obj: 'uint', ...AT_SITE } },
  'queue.query': {
    doc: 'A qsize()/empty()/full() query and what it answered.',
    fields: {
      obj: 'uint',
      op: { enum: ['qsize', 'empty', 'full'] },
      result: 'num|bool',
      ...AT_SITE,
    },
  },
  'queue.task_done': {
    doc: 'task_done() was called; `unfinished` is the count after it.',
    fields: { obj: 'uint', unfinished: 'uint', ...AT_SITE },
  },
  'queue.join.wait': {
    doc: 'join() on a JoinableQueue is waiting for `unfinished` tasks.',
    fields: { obj: 'uint', unfinished: 'uint', ...AT_SITE },
  },
  'queue.join.done': {
    doc: 'join() on a JoinableQueue returned.',
    fields: { obj: 'uint', ...AT_SITE },
  },
  'file.create': {
    doc: "A shared JSON file was created in the run's folder.",
    fields: { obj: 'uint', name: 'str', value: 'json', ...AT_SITE },
  },
  'file.read': {
    doc: 'A process read the file: the parsed `value`, or the `error` a torn/corrupt file gave (`raw`: its text).',
    fields: { obj: 'uint', 'value?': 'json', 'error?': 'str', 'raw?': 'str', ...AT_SITE },
  },
  'file.write': {
    doc: 'A process wrote `value` to the file (truncate, then write).',
    fields: { obj: 'uint', value: 'json', ...AT_SITE },
  },
  log: { doc: 'What `print` printed.', fields: { text: 'str', ...AT_SITE } },
  error: {
    doc: 'An error: a lab that threw, a malformed message, a broken boundary.',
    fields: { message: 'str', 'stack?': 'str', 'file?': 'str', 'line?': 'uint' },
  },
  diag: {
    doc: 'A diagnosis found in the log (lost update, torn read, deadlock, hang, …).',
    fields: {
      code: { enum: DIAG_CODES },
      message: 'localized',
      procs: 'int[]',
      objs: 'int[]',
      'at?': 'uint',
    },
  },
  'sched.step': {
    doc:
      "A controlled run's scheduling decision number `step` (1, 2, …): process `chosen` went on, " +
      'out of the `runnable` ones (in process order); `ops` says in English what each runnable one ' +
      'was about to do, in the same order; `fallback` is the runnable one that had waited longest (the ' +
      "plain schedule runs it when the process that went last cannot go on). A log's steps are a " +
      'schedule that can be replayed.',
    fields: { step: 'uint', chosen: 'uint', runnable: 'int[]', ops: 'json[]', 'fallback?': 'uint' },
  },
  ...SYNC_EVENT_DEFINITIONS,
  ...SHARED_EVENT_DEFINITIONS,
  ...POOL_EVENT_DEFINITIONS,
  site: {
    doc:
      'A line of lab code that made calls: `id` (1, 2, … in the run) is what the `site` field of ' +
      'the events those calls made says; `file` (absolute path) line `line`, column `col`, from 1; ' +
      '`fn`: the function it is in, when that has a name. Recorded once per run, before the first ' +
      'event that names it.',
    fields: { id: 'uint', file: 'str', line: 'uint', col: 'uint', 'fn?': 'str' },
  },
} as const satisfies Record<string, KindDefinition>;

type Definitions = typeof EVENT_DEFINITIONS;
export type EventKind = keyof Definitions;

/** Fields carried by each event kind (beyond the common header). */
export type EventFields = { [K in EventKind]: ShapeValue<Definitions[K]['fields']> };

export const EVENT_KINDS = Object.keys(EVENT_DEFINITIONS) as readonly EventKind[];

/** Each kind's fields beyond the header. */
export const EVENT_SHAPES = Object.fromEntries(
  EVENT_KINDS.map((kind): [EventKind, Shape] => [kind, EVENT_DEFINITIONS[kind].fields]),
) as { readonly [K in EventKind]: Shape };

/** Common header of every event. */
export interface EventHeader<K extends EventKind = EventKind> {
  v: typeof PROTOCOL_VERSION;
  seq: number;
  t: number;
  proc: number;
  kind: K;
}

/** One event of a given kind. */
export type EventOf<K extends EventKind> = EventHeader<K> & EventFields[K];

/** Any event: a discriminated union on `kind`. */
export type LabEvent = { [K in EventKind]: EventOf<K> }[EventKind];

/** The process id used for events stamped by the runner on its own behalf. */
export const RUNNER_PROC = -1;
