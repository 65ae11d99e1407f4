/** One-line outcome of a run for trees, the status bar and notifications; no vscode imports. */
import type { LabEvent } from '../protocol/events';
import type { UiLang } from '../protocol/webview';
import { pick } from './lang';

type Summarize = (events: readonly LabEvent[], lang?: UiLang) => unknown;
let summarize: Summarize | undefined | null;

/** Loaded on first use so activation stays light. */
async function loadSummarize(): Promise<Summarize | undefined> {
  if (summarize === undefined) {
    try {
      const m = (await import('../model/outcome.js')) as { summarizeOutcome?: Summarize };
      summarize = m.summarizeOutcome ?? null;
    } catch {
      summarize = null;
    }
  }
  return summarize ?? undefined;
}

export async function outcomeLine(events: readonly LabEvent[], lang: UiLang): Promise<string> {
  const fn = await loadSummarize();
  if (fn) {
    try {
      const s = textOf(fn(events, lang), lang);
      if (s) return s;
    } catch {
      // Fall back to the run.end fields below.
    }
  }
  return fallbackOutcome(events, lang);
}

/** Without the model: the end status and the lab's outcome value. */
export function fallbackOutcome(events: readonly LabEvent[], lang: UiLang): string {
  const end = [...events].reverse().find((e) => e.kind === 'run.end');
  if (!end || end.kind !== 'run.end') return '';
  const parts: string[] = [end.status];
  if (end.outcome !== undefined && end.outcome !== null) parts.push(typeof end.outcome === 'string' ? end.outcome : JSON.stringify(end.outcome));
  if (end.message) parts.push(end.message);
  void lang;
  return parts.join(' · ');
}

/** Accepts a string, a Localized, or an object with a text-like field. */
function textOf(x: unknown, lang: UiLang): string {
  if (typeof x === 'string') return x;
  if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    if (typeof o.en === 'string') return pick(o as { en: string; 'zh-CN': string }, lang);
    for (const k of ['text', 'headline', 'title', 'summary', 'banner']) {
      if (o[k] !== undefined) {
        const t = textOf(o[k], lang);
        if (t) return t;
      }
    }
  }
  return '';
}
