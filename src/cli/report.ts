/** The end-of-run report: status, outcome banner, narration, diagnostics, statistics, and how to repeat the run. */
import type { LabEvent, Localized, RunStatus } from '../protocol/events';
import { summarizeOutcome } from '../model/outcomeSummary';
import { textIn } from '../model/localizedText';
import { builtinLab } from '../labs/analysis/catalog';
import type { RunOptions } from './args';
import { RUN_BOUNDS } from '../protocol/runBounds';
import { errorPlace, firstLine } from './describe';
import { LogNames } from './lanes';
import { findingTitle, isInformation } from '../model/findingWords';
import { statsLines } from './statsTable';
import type { Style } from './style';
import { wrap } from './style';

export interface RunResult {
  status: RunStatus;
  events: readonly LabEvent[];
  wallMs: number;
}

export function reportLines(r: RunResult, opts: RunOptions, style: Style, width: number): string[] {
  const zh = opts.lang === 'zh-CN';
  const t = (en: string, cn: string) => (zh ? cn : en);
  const out: string[] = [];
  const section = (title: string) => {
    out.push('', style.bold(title));
  };
  const end = [...r.events].reverse().find((e) => e.kind === 'run.end');
  const procs = r.events.filter((e) => e.kind === 'proc.spawn').length;

  out.push('', style.dim('─'.repeat(Math.min(width, 100))));
  const word = zh ? STATUS_ZH[r.status] : r.status;
  const statusWord =
    r.status === 'ok'
      ? style.green(word)
      : r.status === 'stopped'
        ? style.yellow(word)
        : style.red(word);
  out.push(
    `${style.bold(t('Status ', '状态 '))} ${statusWord} · ${t(`${procs} process${procs === 1 ? '' : 'es'}, ${r.events.length} events, ${(r.wallMs / 1000).toFixed(1)} s wall time`, `${procs} 个进程，${r.events.length} 个事件，实际用时 ${(r.wallMs / 1000).toFixed(1)} 秒`)}`,
  );
  const banner = summarizeOutcome(r.events);
  // The banner of a failed run already carries the runner's message.
  if (!banner && end && end.kind === 'run.end' && end.message && r.status !== 'ok')
    out.push(`        ${style.red(end.message)}`);
  if (banner) {
    const paint =
      banner.verdict === 'good' ? style.green : banner.verdict === 'bad' ? style.red : style.yellow;
    out.push(`${style.bold(t('Outcome', '结果 '))} ${paint(textIn(banner.text, opts.lang))}`);
  }
  // The lab's check, when the run ended by itself (a failed status already says it failed).
  if (end?.kind === 'run.end' && end.status === 'ok' && end.verdict) {
    const verdict =
      end.verdict === 'pass'
        ? style.green(t('passed', '通过'))
        : style.red(
            `${t('failed', '未通过')}${zh ? '：' : ': '}${end.failure ? textIn(end.failure, opts.lang) : ''}`,
          );
    out.push(`${style.bold(t('Check  ', '检查 '))} ${verdict}`);
  }

  const story = narration(r.events, end);
  if (story) {
    section(t('What happened', '发生了什么'));
    out.push(...wrap(textIn(story, opts.lang), width, '  '));
  }

  const diags = r.events.filter((e) => e.kind === 'diag');
  // A deadlock or hang is the outcome itself: its finding would repeat the banner word for word.
  const said = end?.kind === 'run.end' ? end.message : undefined;
  const problems = diags.filter(
    (d) => d.kind === 'diag' && !isInformation(d.code) && d.message[opts.lang] !== said,
  );
  const notes = diags.filter((d) => d.kind === 'diag' && isInformation(d.code));
  if (problems.length) {
    section(t('What went wrong', '出了什么问题'));
    for (const d of problems)
      if (d.kind === 'diag')
        out.push(...wrap(`⚠ ${findingLine(d, opts.lang)}`, width, '  ').map((l) => style.red(l)));
  }
  if (notes.length) {
    section(t('Worth knowing', '值得注意'));
    for (const d of notes)
      if (d.kind === 'diag') out.push(...wrap(`ℹ ${findingLine(d, opts.lang)}`, width, '  '));
  }

  const errors = r.events.filter((e) => e.kind === 'error');
  if (errors.length) {
    section(t('Errors', '错误'));
    const names = new LogNames(opts.lang);
    for (const e of r.events) names.note(e);
    for (const e of errors.slice(0, 10))
      if (e.kind === 'error')
        out.push(...errorLines(e, names, style, t('at', '位置'), t(': ', '：')));
    if (errors.length > 10)
      out.push(t(`  … and ${errors.length - 10} more`, `  ……还有 ${errors.length - 10} 个`));
  }

  section(t('Statistics (lab time)', '统计（实验时间）'));
  out.push(...statsLines(r.events, opts.lang, opts.speed));

  const again = rerunCommand(opts);
  out.push(
    '',
    style.dim(
      t(
        `Seed ${opts.seed}. Run it again with: ${again}${realtimeCaveat(opts, 'en')}`,
        `种子 ${opts.seed}。重复这次运行：${again}${realtimeCaveat(opts, 'zh-CN')}`,
      ),
    ),
  );
  return out;
}

