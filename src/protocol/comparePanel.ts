/**
 * Messages between the extension host and the Compare Runs panel (a webview of its own): the two
 * runs to stack on one time axis. Each run's log is checked event by event where it enters.
 */
import type { LabEvent } from './events';
import { isRecord } from './schema';
import { checkLog } from './validateEvent';
import type { UiLang } from './webview';

/** Most events of one compared run (a larger log is refused with a clear error, not cut). */
export const MAX_COMPARED_EVENTS = 500_000;

export interface ComparedRun {
  /** What the learner picked, e.g. "ticket-race · seed 4 · 12:03:10". */
  label: string;
  events: LabEvent[];
}

/** Host → panel: the runs to compare, A then B, and the UI language. */
export interface ToComparePanel {
  type: 'compare';
  lang: UiLang;
  runs: [ComparedRun, ComparedRun];
}

/** Panel → host: it is listening. */
export interface FromComparePanel {
  type: 'ready';
}

export type CompareCheck = { ok: true; msg: ToComparePanel } | { ok: false; error: string };

/** Checks a message for the panel: its fields, and each run's log (events valid, in order). */
export function checkToComparePanel(x: unknown): CompareCheck {
  if (!isRecord(x) || x.type !== 'compare') return { ok: false, error: 'not a compare message' };
  if (x.lang !== 'en' && x.lang !== 'zh-CN') return { ok: false, error: 'lang is not en or zh-CN' };
  if (!Array.isArray(x.runs) || x.runs.length !== 2)
    return { ok: false, error: 'runs is not a pair of runs' };
  for (const [i, run] of (x.runs as unknown[]).entries()) {
    const which = i === 0 ? 'run A' : 'run B';
    if (!isRecord(run) || typeof run.label !== 'string' || !Array.isArray(run.events))
      return { ok: false, error: `${which} is not { label, events }` };
    if (run.events.length > MAX_COMPARED_EVENTS)
      return { ok: false, error: `${which} has more than ${MAX_COMPARED_EVENTS} events` };
    const log = checkLog(run.events);
    if (!log.ok) return { ok: false, error: `${which}, event ${log.index}: ${log.error}` };
  }
  return { ok: true, msg: x as unknown as ToComparePanel };
}

export function isFromComparePanel(x: unknown): x is FromComparePanel {
  return isRecord(x) && x.type === 'ready';
}
