/** What `explore` prints: the text report in English or Chinese, or the `--json` object. */
import type { Json, RunStatus } from '../protocol/events';
import { RUN_STATUSES } from '../protocol/events';
import type { ExploreResult, OutcomeCount, Preemption } from '../protocol/explore';
import { describeOutcome } from '../model/outcomeSummary';
import { builtinLab } from '../labs/analysis/catalog';
import { barOrder, preemptionWords as preemptionText } from '../model/exploreOutcomes';
import { DEFAULT_EXPLORE_RUNS, type ExploreOptions } from './exploreArgs';
import { STATUS_ZH } from './report';
import { displayWidth, fit, type Style } from './style';
import { plainText } from './terminalText';

type Lang = ExploreOptions['lang'];

/** The `--json` object: exactly the fields the README documents. */
export function exploreJson(r: ExploreResult, lang: Lang) {
  return {
    runs: r.runs,
    runsPerSec: Math.round(r.runsPerSec * 10) / 10,
    strategy: r.strategy,
    exhausted: r.exhausted,
    // `outcome` is the bar's class (what the check judges); `exact`, its runs' exact outcomes.
    outcomes: r.outcomes.map(({ outcome, count, failed, example, exact }) => ({
      outcome,
      count,
      failed,
      example,
      exact: exact ?? [{ outcome, count }],
    })),
    failure: r.failure && {
      message: r.failure.message[lang],
      preemptions: r.failure.preemptions,
      steps: r.failure.steps,
      file: r.failure.file ?? null,
    },
  };
}

/** An outcome in words: "1 ticket, 2 sold", "deadlock", a built-in lab's own words, or compact JSON. */
export function outcomeWords(outcome: Json, lang: Lang, lab?: string): string {
  if (typeof outcome === 'string' && (RUN_STATUSES as readonly string[]).includes(outcome))
    return lang === 'zh-CN' ? STATUS_ZH[outcome as RunStatus] : outcome;
  const builtin = lab === undefined ? undefined : builtinLab(lab);
  if (builtin) return plainText(builtin.describe(outcome)[lang]);
  return plainText(describeOutcome(outcome).text[lang]);
}

/** "step 12: Process 3 ran instead of Process 1", safe for a terminal. */
export function preemptionWords(p: Preemption, lang: Lang): string {
  return plainText(preemptionText(p, lang));
}

export function exploreReport(r: ExploreResult, opts: ExploreOptions, style: Style): string[] {
  const zh = opts.lang === 'zh-CN';
  const t = (en: string, cn: string) => (zh ? cn : en);
  const lab = plainText(opts.lab);
  const how = t(
    `${r.strategy} schedules, seed ${opts.seed}`,
    `${r.strategy} 调度，种子 ${opts.seed}`,
  );
  const out = [
    style.bold(
      t(
        `Explored ${lab}: ${r.runs} run${r.runs === 1 ? '' : 's'}, ${r.runsPerSec.toFixed(1)} runs/s (${how})`,
        `已探索 ${lab}：运行 ${r.runs} 次，每秒 ${r.runsPerSec.toFixed(1)} 次（${how}）`,
      ),
    ),
    '',
    style.bold(t('Outcomes', '结果分布')),
    ...histogram(r.outcomes, opts, style),
    '',
  ];
  out.push(
    ...(r.failure ? failureLines(r, opts.lang, style) : noFailureLines(r, opts.lang, style)),
  );
  if (r.stopped) out.push(style.yellow(t('Stopped before the end.', '探索在结束前被停止。')));
  const strategy = r.strategy === 'pct:2' ? 'pct' : r.strategy;
  const bound = r.bound !== undefined ? ` --bound ${r.bound}` : '';
  // The same number of runs too: with --all, or without a failure, it decides what is explored.
  const runs = opts.runs !== DEFAULT_EXPLORE_RUNS ? ` --runs ${opts.runs}` : '';
  const lang = opts.langGiven ? ` --lang ${opts.lang}` : '';
  out.push(
    style.dim(
      t('Repeat this exploration: ', '重复这次探索：') +
        `node dist/cli.js explore ${lab} --strategy ${strategy}${bound}${runs} --seed ${opts.seed}${opts.all ? ' --all' : ''}${lang}`,
    ),
  );
  return out;
}

