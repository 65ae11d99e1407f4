/**
 * What the editor shows of a run at a line of lab code: the short text after the line, the
 * per-process table of its hover, and the summary at the top of the file. Pure (no vscode):
 * `t` is the host's translation function (`vscode.l10n.t`), so tests read the same text.
 */
import type { LabEvent } from '../protocol/events';
import type { UiLang } from '../protocol/webview';
import { processNameIn } from '../model/chineseText';
import { formatDuration } from '../model/formatDuration';
import type { LineStats } from '../model/siteStats';

export type Translate = (message: string, ...args: (string | number)[]) => string;

/** Calls that wait (their waits are worth a number) and that hold (a lock). */
const WAITING_CALLS = [
  'lock.acquire()',
  'queue.get()',
  'queue.put()',
  'queue.join()',
  'process.join()',
  'semaphore.acquire()',
  'event.wait()',
  'condition.wait()',
  'barrier.wait()',
  'conn.recv()',
  'pool.apply()',
  'pool.map()',
  'pool.starmap()',
  'pool.imap()',
  'pool.imapUnordered()',
  'result.get()',
];

function waits(l: LineStats): boolean {
  return l.callNames.some((c) => WAITING_CALLS.includes(c)) && l.waits > 0;
}

/** `10 calls · waited 1.2 s (longest 300 ms) · held 2.1 s · 1 lost update`. */
export function afterLineText(l: LineStats, t: Translate): string {
  const parts = [l.calls === 1 ? t('1 call') : t('{0} calls', l.calls)];
  if (waits(l))
    parts.push(
      t('waited {0} (longest {1})', formatDuration(l.waitUs), formatDuration(l.maxWaitUs)),
    );
  if (l.holds > 0)
    parts.push(t('held {0} (longest {1})', formatDuration(l.holdUs), formatDuration(l.maxHoldUs)));
  if (l.lostUpdates > 0)
    parts.push(l.lostUpdates === 1 ? t('1 lost update') : t('{0} lost updates', l.lostUpdates));
  if (l.tornReads > 0)
    parts.push(l.tornReads === 1 ? t('1 torn read') : t('{0} torn reads', l.tornReads));
  return parts.join(' · ');
}

/** The processes' names in a log, by index, as the UI in `lang` says them (主进程 in Chinese). */
export function processNames(
  events: readonly LabEvent[],
  lang: UiLang = 'en',
): Map<number, string> {
  const names = new Map<number, string>();
  for (const e of events)
    if (e.kind === 'proc.spawn') names.set(e.proc, processNameIn(e.name, lang));
  return names;
}

/** Text a lab named (a process name) inside a Markdown table cell: no markup, no cell breaks. */
function cell(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');
}

/** The hover of a line: what it called, and a table of what each process did there. */
export function hoverMarkdown(l: LineStats, names: Map<number, string>, t: Translate): string {
  const head = `**${l.callNames.map((c) => `\`${c}\``).join(', ')}** — ${t('in the last run')}`;
  const hold = l.holds > 0;
  const cols = [t('Process'), t('Calls'), t('Waited'), t('Longest wait')];
  if (hold) cols.push(t('Held'), t('Longest hold'));
  const rows = l.byProc.map((p) => {
    const row = [cell(names.get(p.proc) ?? String(p.proc)), String(p.calls)];
    row.push(formatDuration(p.waitUs), formatDuration(p.maxWaitUs));
    if (hold) row.push(formatDuration(p.holdUs), formatDuration(p.maxHoldUs));
    return `| ${row.join(' | ')} |`;
  });
  const table = [
    `| ${cols.join(' | ')} |`,
    `|${cols.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
    ...rows,
  ];
  const found = [];
  if (l.lostUpdates > 0) found.push(t('{0} lost update(s) written here', l.lostUpdates));
  if (l.tornReads > 0) found.push(t('{0} torn read(s) here', l.tornReads));
  return [head, '', ...table, ...(found.length ? ['', `⚠ ${found.join(' · ')}`] : [])].join('\n');
}

/** The summary at the top of a file: `Last run: 55 calls on 8 lines · 3 lost updates`. */
export function fileSummary(lines: Iterable<LineStats>, t: Translate): string {
  let calls = 0,
    count = 0,
    lost = 0,
    torn = 0,
    waitUs = 0;
  for (const l of lines) {
    calls += l.calls;
    count++;
    lost += l.lostUpdates;
    torn += l.tornReads;
    if (waits(l)) waitUs += l.waitUs;
  }
  const parts = [t('Last run: {0} calls on {1} lines', calls, count)];
  if (waitUs > 0) parts.push(t('waited {0} in all', formatDuration(waitUs)));
  if (lost > 0) parts.push(lost === 1 ? t('1 lost update') : t('{0} lost updates', lost));
  if (torn > 0) parts.push(torn === 1 ? t('1 torn read') : t('{0} torn reads', torn));
  return parts.join(' · ');
}
