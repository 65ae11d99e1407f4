/**
 * Messages between a runner process and its parent (the CLI, the extension host, a test, a bench).
 * Transport: Node `fork` IPC. Events travel in batches in columns (`eventColumns.ts`), never one
 * message per event; the log file the runner writes holds the same events as JSONL.
 */
import { decodeEventColumns, type LogPosition } from './eventColumns';
import {
  RUN_LANGS,
  RUN_STATUSES,
  type EventKind,
  type LabEvent,
  type Localized,
  type RunStatus,
} from './events';
import {
  checkExploreResult,
  checkExploreSpec,
  type ExploreResult,
  type ExploreSpec,
} from './explore';
import { checkShape, compileShape, isRecord, type Check, type Shape } from './schema';
import type { ShapeValue } from './shapeTypes';

export const SCHEDULE_NAMES = ['realtime', 'fifo', 'random', 'step'] as const;

/** What to run and how. */
export const RUN_CONFIG = {
  /**
   * A built-in lab id (`ticket-race`) or an absolute path to a `*.lab.mjs` / `*.lab.js` file or
   * a Python script (`*.py`).
   */
  lab: 'str',
  /** Seed for every process's random stream. */
  seed: 'uint',
  /** Time factor: 20 makes a 1 s sleep last 50 ms. > 0. */
  speed: 'num',
  /** Wall-clock limit in seconds before the run ends with status `timeout`. > 0. */
  timeoutSec: 'num',
  /** Stop recording (and stop the run) after this many events. */
  maxEvents: 'uint',
  /** UI language for names and narration of built-in labs. */
  lang: { enum: RUN_LANGS },
  /**
   * A Python script (`lab` ends in `.py`): the interpreter to run it with (a command on PATH or
   * a path); without it `python3`, then `python`.
   */
  'python?': 'str',
  /** Where the runner writes the JSONL event log as it goes. */
  'eventsFile?': 'str',
  /** Most processes a run may start (main included). */
  'maxProcs?': 'uint',
  /** Memory bound of one lab process in MB (its heap, and its resident size). */
  'maxMemoryMB?': 'uint',
  /** Memory bound of all the run's lab processes together in MB (resident size). */
  'maxRunMemoryMB?': 'uint',
  /** Most items the run's queues may hold together (memory); reaching it stops the run. */
  'maxQueuedItems?': 'uint',
  /**
   * Who decides what proceeds: `realtime` (the default: as soon as the semantics allow, real
   * timers), or a controlled policy with virtual time: `fifo`, `random` (from `seed`), `step`
   * (the parent is asked each time: `choose`, answered by `choice`).
   */
  'schedule?': { enum: SCHEDULE_NAMES },
  /**
   * Replays recorded decisions first (each a `sched.step` event's `chosen`, `runnable` and
   * `ops`): all of them, or the first `until`; then `schedule` decides. `timerGrainUs`: the
   * recording was an exploration's run, whose sleeps ending that close together end together.
   */
  'replay?': { object: { steps: 'json[]', 'until?': 'uint', 'timerGrainUs?': 'uint' } },
} as const satisfies Shape;
export type RunConfig = ShapeValue<typeof RUN_CONFIG>;
export type ScheduleName = (typeof SCHEDULE_NAMES)[number];

/** One recorded decision: a `sched.step` event without its step number. */
export const REPLAY_STEP = {
  chosen: 'uint',
  runnable: 'int[]',
  ops: 'json[]',
} as const satisfies Shape;
// A type, not an interface: it must fit in a `json[]` field.
export type ReplayStep = { chosen: number; runnable: number[]; ops: string[] };

/** A controlled run's pending choice, as the step policy shows it to a person. */
export interface StepChoice {
  step: number;
  /** The runnable processes in process order, each with what it would do next. */
  runnable: { proc: number; name: string; op: Localized }[];
  /** The live processes that cannot go on now, and why. */
  blocked: { proc: number; name: string; reason: Localized }[];
  /** The process fifo would choose (Enter). */
  fallback: number;
}

