/**
 * Messages between the extension host and the Explore panel (a webview of its own, beside the
 * timeline): the lab's prediction question, the learner's answer, and the two histograms of
 * outcomes (schedules explored, and N real-time runs) as they grow. Validated on both sides.
 */
import type { Localized } from './events';
import { PREEMPTION, type Preemption } from './explore';
import {
  checkShape,
  compileShape,
  isRecord,
  type Check,
  type CompiledShape,
  type Shape,
} from './schema';
import type { ShapeValue } from './shapeTypes';
import type { UiLang } from './webview';

/** One answer a learner may predict: a lab outcome's fields (`match`), or that the check fails. */
export const PREDICT_CHOICE = {
  label: 'localized',
  /** The choice is right for an outcome holding these fields with these values. */
  'match?': 'json',
  /** The choice is right for every outcome that fails (true) or passes (false) the check. */
  'fails?': 'bool',
} as const satisfies Shape;
export type PredictChoice = ShapeValue<typeof PREDICT_CHOICE>;

/** The question a lab asks before it is explored, and the answers offered. */
export interface LabPredict {
  question: Localized;
  choices: PredictChoice[];
}

/** Schedules explored (controlled), or the ordinary runner N times with different seeds. */
export const HISTOGRAM_KINDS = ['explore', 'realtime'] as const;
export type HistogramKind = (typeof HISTOGRAM_KINDS)[number];

/** One bar: an outcome, how many runs had it, whether it fails the check, whether a run of it can be opened. */
export const OUTCOME_BAR = {
  outcome: 'json',
  /** The lab's own words for the outcome, when it has them. */
  'summary?': 'localized',
  count: 'uint',
  failed: 'bool',
  example: 'bool',
  /** The runs' exact outcomes in the bar's class (`{outcome, count}` each), for its detail. */
  'exact?': 'json[]',
} as const satisfies Shape;
export type OutcomeBar = ShapeValue<typeof OUTCOME_BAR>;

/** The shrunk failing schedule an exploration found. */
export const FOUND_FAILURE = {
  message: 'localized',
  steps: 'uint',
  preemptions: 'json[]',
  /** Its run can be opened in the timeline. */
  file: 'bool',
} as const satisfies Shape;
export type FoundFailure = Omit<ShapeValue<typeof FOUND_FAILURE>, 'preemptions'> & {
  preemptions: Preemption[];
};

export const HISTOGRAM = {
  kind: { enum: HISTOGRAM_KINDS },
  /** Runs done, and runs asked for. */
  runs: 'uint',
  total: 'uint',
  /** `random`, `pct:2`, `dfs` or `realtime`. */
  strategy: 'str',
  phase: { enum: ['running', 'shrinking', 'done'] },
  stopped: 'bool',
  /** dfs went through every schedule within `bound`. */
  exhausted: 'bool',
  'bound?': 'uint',
  bars: 'json[]',
  failure: 'any',
  /** Why the runs could not go on (the runner could not start, the lab broke). */
  'error?': 'str',
} as const satisfies Shape;
export type Histogram = Omit<ShapeValue<typeof HISTOGRAM>, 'bars' | 'failure'> & {
  bars: OutcomeBar[];
  failure: FoundFailure | null;
};

/** Host → Explore panel. */
export type ToExplorePanel =
  /** The lab, its question, how many runs each histogram takes; `prediction` once answered (null: skipped). */
  | {
      type: 'setup';
      lang: UiLang;
      lab: string;
      predict: LabPredict;
      exploreRuns: number;
      realtimeRuns: number;
      prediction?: number | null;
    }
  /** A histogram as it stands (sent a few times a second while runs go on). */
  | { type: 'histogram'; histogram: Histogram };

/** Explore panel → host. */
export type FromExplorePanel =
  | { type: 'ready' }
  /** The learner's prediction (a choice's index), or null to skip; the exploration starts. */
  | { type: 'predict'; choice: number | null }
  /** Start (again) the runs of one histogram. */
  | { type: 'run'; kind: HistogramKind }
  /** Stop the runs of one histogram. */
  | { type: 'cancel'; kind: HistogramKind }
  /** Open bar number `bar`'s example run in the timeline. */
  | { type: 'openExample'; kind: HistogramKind; bar: number }
  /** Open the shrunk failing run in the timeline. */
  | { type: 'openFailure' }
  | { type: 'log'; level: 'info' | 'error'; message: string };

