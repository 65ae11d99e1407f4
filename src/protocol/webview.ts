/**
 * Messages between the extension host and the timeline webview (also used by the
 * standalone HTML page, which feeds itself the same messages). Validated on both sides.
 */
import { decodeEventColumns, type ColumnsRead } from './eventColumns';
import type { EventKind, LabEvent } from './events';
import { checkStepChoice, type StepChoice } from './host';
import { checkShape, compileShape, isRecord, type Check } from './schema';
import { eventError } from './validateEvent';

export type UiLang = 'en' | 'zh-CN';
export type ViewMode = 'panel' | 'compact' | 'standalone';

/** Host → webview. */
export type ToWebview =
  /** Start showing a run (clears any previous one). `events` may hold what is already known. */
  | { type: 'load'; runId: string; lang: UiLang; mode: ViewMode; events: LabEvent[]; live: boolean }
  /**
   * More events of the run being shown, in seq order: the runner's batches in columns
   * (`eventColumns.ts`), back to back. One byte array, not thousands of objects; VS Code
   * transfers it as a buffer.
   */
  | { type: 'batch'; runId: string; cols: Uint8Array }
  /** The live run is over (after its last events batch). */
  | { type: 'ended'; runId: string }
  /** A recording could not be read; shown in place of a timeline. */
  | { type: 'error'; message: string; detail?: string }
  /** Nothing to show yet (the compact view before the first run). */
  | { type: 'empty'; lang: UiLang }
  /**
   * Step mode: the decision the run shown waits for (after the events up to it), or, without
   * `choice`, that no decision is open any more (it was answered, here or in another view).
   */
  | { type: 'choose'; runId: string; choice?: StepChoice };

/** What the app acts on: a `batch` becomes `columns` once checked where it enters. */
export type WebviewMessage =
  Exclude<ToWebview, { type: 'batch' }> | { type: 'columns'; runId: string; read: ColumnsRead };

/** The short allowlist of things the webview may ask the host for. */
export const WEBVIEW_ACTIONS = [
  'stop',
  'rerun',
  'exportTrace',
  'saveRecording',
  'openTimeline',
  'runLab',
  'openLabSource',
] as const;
export type WebviewAction = (typeof WEBVIEW_ACTIONS)[number];

/**
 * A step-mode answer: a process (`proc`), the default (fifo's pick), the default for every later
 * step too (run to the end), or undo (start again, replaying every step before this one's
 * predecessor, and ask that one again).
 */
export const STEP_PICKS = ['proc', 'default', 'toEnd', 'undo'] as const;
export type StepPick = (typeof STEP_PICKS)[number];

/** Webview → host. */
export type FromWebview =
  /** The app has loaded and listens; the host holds posts until this arrives. */
  | { type: 'ready' }
  /** The user asked for an allowlisted action on the run shown (`runId`). */
  | { type: 'action'; action: WebviewAction; runId?: string }
  /** An error inside the webview worth logging on the host. */
  | { type: 'log'; level: 'info' | 'error'; message: string }
  /**
   * Show the line of lab code of call site `site` (a `site` event's `id`) of the run shown
   * (`runId`) in an editor beside the timeline. The host looks the site up in that run's own log:
   * the webview never names a file.
   */
  | { type: 'revealSite'; runId?: string; site: number }
  /** Step mode: the answer to decision `step` of the run shown (`proc` with pick `proc`). */
  | { type: 'step'; runId?: string; step: number; pick: StepPick; proc?: number }
  /** Fork from here: a new run replays the first `step` decisions of the run shown, then asks. */
  | { type: 'fork'; runId?: string; step: number };

const FROM_WEBVIEW = {
  ready: compileShape({ type: 'str' }),
  action: compileShape({ type: 'str', action: { enum: WEBVIEW_ACTIONS }, 'runId?': 'str' }),
  log: compileShape({ type: 'str', level: { enum: ['info', 'error'] }, message: 'str' }),
  revealSite: compileShape({ type: 'str', 'runId?': 'str', site: 'uint' }),
  step: compileShape({
    type: 'str',
    'runId?': 'str',
    step: 'uint',
    pick: { enum: STEP_PICKS },
    'proc?': 'uint',
  }),
  fork: compileShape({ type: 'str', 'runId?': 'str', step: 'uint' }),
};

