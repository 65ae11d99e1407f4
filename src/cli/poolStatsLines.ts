/** The end-of-run report's lines for each Pool (from src/model/poolStats.ts): tasks and busy time per worker. */
import type { PoolStats } from '../model/stats';
import { chineseKindAndName, isDefaultObjectName, objectNameIn } from '../model/objectNames';

/** One line per pool; `d` formats a duration, `name` a process. */
export function poolStatsLines(
  pools: readonly PoolStats[],
  zh: boolean,
  d: (us: number) => string,
  name: (proc: number) => string,
): string[] {
  return pools.map((p) => {
    const workers = p.workers
      .filter((w) => w.tasks > 0)
      .map((w) =>
        zh
          ? `${name(w.proc)} ${w.tasks} 个（忙 ${d(w.busyUs)}）`
          : `${name(w.proc)} ${w.tasks} (busy ${d(w.busyUs)})`,
      )
      .join(zh ? '、' : ', ');
    // A default name says its kind already ("Pool 1", 进程池 1 in Chinese).
    const lang = zh ? 'zh-CN' : 'en';
    const named = isDefaultObjectName(p.name)
      ? objectNameIn(p.name, lang)
      : zh
        ? chineseKindAndName('进程池', p.name)
        : `pool ${p.name}`;
    return zh
      ? `  ${named}：${p.processes} 个工作进程，${p.jobs} 个作业，${p.tasks} 个任务（${p.failed} 个抛出异常）；每个工作进程的任务：${workers || '无'}`
      : `  ${named}: ${count(p.processes, 'worker')}, ${count(p.jobs, 'job')}, ${count(p.tasks, 'task')} (${p.failed} raised); tasks per worker: ${workers || 'none'}`;
  });
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