/**
 * The IPC serialization parents fork the runner with: V8's serializer carries a batch's bytes
 * as they are (JSON serialization could not carry bytes at all).
 */
export const RUNNER_SERIALIZATION = 'advanced' as const;

export const DEFAULT_CONFIG: Omit<RunConfig, 'lab'> = {
  seed: 1,
  speed: 1,
  timeoutSec: 120,
  maxEvents: 1_000_000,
  lang: 'en',
  maxProcs: 64,
};

/** Parent → runner. */
export type ToRunner =
  /** Start the run (sent once, right after fork). */
  | { type: 'start'; config: RunConfig }
  /** Stop the run: kill the whole tree, end with status `stopped`. */
  | { type: 'stop' }
  /** A step-mode answer to `choose` number `step`: process `proc` goes on. */
  | { type: 'choice'; step: number; proc: number }
  /** Explore schedules of `config.lab` (sent once, right after fork, instead of `start`). */
  | { type: 'explore'; config: RunConfig; explore: ExploreSpec };

/** Runner → parent, as sent. */
export type FromRunner =
  /** A batch of events in seq order, in columns (`eventColumns.ts`). */
  | { type: 'events'; batch: Uint8Array }
  /** The run is over and every lab process is gone; the last batch came before this. */
  | { type: 'done'; status: RunStatus; eventCount: number; eventsFile?: string }
  /** The runner could not start the run at all (bad config, unknown lab). */
  | { type: 'fatal'; message: string }
  /** Step mode: which process goes on next? Answered by a `choice` (events before it were sent). */
  | { type: 'choose'; choice: StepChoice }
  /** Explore: how it stands (`final` false, a few times a second), then the result (before `done`). */
  | { type: 'explored'; result: ExploreResult };

/**
 * Runner → parent, once received and checked: an events batch also holds its decoded events (all,
 * or those of the kinds the parent picked), how many it has, its first seq and its last stamp.
 */
export type RunnerMessage =
  | {
      type: 'events';
      batch: Uint8Array;
      events: LabEvent[];
      count: number;
      firstSeq: number;
      lastT: number;
    }
  | Exclude<FromRunner, { type: 'events' }>;

const CONFIG = compileShape(RUN_CONFIG);
const STOP = compileShape({ type: 'str' });
const CHOICE = compileShape({ type: 'str', step: 'uint', proc: 'uint' });
const STEP = compileShape(REPLAY_STEP);
const CHOOSE = compileShape({ type: 'str', choice: 'any' });
const STEP_CHOICE = compileShape({
  step: 'uint',
  runnable: 'json[]',
  blocked: 'json[]',
  fallback: 'uint',
});
const RUNNABLE = compileShape({ proc: 'uint', name: 'str', op: 'localized' });
const BLOCKED = compileShape({ proc: 'uint', name: 'str', reason: 'localized' });

/** Checks a step-mode choice, each runnable and blocked process included (the runner, a webview). */
export function checkStepChoice(x: unknown): Check {
  if (!isRecord(x)) return { ok: false, error: 'choice must be an object' };
  const check = checkShape(x, STEP_CHOICE);
  if (!check.ok) return check;
  const lists = [
    ['runnable', x.runnable, RUNNABLE],
    ['blocked', x.blocked, BLOCKED],
  ] as const;
  for (const [name, list, shape] of lists)
    for (const [i, item] of (list as unknown[]).entries()) {
      const c = isRecord(item)
        ? checkShape(item, shape)
        : { ok: false as const, error: 'not an object' };
      if (!c.ok) return { ok: false, error: `${name}[${i}]: ${c.error}` };
    }
  if ((x.runnable as unknown[]).length === 0) return { ok: false, error: 'nothing is runnable' };
  return { ok: true };
}
const START = compileShape({ type: 'str', config: 'any' });

