import type { LabEvent } from '../protocol/events';
import { lockIntervals } from './analysis';
import type { Finding } from './diagText';
import {
  describeLostUpdate,
  describeTornRead,
  findLostUpdates,
  findTornReads,
  lostUpdateIds,
  tornReadIds,
  type FindingIds,
} from './fileDiagnostics';
import { collectNames, type LogNames } from './logNames';
import { tidyLocalized } from './chineseText';
import { findLockContention, findUnfinishedTasks } from './syncDiagnostics';

export type { Finding } from './diagText';

/** Past this many findings of one code the rest are summed up in one, so a racy lab cannot flood the log. */
export const MAX_FINDINGS_PER_CODE = 20;

/**
 * Diagnoses a run's log: lost updates, torn reads, lock contention, unfinished JoinableQueue tasks.
 * Deadlock and hang are diagnosed by the runner while the run is live, not here.
 * Linear in the log; safe on partial logs and on logs of crashed runs.
 */
export function diagnose(events: readonly LabEvent[]): Finding[] {
  const names = collectNames(events);
  const start = events.find((e) => e.kind === 'run.start');
  const speed = start?.kind === 'run.start' && start.speed > 0 ? start.speed : 1;
  const findings = [
    ...capped(findLostUpdates(events), describeLostUpdate, lostUpdateIds, names, (n, total) => ({
      en: `…and ${n} more lost ${n === 1 ? 'update' : 'updates'} like these (${total} in all).`,
      'zh-CN': `……还有 ${n} 次类似的丢失更新（共 ${total} 次）。`,
    })),
    ...capped(findTornReads(events), describeTornRead, tornReadIds, names, (n, total) => ({
      en: `…and ${n} more torn ${n === 1 ? 'read' : 'reads'} like these (${total} in all).`,
      'zh-CN': `……还有 ${n} 次类似的读到残缺文件（共 ${total} 次）。`,
    })),
    ...findLockContention(lockIntervals(events), names, speed),
    ...findUnfinishedTasks(events, names),
  ];
  return findings.map((f) => ({ ...f, message: tidyLocalized(f.message) }));
}

/** Describes the first MAX_FINDINGS_PER_CODE raw findings and folds the rest into one summary. */
function capped<R>(
  raw: R[],
  describe: (r: R, names: LogNames) => Finding,
  ids: (r: R) => FindingIds,
  names: LogNames,
  rest: (n: number, total: number) => Finding['message'],
): Finding[] {
  const kept = raw.slice(0, MAX_FINDINGS_PER_CODE).map((r) => describe(r, names));
  if (raw.length <= MAX_FINDINGS_PER_CODE) return kept;
  const procs = new Set<number>();
  const objs = new Set<number>();
  let at: number | undefined;
  for (let i = MAX_FINDINGS_PER_CODE; i < raw.length; i++) {
    // Describing each dropped finding would cost more than the whole scan; only its procs/objs are needed.
    const f = ids(raw[i]);
    f.procs.forEach((p) => procs.add(p));
    f.objs.forEach((o) => objs.add(o));
    at ??= f.at;
  }
  kept.push({
    code: kept[0].code,
    message: rest(raw.length - MAX_FINDINGS_PER_CODE, raw.length),
    procs: [...procs].sort((a, b) => a - b),
    objs: [...objs].sort((a, b) => a - b),
    at,
  });
  return kept;
}