export function checkFromWebview(x: unknown): Check {
  if (!isRecord(x)) return { ok: false, error: 'message must be an object' };
  switch (x.type) {
    case 'ready':
      return checkShape(x, FROM_WEBVIEW.ready);
    case 'action':
      return checkShape(x, FROM_WEBVIEW.action);
    case 'log':
      return checkShape(x, FROM_WEBVIEW.log);
    case 'revealSite':
      return checkShape(x, FROM_WEBVIEW.revealSite);
    case 'step': {
      const check = checkShape(x, FROM_WEBVIEW.step);
      if (check.ok && (x.pick === 'proc') !== (x.proc !== undefined))
        return { ok: false, error: 'a step names a process exactly when its pick is "proc"' };
      return check;
    }
    case 'fork':
      return checkShape(x, FROM_WEBVIEW.fork);
    default:
      return { ok: false, error: `unknown message type ${JSON.stringify(x.type)}` };
  }
}

const LANG = { enum: ['en', 'zh-CN'] } as const;
const LOAD = compileShape({
  type: 'str',
  runId: 'str',
  lang: LANG,
  mode: { enum: ['panel', 'compact', 'standalone'] },
  events: 'any',
  live: 'bool',
});
const BATCH = compileShape({ type: 'str', runId: 'str', cols: 'any' });
const ENDED = compileShape({ type: 'str', runId: 'str' });
const ERROR = compileShape({ type: 'str', message: 'str', 'detail?': 'str' });
const EMPTY = compileShape({ type: 'str', lang: LANG });
const CHOOSE = compileShape({ type: 'str', runId: 'str', 'choice?': 'any' });

function checkBatch(x: Record<string, unknown>): Check {
  const check = checkShape(x, BATCH);
  if (!check.ok) return check;
  return x.cols instanceof Uint8Array ? check : { ok: false, error: 'field "cols" is not bytes' };
}

/**
 * Checks a host message's envelope and, for `load`, every event. A `batch` is
 * checked as an envelope only: its events are decoded and checked where they enter the webview
 * (`decodeToWebview`); the host forwards batches it already checked when they came from the runner.
 */
export function checkToWebview(x: unknown): Check {
  if (!isRecord(x)) return { ok: false, error: 'message must be an object' };
  switch (x.type) {
    case 'load':
      return checkLoad(x);
    case 'batch':
      return checkBatch(x);
    case 'ended':
      return checkShape(x, ENDED);
    case 'error':
      return checkShape(x, ERROR);
    case 'empty':
      return checkShape(x, EMPTY);
    case 'choose': {
      const check = checkShape(x, CHOOSE);
      return check.ok && x.choice !== undefined ? checkStepChoice(x.choice) : check;
    }
    default:
      return { ok: false, error: `unknown message type ${JSON.stringify(x.type)}` };
  }
}

function checkLoad(x: Record<string, unknown>): Check {
  const check = checkShape(x, LOAD);
  if (!check.ok) return check;
  if (!Array.isArray(x.events)) return { ok: false, error: 'events must be an array' };
  for (const e of x.events) {
    const error = eventError(e);
    if (error !== null) return { ok: false, error };
  }
  return check;
}

/**
 * Checks a host message where it enters the webview; every event of a `batch` is checked, and
 * those of the kinds in `pick` (default: all) are decoded into objects (`columns`).
 */
export function decodeToWebview(
  x: unknown,
  pick?: ReadonlySet<EventKind>,
): { ok: true; msg: WebviewMessage } | { ok: false; error: string } {
  if (isRecord(x) && x.type === 'batch') {
    const check = checkBatch(x);
    if (!check.ok) return check;
    const read = decodeEventColumns(x.cols, undefined, pick);
    return read.ok ? { ok: true, msg: { type: 'columns', runId: x.runId as string, read } } : read;
  }
  const check = checkToWebview(x);
  return check.ok ? { ok: true, msg: x as WebviewMessage } : check;
}
