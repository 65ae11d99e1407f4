/**
 * Event protocol v1: the run's event log. Stamped only by the runner (one clock).
 * Stored as JSONL (one event per line). No vscode or DOM imports here.
 */

export const PROTOCOL_VERSION = 1 as const;

/** A JSON value. Previews of lab values are bounded (see `preview.ts`). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Text in both UI languages. */
export interface Localized {
  en: string;
  'zh-CN': string;
}

/**
 * Which bound a run hit (`run.limit`): recorded events, the event rate, processes, printed lines,
 * wall time, memory, a queue's hard cap, malformed messages from one process.
 */
export type RunLimitKind =
  'events' | 'rate' | 'processes' | 'log' | 'time' | 'memory' | 'queue' | 'messages';

export type RunStatus = 'ok' | 'error' | 'stopped' | 'timeout' | 'deadlock' | 'hang';
export const RUN_STATUSES: readonly RunStatus[] = [
  'ok',
  'error',
  'stopped',
  'timeout',
  'deadlock',
  'hang',
];

/** Why a process exited. */
export type ExitReason =
  'returned' | 'error' | 'exit' | 'terminated' | 'daemon' | 'killed' | 'crashed';
export const EXIT_REASONS: readonly ExitReason[] = [
  'returned',
  'error',
  'exit',
  'terminated',
  'daemon',
  'killed',
  'crashed',
];

/** Fields carried by each event kind (beyond the common header). */
export interface EventFields {
  /** The run began. `lab` is a built-in id or a file name. */
  'run.start': {
    lab: string;
    title: Localized;
    seed: number;
    speed: number;
    narration?: Localized;
  };
  /** The run ended; `outcome` is the lab's result, `narration` explains it. */
  'run.end': { status: RunStatus; outcome?: Json; message?: string; narration?: Localized };
  /** A bound was hit (event rate, event count, preview size, process count); the user must be told. */
  'run.limit': { what: RunLimitKind; message: string };
  /** A process was started by `parent` (-1 for the main process, started by the runner). */
  'proc.spawn': { name: string; parent: number; daemon: boolean; pid: number };
  /** A process ended. `code` is its exit code (null when killed by a signal). */
  'proc.exit': { code: number | null; signal?: string; reason: ExitReason };
  /** `proc` began waiting for process `target` to exit (join). */
  'proc.join.wait': { target: number; timeoutSec?: number };
  /** The join on `target` returned; `timedOut` when it gave up first. */
  'proc.join.done': { target: number; timedOut: boolean };
  /** `proc` asked for `target` to be terminated. */
  'proc.terminate': { target: number };
  /** A sleep began (seconds as the lab asked, before the speed factor). */
  'sleep.begin': { sec: number };
  /** The sleep ended. */
  'sleep.end': Record<string, never>;
  /** A Lock was created. */
  'lock.create': { obj: number; name: string };
  /** `proc` asked for the lock. */
  'lock.request': { obj: number; block: boolean; timeoutSec?: number };
  /** `proc` got the lock after waiting `waitedUs`. */
  'lock.acquire': { obj: number; waitedUs: number };
  /** `proc` released the lock. */
  'lock.release': { obj: number };
  /** An acquire gave up (timeout, or non-blocking while held). */
  'lock.timeout': { obj: number };
  /** A Queue or JoinableQueue was created. */
  'queue.create': { obj: number; name: string; maxsize: number; joinable: boolean };
  /** A put is blocked because the queue is full. */
  'queue.put.wait': { obj: number };
  /** An item entered the queue; `size` is the depth after the put. */
  'queue.put': { obj: number; item: number; value: Json; size: number };
  /** A put gave up: Full was raised. */
  'queue.full': { obj: number };
  /** A get is blocked because the queue is empty. */
  'queue.get.wait': { obj: number };
  /** An item left the queue; `item` matches its put; `size` is the depth after the get. */
  'queue.get': { obj: number; item: number; value: Json; size: number };
  /** A get gave up: Empty was raised. */
  'queue.empty': { obj: number };
  /** A qsize()/empty()/full() query and what it answered. */
  'queue.query': { obj: number; op: 'qsize' | 'empty' | 'full'; result: number | boolean };
  /** task_done() was called; `unfinished` is the count after it. */
  'queue.task_done': { obj: number; unfinished: number };
  /** join() on a JoinableQueue is waiting for `unfinished` tasks. */
  'queue.join.wait': { obj: number; unfinished: number };
  /** join() on a JoinableQueue returned. */
  'queue.join.done': { obj: number };
  /** A shared JSON file was created in the run's folder. */
  'file.create': { obj: number; name: string; value: Json };
  /** A process read the file: the parsed `value`, or the `error` a torn/corrupt file gave. */
  'file.read': { obj: number; value?: Json; error?: string; raw?: string };
  /** A process wrote `value` to the file (truncate, then write). */
  'file.write': { obj: number; value: Json };
  /** What `print` printed. */
  log: { text: string };
  /** An error: a lab that threw, a malformed message, a broken boundary. */
  error: { message: string; stack?: string; file?: string; line?: number };
  /** A diagnosis found in the log (lost update, torn read, deadlock, hang, …). */
  diag: { code: DiagCode; message: Localized; procs: number[]; objs: number[]; at?: number };
}

export type DiagCode =
  | 'lost-update'
  | 'torn-read'
  | 'deadlock'
  | 'hang'
  | 'oversold'
  | 'lock-contention'
  | 'unfinished-tasks'
  | 'malformed-message'
  | 'limit';

export type EventKind = keyof EventFields;

/** Common header of every event. */
export interface EventHeader<K extends EventKind = EventKind> {
  /** Protocol version. */
  v: typeof PROTOCOL_VERSION;
  /** 0, 1, 2, … strictly increasing within a run. */
  seq: number;
  /** Microseconds since run start, by the runner's clock; never decreasing. */
  t: number;
  /** 0 = main process, then 1, 2, … in spawn order; -1 = the runner itself. */
  proc: number;
  kind: K;
}

/** One event of a given kind. */
export type EventOf<K extends EventKind> = EventHeader<K> & EventFields[K];

/** Any event: a discriminated union on `kind`. */
export type LabEvent = { [K in EventKind]: EventOf<K> }[EventKind];

export const EVENT_KINDS: readonly EventKind[] = [
  'run.start',
  'run.end',
  'run.limit',
  'proc.spawn',
  'proc.exit',
  'proc.join.wait',
  'proc.join.done',
  'proc.terminate',
  'sleep.begin',
  'sleep.end',
  'lock.create',
  'lock.request',
  'lock.acquire',
  'lock.release',
  'lock.timeout',
  'queue.create',
  'queue.put.wait',
  'queue.put',
  'queue.full',
  'queue.get.wait',
  'queue.get',
  'queue.empty',
  'queue.query',
  'queue.task_done',
  'queue.join.wait',
  'queue.join.done',
  'file.create',
  'file.read',
  'file.write',
  'log',
  'error',
  'diag',
];

/** The process id used for events stamped by the runner on its own behalf. */
export const RUNNER_PROC = -1;

/**
 * The kinds every holder of a run's events keeps past its bound (the recorder after `maxEvents`,
 * the host's window, the timeline model): with them a view still shows the run's banner and end,
 * every process lane, every lock, queue and file by name, the findings and the errors.
 */
export const ESSENTIAL_KINDS: ReadonlySet<EventKind> = new Set<EventKind>([
  'run.start',
  'run.end',
  'run.limit',
  'proc.spawn',
  'proc.exit',
  'lock.create',
  'queue.create',
  'file.create',
  'diag',
  'error',
]);
