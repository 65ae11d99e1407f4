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
import type { ExactOutcome, Preemption } from '../protocol/explore';
import type { LabPredict, PredictChoice } from '../protocol/explorePanel';
import type { UiLang } from '../protocol/webview';
import { describeOutcome, statusText } from './outcomeSummary';

/** A run's bar: its outcome when it ended by itself, else its status (`"deadlock"`, …). */
export function outcomeOf(end: EventOf<'run.end'>): Json {
  if (end.status === 'ok') return end.outcome ?? 'ok';
  return end.status;
}

/**
 * The class a run's outcome falls in on a histogram: what the lab's check judges, with what it
 * does not judge folded in, so that the bars stay few and the failing classes compare at a
 * glance. The ticket labs' check judges the tickets sold: how many buyers crashed on a torn read
 * is folded into one class, "some buyer crashed" (`crashed: true`). Any other outcome is its own
 * class. The exact outcomes stay on the bar (`exact`).
 */
export function outcomeClass(outcome: Json): Json {
  if (
    isObject(outcome) &&
    typeof outcome.tickets === 'number' &&
    typeof outcome.sold === 'number' &&
    typeof outcome.crashed === 'number' &&
    outcome.crashed > 0
  )
    return { ...outcome, crashed: true };
  return outcome;
}

/**
 * The order of a histogram's bars, the same in the CLI and the Explore panel: the classes that
 * pass the lab's check first, then those that fail; within each, the lab's outcomes as their
 * numbers go (1 sold, 2 sold, … 10 sold), then the statuses of runs that did not end by themselves
 * (deadlock, timeout, …). A bar's place depends on its class alone, never on its count, so bars
 * keep their places while a histogram fills. Returns the bars' indexes in that order.
 */
export function barOrder(bars: readonly { outcome: Json; failed: boolean }[]): number[] {
  const json = bars.map((b) => JSON.stringify(b.outcome));
  const status = (i: number) => (typeof bars[i].outcome === 'string' ? 1 : 0);
  return bars
    .map((_, i) => i)
    .sort(
      (a, b) =>
        Number(bars[a].failed) - Number(bars[b].failed) ||
        status(a) - status(b) ||
        json[a].localeCompare(json[b], 'en', { numeric: true }),
    );
}

/** Most exact outcomes a bar lists (the rest are still counted in the bar). */
export const MAX_EXACT_OUTCOMES = 50;

/** Counts a run's exact outcome among a bar's (first seen first). */
export function countExact(list: ExactOutcome[], outcome: Json): void {
  const key = JSON.stringify(outcome);
  const known = list.find((x) => JSON.stringify(x.outcome) === key);
  if (known) known.count++;
  else if (list.length < MAX_EXACT_OUTCOMES) list.push({ outcome, count: 1 });
}

/** A bar's exact outcomes as they came over a boundary (`json[]`), malformed entries left out. */
export function exactOutcomes(list: readonly Json[] | undefined): ExactOutcome[] {
  return (list ?? []).flatMap((x) =>
    isObject(x) && 'outcome' in x && typeof x.count === 'number'
      ? [{ outcome: x.outcome, count: x.count }]
      : [],
  );
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
