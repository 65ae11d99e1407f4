/** The pool-map lab read back from the log: each Pool's map, how long it took, who did what. */
import type { Json, LabEvent, Localized } from '../../protocol/events';
import { eventsOf, listEn, listZh, procNames, speedOf } from './kit/log';

interface PoolRun {
  workers: number;
  /** Lab seconds from the map's submit to its result. */
  sec: number;
  /** Tasks each worker ran, by worker name. */
  tasks: Record<string, number>;
  /** The results, task by task, in task order. */
  values: Json[];
}

function poolRuns(events: readonly LabEvent[]): PoolRun[] {
  const names = procNames(events);
  const toSec = (us: number) => Math.round((us * speedOf(events)) / 1e4) / 100;
  return eventsOf(events, 'pool.create').map((p) => {
    const submit = eventsOf(events, 'pool.submit').find((e) => e.obj === p.obj);
    const result = eventsOf(events, 'pool.result').find((e) => e.obj === p.obj && e.delivered);
    const tasks: Record<string, number> = {};
    for (const e of eventsOf(events, 'pool.start').filter((s) => s.obj === p.obj)) {
      const who = names.get(e.proc) ?? `#${e.proc}`;
      tasks[who] = (tasks[who] ?? 0) + 1;
    }
    const done = eventsOf(events, 'pool.done').filter((e) => e.obj === p.obj && e.job === 1);
    const values = [...done].sort((a, b) => a.task - b.task).flatMap((e) => e.value ?? []);
    const sec = submit && result ? toSec(result.t - submit.t) : 0;
    return { workers: p.processes, sec, tasks, values: values as Json[] };
  });
}

export function poolMapOutcome(events: readonly LabEvent[]): Json {
  const runs = poolRuns(events);
  const one = runs.find((r) => r.workers === 1);
  const four = runs.find((r) => r.workers === 4);
  const squares = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => n * n);
  const right = (r?: PoolRun) => !!r && JSON.stringify(r.values) === JSON.stringify(squares);
  return {
    oneWorkerSec: one?.sec ?? null,
    fourWorkersSec: four?.sec ?? null,
    speedup: one && four && four.sec > 0 ? Math.round((one.sec / four.sec) * 10) / 10 : null,
    tasksPerWorker: four ? Object.values(four.tasks) : [],
    inOrder: right(one) && right(four),
  };
}

interface Outcome {
  oneWorkerSec: number | null;
  fourWorkersSec: number | null;
  speedup: number | null;
  tasksPerWorker: number[];
  inOrder: boolean;
}

/** "8 squares: 4.01 s on one worker, 1.01 s on four, 4× as fast". */
export function describePoolMap(outcome: Json): Localized {
  const o = outcome as unknown as Outcome;
  return {
    en: `8 squares: ${o.oneWorkerSec} s on one worker, ${o.fourWorkersSec} s on four, ${o.speedup}× as fast`,
    'zh-CN': `8 个平方：一个工作进程用 ${o.oneWorkerSec} 秒，四个用 ${o.fourWorkersSec} 秒，快了 ${o.speedup} 倍`,
  };
}

export function checkPoolMap(outcome: Json): Localized | undefined {
  const o = outcome as unknown as Outcome | null;
  if (!o || typeof o.speedup !== 'number') return undefined;
  if (!o.inOrder)
    return {
      en: 'map did not return the eight squares in the order of the numbers',
      'zh-CN': 'map 没有按原顺序返回八个平方',
    };
  if (o.speedup >= 2) return undefined;
  return {
    en: `four workers were only ${o.speedup}× as fast as one`,
    'zh-CN': `四个工作进程只比一个快了 ${o.speedup} 倍`,
  };
}

export function narratePoolMap(events: readonly LabEvent[]): Localized {
  const o = poolMapOutcome(events) as unknown as Outcome;
  const counts = o.tasksPerWorker.map(String);
  return {
    en: `One worker squared the eight numbers in ${o.oneWorkerSec} s; four workers took ${o.fourWorkersSec} s, ${o.speedup}× as fast (they ran ${listEn(counts)} tasks). Pool.map cuts the list into chunks (CPython's default: the items over four times the workers, rounded up, so one worker got four chunks of two numbers and four workers got eight chunks of one), hands each chunk to the next idle worker, and puts the results back in the order of the numbers, whichever worker finished first. Eight half-second squares on four workers are two rounds: no better than 4× however the work is shared, and each chunk costs a round trip to the workers on top.`,
    'zh-CN': `一个工作进程用了 ${o.oneWorkerSec} 秒算完八个平方；四个工作进程用了 ${o.fourWorkersSec} 秒，快了 ${o.speedup} 倍（分别跑了 ${listZh(counts)} 个任务）。Pool.map 把列表切成块（CPython 的默认块大小：项目数除以工作进程数的四倍，向上取整，所以一个工作进程拿到四块、每块两个数，四个工作进程拿到八块、每块一个数），把每块交给下一个空闲的工作进程，再按数字的原顺序放回结果，不管哪个工作进程先算完。八个各需半秒的平方在四个工作进程上要两轮：无论怎样分配都不会超过 4 倍，而且每一块还要额外花一次与工作进程往返的时间。`,
  };
}
