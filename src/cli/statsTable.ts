/** The statistics part of the end-of-run report, from the shared `computeStats` (src/model/stats.ts). */
import type { LabEvent } from '../protocol/events';
import { computeStats, formatDuration, type DurationSummary } from '../model/stats';
import type { Lang } from './args';
import { exitReasonText } from '../model/exitReasonWords';
import { processNameIn } from '../model/chineseText';
import { chineseKindAndName, isDefaultObjectName, objectNameIn } from '../model/objectNames';
import { displayWidth, fit } from './style';
import { syncStatsLines } from './syncStatsLines';
import { poolStatsLines } from './poolStatsLines';

/**
 * Lines of text: a row per process, then a line per lock and per queue. A process's "queue wait"
 * is its time blocked in put/get on any queue; the per-queue lines split it by queue.
 * Durations are in lab time (wall time × speed) so they read in the units the lab's sleeps use.
 */
export function statsLines(events: readonly LabEvent[], lang: Lang, speed: number): string[] {
  const s = computeStats(events);
  const zh = lang === 'zh-CN';
  const d = (us: number) => (us > 0 ? formatDuration(us * speed) : '–');
  const hasLocks = s.locks.length > 0;
  const hasQueues = s.queues.length > 0;
  const hasSyncs = s.syncs.length > 0;
  const cols: [string, number][] = [
    [zh ? '进程' : 'process', 14],
    [zh ? '退出' : 'exit', 16],
    [zh ? '存活' : 'alive', 11],
    [zh ? '睡眠' : 'sleeping', 9],
  ];
  if (hasLocks) cols.push([zh ? '等锁' : 'lock wait', 10], [zh ? '持锁' : 'lock hold', 10]);
  if (hasQueues) cols.push([zh ? '等队列' : 'queue wait', 10], [zh ? '放入/取出' : 'put/got', 9]);
  if (hasSyncs) cols.push([zh ? '同步等待' : 'sync wait', 9]);
  cols.push([zh ? 'join 等待' : 'join wait', 9]);
  const row = (cells: string[]) =>
    '  ' +
    cells
      .map((c, i) => fit(c, cols[i][1], true))
      .join(' ')
      .trimEnd();
  const rows: string[][] = [];
  for (const p of s.processes) {
    const exit = !p.exited
      ? zh
        ? '未结束'
        : 'running'
      : p.signal
        ? zh
          ? `${exitReasonText(p.exitReason ?? '', lang)}（${p.signal}）`
          : `${exitReasonText(p.exitReason ?? '', lang)} (${p.signal})`
        : zh
          ? `${p.exitCode}（${exitReasonText(p.exitReason ?? '', lang)}）`
          : `${p.exitCode} (${exitReasonText(p.exitReason ?? '', lang)})`;
    const cells = [processNameIn(p.name, lang), exit, d(p.lifetimeUs), d(p.sleepingUs)];
    if (hasLocks) cells.push(d(p.lockWaitUs), d(p.lockHoldUs));
    if (hasQueues) cells.push(d(p.putBlockedUs + p.getBlockedUs), `${p.itemsPut}/${p.itemsGot}`);
    if (hasSyncs) cells.push(d(p.syncWaitUs));
    cells.push(d(p.joinWaitUs));
    rows.push(cells);
  }
  // The name and exit columns grow to their longest cell ("ForkPoolWorker-1", "terminated
  // (SIGTERM)", 守护进程随主进程结束（SIGTERM） at 31 columns), within reason, so neither is cut
  // where the line has room.
  for (const [i, most] of [
    [0, 24],
    [1, 32],
  ] as const)
    cols[i][1] = Math.min(most, Math.max(cols[i][1], ...rows.map((r) => displayWidth(r[i]))));
  const lines = [row(cols.map((c) => c[0])), ...rows.map(row)];
  // In a summary a zero is a measured zero (a lock taken at once), not a missing figure.
  const z = (us: number) => formatDuration(us * speed);
  const sum = (x: DurationSummary) =>
    x.count === 0 ? '–' : `${z(x.minUs)} / ${z(x.avgUs)} / ${z(x.p95Us)} / ${z(x.maxUs)}`;
  for (const l of s.locks) {
    lines.push(
      zh
        ? `  ${kind(l.name, '锁', lang)}：${l.acquisitions} 次获取，${l.contended} 次需要等待；等待 最小/平均/p95/最大 ${sum(l.wait)}；持有 ${sum(l.hold)}`
        : `  ${kind(l.name, 'lock', lang)}: ${count(l.acquisitions, 'acquisition')}, ${l.contended} contended; wait min/avg/p95/max ${sum(l.wait)}; hold ${sum(l.hold)}`,
    );
  }
  for (const q of s.queues) {
    lines.push(
      zh
        ? `  ${kind(q.name, '队列', lang)}：放入 ${q.puts}，取出 ${q.gets}，最大深度 ${q.maxDepth}${q.maxsize ? `/${q.maxsize}` : ''}，put 阻塞 ${d(q.putBlockedUs)}，get 阻塞 ${d(q.getBlockedUs)}${q.joinable ? `，未完成任务 ${q.unfinished}` : ''}`
        : `  ${kind(q.name, 'queue', lang)}: ${count(q.puts, 'put')}, ${count(q.gets, 'get')}, max depth ${q.maxDepth}${q.maxsize ? `/${q.maxsize}` : ''}, put blocked ${d(q.putBlockedUs)}, get blocked ${d(q.getBlockedUs)}${q.joinable ? `, unfinished tasks ${q.unfinished}` : ''}`,
    );
  }
  lines.push(...syncStatsLines(s.syncs, lang, sum));
  const procName = (proc: number) => {
    const name = s.processes.find((p) => p.proc === proc)?.name;
    return name === undefined ? `#${proc}` : processNameIn(name, lang);
  };
  lines.push(...poolStatsLines(s.pools, zh, d, procName));
  return lines;
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * "Lock 1" says its kind already (锁 1 in Chinese); a lab's own name gets it: "lock mutex" /
 * "锁 mutex", 锁账户 A (spaced as the findings say it).
 */
function kind(name: string, word: string, lang: Lang): string {
  if (isDefaultObjectName(name)) return objectNameIn(name, lang);
  if (/^(lock|queue|joinablequeue)\b/i.test(name)) return name;
  return lang === 'zh-CN' ? chineseKindAndName(word, name) : `${word} ${name}`;
}