/** The outcome column's width in the histogram, in terminal columns. */
const LABEL_MIN = 32;
const LABEL_MAX = 60;

function histogram(
  outcomes: readonly OutcomeCount[],
  { lang, lab }: ExploreOptions,
  style: Style,
): string[] {
  const most = Math.max(1, ...outcomes.map((o) => o.count));
  // In the Explore panel's order: passing classes first, then failures by class.
  const sorted = barOrder(outcomes).map((i) => outcomes[i]);
  const labels = sorted.map((o) => outcomeWords(o.outcome, lang, lab));
  // As wide as the longest label ("1 ticket, 5 sold, 2 crashed on a torn read — oversold"), within reason.
  const width = Math.min(LABEL_MAX, Math.max(LABEL_MIN, ...labels.map(displayWidth)));
  return sorted.map((o, i) => {
    const bar = '█'.repeat(Math.max(1, Math.round((o.count / most) * 24)));
    const mark = o.failed ? style.red('✗') : style.green('✓');
    const words = fit(labels[i], width, true);
    const paint = o.failed ? style.red : style.green;
    return `  ${mark} ${words} ${paint(bar)} ${o.count}`;
  });
}

function failureLines(r: ExploreResult, lang: Lang, style: Style): string[] {
  const zh = lang === 'zh-CN';
  const f = r.failure!;
  const n = f.preemptions.length;
  const out = [
    style.red(style.bold(`${zh ? '失败：' : 'Failure: '}${plainText(f.message[lang])}`)),
    zh
      ? `  缩小到 ${n} 次抢占、${f.steps} 步（又运行了 ${f.shrinkRuns} 次）${n ? '：' : '：普通调度（每个进程一直运行到阻塞）就会失败。'}`
      : `  Shrunk to ${n} preemption${n === 1 ? '' : 's'} and ${f.steps} steps (${f.shrinkRuns} more run${f.shrinkRuns === 1 ? '' : 's'})${n ? ':' : ': the plain schedule (each process runs until it blocks) fails too.'}`,
    ...f.preemptions.map((p) => `    ${preemptionWords(p, lang)}`),
  ];
  if (f.file)
    out.push(
      zh
        ? `  已写入 ${f.file}；重放：node dist/cli.js run --replay ${f.file}`
        : `  Written to ${f.file}; replay it: node dist/cli.js run --replay ${f.file}`,
    );
  return out;
}

function noFailureLines(r: ExploreResult, lang: Lang, style: Style): string[] {
  const zh = lang === 'zh-CN';
  if (r.exhausted)
    return [
      style.green(
        zh
          ? `所有 ${r.runs} 个抢占不超过 ${r.bound} 次的调度都已探索：没有一个失败。在这个界限内，这就是证明。`
          : `All ${r.runs} schedules with ≤ ${r.bound} preemption${r.bound === 1 ? '' : 's'} explored: none fails. Within that bound this is a proof.`,
      ),
    ];
  const more =
    r.bound !== undefined
      ? zh
        ? `抢占不超过 ${r.bound} 次的调度还没有探索完。`
        : `Schedules with ≤ ${r.bound} preemption${r.bound === 1 ? '' : 's'} are left unexplored.`
      : zh
        ? '这不是证明：别的调度仍可能失败。'
        : 'That is no proof: other schedules may still fail.';
  return [
    // Chinese sentences follow one another without a space: 。 carries its own.
    style.green(zh ? `${r.runs} 次运行中没有失败。` : `No failure in ${r.runs} runs.`) +
      (zh ? '' : ' ') +
      more,
  ];
}
