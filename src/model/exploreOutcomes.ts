/**
 * The bars of an outcome histogram (the CLI's `explore`, the Explore panel): which bar a run falls
 * in, its words, and whether a learner's prediction named it. Pure: host, webview and CLI share it.
 */
import {
  RUN_STATUSES,
  type EventOf,
  type Json,
  type Localized,
  type RunStatus,
} from '../protocol/events';
import type { Preemption } from '../protocol/explore';
import type { LabPredict, PredictChoice } from '../protocol/explorePanel';
import type { UiLang } from '../protocol/webview';
import { describeOutcome, statusText } from './outcomeSummary';

/** A run's bar: its outcome when it ended by itself, else its status (`"deadlock"`, …). */
export function outcomeOf(end: EventOf<'run.end'>): Json {
  if (end.status === 'ok') return end.outcome ?? 'ok';
  return end.status;
}

/** A bar's words: the lab's own (`summary`), "1 ticket, 2 sold — oversold", "Deadlock", or compact JSON. */
export function outcomeLabel(outcome: Json, summary?: Localized): Localized {
  if (typeof outcome === 'string' && (RUN_STATUSES as readonly string[]).includes(outcome))
    return statusText(outcome as RunStatus);
  return summary ?? describeOutcome(outcome).text;
}

/** "step 12: Process 3 ran instead of Process 1". */
export function preemptionWords(p: Preemption, lang: UiLang): string {
  return lang === 'zh-CN'
    ? `第 ${p.step} 步：${p.name} 抢在 ${p.insteadName} 之前运行`
    : `step ${p.step}: ${p.name} ran instead of ${p.insteadName}`;
}

/** What a lab that declares no question asks: will its check hold? */
export const DEFAULT_PREDICT: LabPredict = {
  question: {
    en: 'Will every run pass the lab’s check?',
    'zh-CN': '每次运行都能通过这个实验的检查吗？',
  },
  choices: [
    { label: { en: 'Yes, the check always holds', 'zh-CN': '能，检查总是成立' }, fails: false },
    { label: { en: 'No, some runs fail it', 'zh-CN': '不能，有的运行会失败' }, fails: true },
  ],
};

/** Whether `choice` names an outcome: its `match` fields all equal the outcome's, or its pass/fail. */
export function choiceNames(
  choice: PredictChoice,
  bar: { outcome: Json; failed: boolean },
): boolean {
  if (choice.match !== undefined) {
    const want = choice.match;
    const got = bar.outcome;
    if (!isObject(want) || !isObject(got)) return JSON.stringify(want) === JSON.stringify(got);
    return Object.keys(want).every((k) => JSON.stringify(want[k]) === JSON.stringify(got[k]));
  }
  return choice.fails !== undefined && choice.fails === bar.failed;
}

/**
 * A `fails: false` choice ("the check always holds") is right only when no run failed; any other
 * choice is right when some run had the outcome it names.
 */
export function predictionCame(
  choice: PredictChoice,
  bars: readonly { outcome: Json; failed: boolean; count: number }[],
): { came: boolean; runs: number } {
  const runs = bars.filter((b) => choiceNames(choice, b)).reduce((n, b) => n + b.count, 0);
  if (choice.match === undefined && choice.fails === false)
    return { came: bars.every((b) => !b.failed), runs };
  return { came: runs > 0, runs };
}

function isObject(x: Json): x is { [k: string]: Json } {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
