/** The Statistics table of the Pools: each worker's tasks and busy time, pool by pool. */
import type { RunStats } from '../src/model/stats';
import { table } from './statsTable';
import { fmtDur } from './text';
import { procWord } from './i18n';

export function poolTable(s: RunStats, Z: boolean): HTMLTableElement {
  const name = (proc: number) => {
    const worker = s.processes.find((p) => p.proc === proc);
    return worker ? procWord(worker.name) : `#${proc}`;
  };
  return table(
    Z ? '进程池：每个工作进程的任务' : 'Pools: tasks per worker',
    Z ? ['进程池', '工作进程', '任务', '忙碌'] : ['Pool', 'worker', 'tasks', 'busy'],
    s.pools.flatMap((p) =>
      p.workers.map((w) => [p.name, name(w.proc), w.tasks, w.busyUs ? fmtDur(w.busyUs) : '–']),
    ),
  );
}
