/** One-line outcome of a run for trees, the status bar and notifications; no vscode imports. */
import type { LabEvent } from '../protocol/events';
import type { UiLang } from '../protocol/webview';
import { summarizeOutcome } from '../model/outcomeSummary';
import { pick } from './lang';

/** The same words the timeline's banner and the CLI use, in the display language. */
export async function outcomeLine(events: readonly LabEvent[], lang: UiLang): Promise<string> {
  try {
    const s = summarizeOutcome(events);
    if (s) return pick(s.text, lang);
  } catch {
    // A log the model cannot word: fall back to the run.end fields below.
  }
  return fallbackOutcome(events, lang);
}

/** Without the model's words: the end status and the lab's outcome value. */
export function fallbackOutcome(events: readonly LabEvent[], _lang: UiLang): string {
  const end = [...events].reverse().find((e) => e.kind === 'run.end');
  if (!end || end.kind !== 'run.end') return '';
  const parts: string[] = [end.status];
  if (end.outcome !== undefined && end.outcome !== null)
    parts.push(typeof end.outcome === 'string' ? end.outcome : JSON.stringify(end.outcome));
  if (end.message) parts.push(end.message);
  return parts.join(' · ');
}