/** The runner's narration; for a built-in lab whose run.end lacks it, the lab's own narrate over the log. */
function narration(events: readonly LabEvent[], end: LabEvent | undefined): Localized | undefined {
  if (end && end.kind === 'run.end' && end.narration) return end.narration;
  const start = events.find((e) => e.kind === 'run.start');
  const meta = start && start.kind === 'run.start' ? builtinLab(start.lab) : undefined;
  if (!meta || !end) return undefined;
  try {
    return meta.narrate(meta.outcome(events), events);
  } catch {
    return undefined;
  }
}

/** A finding as one line of words: its title, then what it found. */
function findingLine(d: Extract<LabEvent, { kind: 'diag' }>, lang: RunOptions['lang']): string {
  const title = findingTitle(d.code)[lang];
  const message = textIn(d.message, lang);
  // The runner's deadlock and hang messages already begin with what they are.
  if (d.code === 'hang' || message.toLowerCase().startsWith(title.toLowerCase())) return message;
  return `${title}${lang === 'zh-CN' ? '：' : ': '}${message}`;
}

/** An error as the report shows it: who raised it, where (`file:line`, a link), and its message. */
function errorLines(
  e: Extract<LabEvent, { kind: 'error' }>,
  names: LogNames,
  style: Style,
  atWord: string,
  colon: string,
): string[] {
  const place = errorPlace(e);
  const who = e.proc >= 0 ? `${names.proc(e.proc)}${colon}` : '';
  const lines = [style.red(`  ${who}${firstLine(e.message)}`)];
  if (place) lines.push(`    ${style.dim(atWord)} ${place}`);
  return lines;
}

/** The run's status in Chinese (the protocol's words are English). */
export const STATUS_ZH: Record<RunStatus, string> = {
  ok: '正常结束',
  error: '出错',
  stopped: '已停止',
  timeout: '超时',
  deadlock: '死锁',
  hang: '卡住',
};

export function exitCodeFor(status: RunStatus): number {
  return status === 'ok' ? 0 : status === 'stopped' ? 130 : 1;
}

/** How to get a controlled run's choices again: the same policy and seed, or (step mode) its log. */
/**
 * In real time a seed repeats the random numbers, not the interleaving; a controlled schedule
 * (--schedule, --replay) repeats both.
 */
function realtimeCaveat(opts: RunOptions, lang: RunOptions['lang']): string {
  if (opts.schedule !== 'realtime' || opts.replayFile) return '';
  return lang === 'en'
    ? ' (the same random numbers; processes run in real time, so the interleaving, and with it the outcome, can differ: --schedule fifo and --events, then --replay, repeat a run exactly)'
    : '（随机数相同；但进程是实时运行的，交错顺序和结果都可能不同：用 --schedule fifo 和 --events 运行，再用 --replay 可以精确重放）';
}

/**
 * The command that runs the lab again: its seed and speed, its schedule, the bounds given, and
 * a --lang given (a lab names its processes in the run's language: another is another run).
 */
export function rerunCommand(opts: RunOptions): string {
  const lab = /[\\/]/.test(opts.lab) ? JSON.stringify(opts.lab) : opts.lab;
  const lang = opts.langGiven ? ` --lang ${opts.lang}` : '';
  return `node dist/cli.js run ${lab} --seed ${opts.seed} --speed ${opts.speed}${scheduleArgs(opts)}${boundArgs(opts)}${lang}`;
}

function scheduleArgs(opts: RunOptions): string {
  if (opts.schedule === 'realtime' && !opts.replayFile) return '';
  if ((opts.schedule === 'step' || opts.replayFile) && opts.eventsFile)
    return ` --replay ${JSON.stringify(opts.eventsFile)}`;
  // A replay without a log of its own is repeated by replaying the same recording.
  if (opts.replayFile) {
    const then = opts.schedule === 'realtime' ? '' : ` --schedule ${opts.schedule}`;
    const fork = opts.until === undefined ? '' : ` --until ${opts.until}${then}`;
    return ` --replay ${JSON.stringify(opts.replayFile)}${fork}`;
  }
  return ` --schedule ${opts.schedule === 'realtime' ? 'fifo' : opts.schedule}`;
}

/** The time and memory bounds, when not the defaults: a run that reached one reaches it again. */
function boundArgs(opts: RunOptions): string {
  const timeout =
    opts.schedule === 'step' ? RUN_BOUNDS.timeoutSec.max : RUN_BOUNDS.timeoutSec.fallback;
  return (
    (opts.timeoutSec !== timeout ? ` --timeout ${opts.timeoutSec}` : '') +
    (opts.maxMemoryMB !== RUN_BOUNDS.maxMemoryMB.fallback
      ? ` --max-memory ${opts.maxMemoryMB}`
      : '')
  );
}
