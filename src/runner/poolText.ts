/**
 * Plain words, in both languages, for a Pool: what a process blocked on one waits for (hang
 * diagnoses), and what a request on one will do (the steps of a controlled run).
 */
import type { Localized } from '../protocol/events';
import type { LabMessage } from '../protocol/lab';
import type { PoolState } from './poolState';
import type { Waiter } from './waiter';

/** "task 2 was lost when SpawnPoolWorker-2 exited" for each lost task of job `id`. */
function lostText(pool: PoolState, id: number): Localized {
  const lost = (pool.jobs.get(id)?.tasks ?? []).filter((t) => t.lost);
  if (lost.length === 0) return { en: '', 'zh-CN': '' };
  const en = lost.map((t) => `task ${t.index} was lost when ${t.worker?.name} exited`).join(', ');
  const zh = lost.map((t) => `任务 ${t.index} 随 ${t.worker?.name} 退出而丢失`).join('，');
  return { en: ` (${en})`, 'zh-CN': `（${zh}）` };
}

/**
 * "MainProcess waits in get() on Pool 1 for job 2, 3 of 4 tasks done". `name`: the pool's name in
 * each language.
 */
export function describePoolWait(w: Waiter, pool: PoolState, name: Localized): Localized {
  const who = w.proc.name;
  if (w.kind === 'task')
    return {
      en: `${who} waits for a task from ${name.en}`,
      'zh-CN': `${who} 在等待 ${name['zh-CN']} 分来的任务`,
    };
  if (w.kind === 'pooljoin')
    return {
      en: `${who} waits in join() on ${name.en} for its ${pool.workers.size} workers to exit`,
      'zh-CN': `${who} 在 join() 中等待 ${name['zh-CN']} 的 ${pool.workers.size} 个工作进程退出`,
    };
  const want = w.poolWait;
  const job = want ? pool.jobs.get(want.job) : undefined;
  const call = want?.mode === 'wait' ? 'wait()' : 'get()';
  const done = job ? job.tasks.length - job.left : 0;
  const of = job ? job.tasks.length : 0;
  const lost = lostText(pool, want?.job ?? 0);
  const gone =
    pool.state === 'terminate' ? { en: ', terminated', 'zh-CN': '，而进程池已被终止' } : null;
  return {
    en: `${who} waits in ${call} on ${name.en} for job ${want?.job}, ${done} of ${of} tasks done${lost.en}${gone?.en ?? ''}`,
    'zh-CN': `${who} 在 ${call} 中等待 ${name['zh-CN']} 的作业 ${want?.job}，${of} 个任务完成了 ${done} 个${lost['zh-CN']}${gone?.['zh-CN'] ?? ''}`,
  };
}

const both = (en: string, zh: string): Localized => ({ en, 'zh-CN': zh });

/**
 * Words for `m` on the pool called `name` (in each language), or null when `m` is not a request
 * on a Pool.
 */
export function describePoolOp(m: LabMessage, name: Localized): Localized | null {
  switch (m.op) {
    case 'pool.create':
      return both(
        `create ${m.name ?? 'a Pool'} of ${m.processes}`,
        `创建 ${m.processes} 个进程的 ${m.name ?? '进程池'}`,
      );
    case 'pool.submit':
      return both(
        `submit ${m.call}(${m.fn}) to ${name.en}`,
        `向 ${name['zh-CN']} 提交 ${m.call}(${m.fn})`,
      );
    case 'pool.next':
      return both(`take a task from ${name.en}`, `从 ${name['zh-CN']} 领取任务`);
    case 'pool.done':
      return both(
        `report task ${m.task} of job ${m.job} done`,
        `报告作业 ${m.job} 的任务 ${m.task} 完成`,
      );
    case 'pool.result': {
      const call = m.mode === 'peek' ? 'ready()' : `${m.mode}()`;
      return both(
        `${call} job ${m.job} of ${name.en}`,
        `对 ${name['zh-CN']} 的作业 ${m.job} 调用 ${call}`,
      );
    }
    case 'pool.close':
      return both(`close ${name.en}`, `关闭 ${name['zh-CN']}`);
    case 'pool.terminate':
      return both(`terminate ${name.en}`, `终止 ${name['zh-CN']}`);
    case 'pool.join':
      return both(`join ${name.en}`, `等待 ${name['zh-CN']} 的工作进程退出`);
    default:
      return null;
  }
}
