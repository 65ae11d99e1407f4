/**
 * Exploring schedules (the CLI's `explore`, the extension's Explore Lab): what the parent asks a
 * runner for, and what the runner reports as it goes and at the end. The runner runs the lab
 * many times under controlled schedules chosen by a strategy, reusing its lab processes.
 */
import type { Json, Localized } from './events';
import { checkShape, compileShape, isRecord, type Check, type Shape } from './schema';
import type { ShapeValue } from './shapeTypes';

/**
 * Lab time (µs) within which sleeps end together in an exploration's runs: each step takes 1 ms,
 * so processes started together would otherwise wake a few ms apart, in an order no schedule
 * could change. A replay of such a run uses it too (`RunConfig.replay.timerGrainUs`).
 */
export const EXPLORE_TIMER_GRAIN_US = 50_000;

export const EXPLORE_STRATEGIES = ['random', 'pct', 'dfs'] as const;
/** Most runs an exploration makes at once (each keeps its own lab processes). */
export const MAX_EXPLORE_JOBS = 8;
export type ExploreStrategy = (typeof EXPLORE_STRATEGIES)[number];

/** What to explore, and how. */
export const EXPLORE_SPEC = {
  /** `random`: each step drawn from the seed; `pct`: priorities with `depth - 1` change points; `dfs`: every schedule within `bound`. */
  strategy: { enum: EXPLORE_STRATEGIES },
  /** PCT's bug depth (at least 1). */
  depth: 'uint',
  /** Most runs (schedules), shrinking not counted. */
  runs: 'uint',
  /** dfs: most preemptions a schedule may have. */
  bound: 'uint',
  /** Go on after the first failing schedule, and report every distinct outcome. */
  all: 'bool',
  /** Where the shrunk failing run is written as a `.labrun`. */
  'outFile?': 'str',
  /** Where the first run of each distinct outcome is written, as `outcome-<n>.labrun`. */
  'examplesDir?': 'str',
  /** false: boot fresh lab processes for every run (to compare); default true: reuse them. */
  'reuse?': 'bool',
  /** Most runs spent shrinking a failure (default 200). */
  'shrinkRuns?': 'uint',
  /** Runs made at once (default 1; dfs makes one at a time). Results are taken in run order. */
  'jobs?': 'uint',
} as const satisfies Shape;
export type ExploreSpec = ShapeValue<typeof EXPLORE_SPEC>;

/** A step where a process ran that the plain schedule would not have run. */
export interface Preemption {
  step: number;
  /** The process that ran, and its name. */
  proc: number;
  name: string;
  /** The process the plain schedule would have run, and its name. */
  instead: number;
  insteadName: string;
}

/** An exact outcome among a bar's runs, and how many of them had it. */
export interface ExactOutcome {
  outcome: Json;
  count: number;
}

/** One bar of the histogram: an outcome, how many runs had it, whether it fails the check. */
export interface OutcomeCount {
  /**
   * The class of the lab's outcomes the bar stands for (`outcomeClass`: what the check judges),
   * or the status (`"deadlock"`, …) of a run that did not end by itself.
   */
  outcome: Json;
  count: number;
  /** The runs' exact outcomes in the class, first seen first, with their counts. */
  exact?: ExactOutcome[];
  failed: boolean;
  /** The lab's own words for it (`run.end.summary` of its first run), when the lab has them. */
  summary?: Localized;
  /** The first run (1, 2, …) that had it. */
  example: number;
  /** That run's log, when examples are written (`examplesDir`). */
  file?: string;
}

export interface ExploreFailure {
  /** The check's message (or why the run failed: a deadlock, …). */
  message: Localized;
  outcome: Json;
  /** The shrunk schedule's preemptions, in step order. */
  preemptions: Preemption[];
  /** Decisions the shrunk run made. */
  steps: number;
  /** The shrunk run's `.labrun` (`outFile`), when written. */
  file?: string;
  /** Runs spent shrinking. */
  shrinkRuns: number;
}

export interface ExploreResult {
  runs: number;
  runsPerSec: number;
  strategy: string;
  /** dfs went through every schedule within the bound. */
  exhausted: boolean;
  /** dfs: the bound. */
  bound?: number;
  outcomes: OutcomeCount[];
  failure: ExploreFailure | null;
  /** Stopped by the parent before the budget was spent. */
  stopped: boolean;
  /** false while exploring (a progress report), true for the last message. */
  final: boolean;
  /** What it is doing now. */
  phase: 'exploring' | 'shrinking' | 'done';
}

const SPEC = compileShape(EXPLORE_SPEC);

export function checkExploreSpec(x: unknown): Check {
  if (!isRecord(x)) return { ok: false, error: 'explore must be an object' };
  const check = checkShape(x, SPEC);
  if (!check.ok) return check;
  if ((x.depth as number) < 1) return { ok: false, error: 'depth must be at least 1' };
  if ((x.runs as number) < 1) return { ok: false, error: 'runs must be at least 1' };
  return check;
}

const RESULT = compileShape({
  runs: 'uint',
  runsPerSec: 'num',
  strategy: 'str',
  exhausted: 'bool',
  'bound?': 'uint',
  outcomes: 'json[]',
  failure: 'any',
  stopped: 'bool',
  final: 'bool',
  phase: { enum: ['exploring', 'shrinking', 'done'] },
});
const OUTCOME = compileShape({
  outcome: 'json',
  count: 'uint',
  failed: 'bool',
  'summary?': 'localized',
  example: 'uint',
  'file?': 'str',
  'exact?': 'json[]',
});
const EXACT = compileShape({ outcome: 'json', count: 'uint' });
const FAILURE = compileShape({
  message: 'localized',
  outcome: 'json',
  preemptions: 'json[]',
  steps: 'uint',
  'file?': 'str',
  shrinkRuns: 'uint',
});
export const PREEMPTION = compileShape({
  step: 'uint',
  proc: 'uint',
  name: 'str',
  instead: 'uint',
  insteadName: 'str',
});

/** Checks a result (or progress report) where it enters the parent. */
export function checkExploreResult(x: unknown): Check {
  if (!isRecord(x)) return { ok: false, error: 'result must be an object' };
  const check = checkShape(x, RESULT);
  if (!check.ok) return check;
  for (const o of x.outcomes as unknown[]) {
    const c = isRecord(o) ? checkShape(o, OUTCOME) : { ok: false as const, error: 'not an object' };
    if (!c.ok) return { ok: false, error: `outcome: ${c.error}` };
    for (const x of (o as { exact?: unknown[] }).exact ?? []) {
      const e = isRecord(x) ? checkShape(x, EXACT) : { ok: false as const, error: 'not an object' };
      if (!e.ok) return { ok: false, error: `exact outcome: ${e.error}` };
    }
  }
  if (x.failure === null) return check;
  if (!isRecord(x.failure)) return { ok: false, error: 'failure must be an object or null' };
  const f = checkShape(x.failure, FAILURE);
  if (!f.ok) return { ok: false, error: `failure: ${f.error}` };
  for (const p of x.failure.preemptions as unknown[]) {
    const c = isRecord(p)
      ? checkShape(p, PREEMPTION)
      : { ok: false as const, error: 'not an object' };
    if (!c.ok) return { ok: false, error: `preemption: ${c.error}` };
  }
  return check;
}