export function checkRunConfig(x: unknown): Check {
  if (!isRecord(x)) return { ok: false, error: 'config must be an object' };
  const check = checkShape(x, CONFIG);
  if (!check.ok) return check;
  if ((x.speed as number) <= 0) return { ok: false, error: 'speed must be > 0' };
  if ((x.timeoutSec as number) <= 0) return { ok: false, error: 'timeoutSec must be > 0' };
  const steps = isRecord(x.replay) && Array.isArray(x.replay.steps) ? x.replay.steps : [];
  for (const [i, step] of steps.entries()) {
    const s = isRecord(step) ? checkShape(step, STEP) : { ok: false, error: 'not an object' };
    if (!s.ok) return { ok: false, error: `replay step ${i + 1}: ${s.error}` };
  }
  return { ok: true };
}

export function checkToRunner(x: unknown): Check {
  if (!isRecord(x)) return { ok: false, error: 'message must be an object' };
  if (x.type === 'stop') return checkShape(x, STOP);
  if (x.type === 'choice') return checkShape(x, CHOICE);
  if (x.type === 'start') {
    const check = checkShape(x, START);
    return check.ok ? checkRunConfig(x.config) : check;
  }
  if (x.type === 'explore') {
    const check = checkShape(x, EXPLORE);
    if (!check.ok) return check;
    const config = checkRunConfig(x.config);
    return config.ok ? checkExploreSpec(x.explore) : config;
  }
  return { ok: false, error: `unknown message type ${JSON.stringify(x.type)}` };
}

const EVENTS = compileShape({ type: 'str', batch: 'any' });
const DONE = compileShape({
  type: 'str',
  status: { enum: RUN_STATUSES },
  eventCount: 'uint',
  'eventsFile?': 'str',
});
const FATAL = compileShape({ type: 'str', message: 'str' });
const EXPLORE = compileShape({ type: 'str', config: 'any', explore: 'any' });
const EXPLORED = compileShape({ type: 'str', result: 'any' });

/**
 * Checks a runner message where it enters the parent; every event of a batch is checked, once,
 * and decoded (with `pick`, only events of those kinds become objects). With `from` (where the
 * run's log stands), the batch must continue it: seq without a gap, time never going back.
 */
export function decodeFromRunner(
  x: unknown,
  from?: LogPosition,
  pick?: ReadonlySet<EventKind>,
): { ok: true; msg: RunnerMessage } | { ok: false; error: string } {
  if (!isRecord(x)) return { ok: false, error: 'message must be an object' };
  switch (x.type) {
    case 'events': {
      const check = checkShape(x, EVENTS);
      if (!check.ok) return check;
      const read = decodeEventColumns(x.batch, from, pick);
      if (!read.ok) return read;
      return {
        ok: true,
        msg: {
          type: 'events',
          batch: read.bytes,
          events: read.events,
          count: read.count,
          firstSeq: read.firstSeq,
          lastT: read.lastT,
        },
      };
    }
    case 'done': {
      const check = checkShape(x, DONE);
      return check.ok ? { ok: true, msg: x as RunnerMessage } : check;
    }
    case 'choose': {
      const c = checkShape(x, CHOOSE);
      if (!c.ok) return c;
      const choice = checkStepChoice(x.choice);
      return choice.ok ? { ok: true, msg: x as RunnerMessage } : choice;
    }
    case 'explored': {
      const check = checkShape(x, EXPLORED);
      if (!check.ok) return check;
      const result = checkExploreResult(x.result);
      return result.ok ? { ok: true, msg: x as RunnerMessage } : result;
    }
    case 'fatal': {
      const check = checkShape(x, FATAL);
      return check.ok ? { ok: true, msg: x as RunnerMessage } : check;
    }
    default:
      return { ok: false, error: `unknown message type ${JSON.stringify(x.type)}` };
  }
}
