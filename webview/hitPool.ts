/** Hover lines of a Pool worker's lane: the task it runs at t, with its function and result. */
import type { TimelineModel } from '../src/model/timeline';
import { formatValue } from '../src/protocol/preview';
import { tr } from './i18n';
import { fmtDur } from './text';

/** "Task 3 of job 1 (Pool 1): slowSquare — returned [16], 0.5 s" for the task of `proc` at t. */
export function poolTaskLines(m: TimelineModel, proc: number, t: number): string[] {
  for (const p of m.pools.values()) {
    const i = p.taskOf(proc, t);
    if (i < 0) continue;
    const job = p.jobs.get(p.taskJob.values[i]);
    const head = tr('poolTask', {
      task: p.taskIndex.values[i],
      job: p.taskJob.values[i],
      pool: p.name,
      fn: job?.fn ?? '?',
    });
    const ok = p.taskOk.values[i];
    const end = p.taskEnd.values[i];
    const what =
      ok === 1
        ? tr('poolReturned', { value: formatValue(p.taskValue[i]) })
        : tr(ok === 0 ? 'poolRaised' : 'poolRunning');
    const took = Number.isFinite(end) ? `${tr('comma')}${fmtDur(end - p.taskStart.values[i])}` : '';
    return [`${head} — ${what}${took}`];
  }
  return [];
}