const KIND = { enum: HISTOGRAM_KINDS } as const;
const LANG = { enum: ['en', 'zh-CN'] } as const;
const FROM = {
  ready: compileShape({ type: 'str' }),
  predict: compileShape({ type: 'str', choice: 'int|null' }),
  run: compileShape({ type: 'str', kind: KIND }),
  cancel: compileShape({ type: 'str', kind: KIND }),
  openExample: compileShape({ type: 'str', kind: KIND, bar: 'uint' }),
  openFailure: compileShape({ type: 'str' }),
  log: compileShape({ type: 'str', level: { enum: ['info', 'error'] }, message: 'str' }),
};

export function checkFromExplorePanel(x: unknown): Check {
  if (!isRecord(x)) return { ok: false, error: 'message must be an object' };
  const shape = typeof x.type === 'string' ? FROM[x.type as keyof typeof FROM] : undefined;
  if (!shape || !Object.hasOwn(FROM, x.type as string))
    return { ok: false, error: `unknown message type ${JSON.stringify(x.type)}` };
  return checkShape(x, shape);
}

const SETUP = compileShape({
  type: 'str',
  lang: LANG,
  lab: 'str',
  predict: 'any',
  exploreRuns: 'uint',
  realtimeRuns: 'uint',
  'prediction?': 'int|null',
});
const QUESTION = compileShape({ question: 'localized', choices: 'json[]' });
const CHOICE = compileShape(PREDICT_CHOICE);
const HISTOGRAM_MESSAGE = compileShape({ type: 'str', histogram: 'any' });
const HISTOGRAM_SHAPE = compileShape(HISTOGRAM);
const BAR = compileShape(OUTCOME_BAR);
const FAILURE = compileShape(FOUND_FAILURE);

/** Checks each item of `list` against `shape`, naming the first that does not fit. */
function every(list: unknown[], shape: CompiledShape, what: string): Check {
  for (const item of list) {
    const c = isRecord(item)
      ? checkShape(item, shape)
      : { ok: false as const, error: 'not an object' };
    if (!c.ok) return { ok: false, error: `${what}: ${c.error}` };
  }
  return { ok: true };
}

export function checkPredict(x: unknown): Check {
  if (!isRecord(x)) return { ok: false, error: 'predict must be an object' };
  const c = checkShape(x, QUESTION);
  if (!c.ok) return c;
  if ((x.choices as unknown[]).length === 0) return { ok: false, error: 'predict has no choices' };
  return every(x.choices as unknown[], CHOICE, 'choice');
}

export function checkHistogram(x: unknown): Check {
  if (!isRecord(x)) return { ok: false, error: 'histogram must be an object' };
  const c = checkShape(x, HISTOGRAM_SHAPE);
  if (!c.ok) return c;
  const bars = every(x.bars as unknown[], BAR, 'bar');
  if (!bars.ok || x.failure === null) return bars;
  if (!isRecord(x.failure)) return { ok: false, error: 'failure must be an object or null' };
  const f = checkShape(x.failure, FAILURE);
  if (!f.ok) return { ok: false, error: `failure: ${f.error}` };
  return every(x.failure.preemptions as unknown[], PREEMPTION, 'preemption');
}

export function checkToExplorePanel(x: unknown): Check {
  if (!isRecord(x)) return { ok: false, error: 'message must be an object' };
  if (x.type === 'setup') {
    const c = checkShape(x, SETUP);
    return c.ok ? checkPredict(x.predict) : c;
  }
  if (x.type === 'histogram') {
    const c = checkShape(x, HISTOGRAM_MESSAGE);
    return c.ok ? checkHistogram(x.histogram) : c;
  }
  return { ok: false, error: `unknown message type ${JSON.stringify(x.type)}` };
}
