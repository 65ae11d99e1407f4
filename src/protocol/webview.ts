/**
 * Messages between the extension host and the timeline webview (also used by the
 * standalone HTML page, which feeds itself the same messages). Validated on both sides.
 */
import type { LabEvent } from './events';
import { checkShape, isRecord, type Check } from './schema';
import { checkEvent } from './validateEvent';

export type UiLang = 'en' | 'zh-CN';
export type ViewMode = 'panel' | 'compact' | 'standalone';

/** Host → webview. */
export type ToWebview =
  /** Start showing a run (clears any previous one). `events` may hold what is already known. */
  | { type: 'load'; runId: string; lang: UiLang; mode: ViewMode; events: LabEvent[]; live: boolean }
  /** More events of the run being shown, in seq order. */
  | { type: 'events'; runId: string; events: LabEvent[] }
  /** The live run is over (after its last events batch). */
  | { type: 'ended'; runId: string }
  /** A recording could not be read; shown in place of a timeline. */
  | { type: 'error'; message: string; detail?: string }
  /** Nothing to show yet (the compact view before the first run). */
  | { type: 'empty'; lang: UiLang };

/** The short allowlist of things the webview may ask the host for. */
export const WEBVIEW_ACTIONS = ['stop', 'rerun', 'exportTrace', 'saveRecording', 'openTimeline', 'runLab'] as const;
export type WebviewAction = (typeof WEBVIEW_ACTIONS)[number];

/** Webview → host. */
export type FromWebview =
  /** The app has loaded and listens; the host holds posts until this arrives. */
  | { type: 'ready' }
  /** The user asked for an allowlisted action on the run shown (`runId`). */
  | { type: 'action'; action: WebviewAction; runId?: string }
  /** An error inside the webview worth logging on the host. */
  | { type: 'log'; level: 'info' | 'error'; message: string };

export function checkFromWebview(x: unknown): Check {
  if (!isRecord(x)) return { ok: false, error: 'message must be an object' };
  switch (x.type) {
    case 'ready': return checkShape(x, { type: 'str' });
    case 'action': return checkShape(x, { type: 'str', action: { enum: WEBVIEW_ACTIONS }, 'runId?': 'str' });
    case 'log': return checkShape(x, { type: 'str', level: { enum: ['info', 'error'] }, message: 'str' });
    default: return { ok: false, error: `unknown message type ${JSON.stringify(x.type)}` };
  }
}

export function checkToWebview(x: unknown): Check {
  if (!isRecord(x)) return { ok: false, error: 'message must be an object' };
  const lang = { enum: ['en', 'zh-CN'] } as const;
  let c: Check;
  switch (x.type) {
    case 'load':
      c = checkShape(x, { type: 'str', runId: 'str', lang, mode: { enum: ['panel', 'compact', 'standalone'] }, events: 'any', live: 'bool' });
      break;
    case 'events': c = checkShape(x, { type: 'str', runId: 'str', events: 'any' }); break;
    case 'ended': return checkShape(x, { type: 'str', runId: 'str' });
    case 'error': return checkShape(x, { type: 'str', message: 'str', 'detail?': 'str' });
    case 'empty': return checkShape(x, { type: 'str', lang });
    default: return { ok: false, error: `unknown message type ${JSON.stringify(x.type)}` };
  }
  if (!c.ok) return c;
  if (!Array.isArray(x.events)) return { ok: false, error: 'events must be an array' };
  for (const e of x.events) {
    const ce = checkEvent(e);
    if (!ce.ok) return ce;
  }
  return { ok: true };
}
