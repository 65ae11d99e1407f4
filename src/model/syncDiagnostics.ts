import type { LabEvent } from '../protocol/events';
import type { LockWaitSummary, LongestWait } from './lockWaits';
import { joinNames, plural, type Finding } from './diagText';
import { formatDuration } from './formatDuration';
import { objLabel, procLabel, type LogNames } from './logNames';
import { kindAndName } from './objectNames';

/**
 * One finding summarizing every lock that made a process wait, or none when no lock did.
 * Durations are told in lab time (the log's wall time × the run's speed), the time the lab's sleeps are in.
 * A controlled run's time is virtual (each step a tick, sleeps jumped to their end): a wait that
 * got the lock took its holders' steps and sleeps, but one that never did lasted until the run
 * ended it (a deadlock is found at once: "0 µs"), so with `virtualTime` its length is left out.
 */
export function findLockContention(
  locks: readonly LockWaitSummary[],
  names: LogNames,
  speed = 1,
  virtualTime = false,
): Finding[] {
  const en: string[] = [];
  const zh: string[] = [];
  const procs = new Set<number>();
  const objs: number[] = [];
  let worst: LongestWait | undefined;
  for (const lock of locks) {
    const longest = lock.longest;
    if (!longest) continue;
    const { obj, waiters, acquired, acquiredAfterWait, gaveUp, neverGot } = lock;
    objs.push(obj);
    for (const p of waiters) procs.add(p);
    if (!worst || longest.waitUs > worst.waitUs) worst = longest;
    const holders = longest.holders;
    const called = kindAndName('Lock', objLabel(names, obj));
    const who = procLabel(names, longest.proc);
    const dur =
      virtualTime && longest.neverGot ? undefined : formatDuration(longest.waitUs * speed);
    const heldEn = holders.length
      ? `, while ${joinNames(
          holders.map((p) => procLabel(names, p).en),
          'en',
        )} held it`
      : '';
    const heldZh = holders.length
      ? `，期间锁由${joinNames(
          holders.map((p) => procLabel(names, p)['zh-CN']),
          'zh-CN',
        )}持有`
      : '';
    const waitedEn = acquiredAfterWait === 0 ? 'none' : `${acquiredAfterWait}`;
    en.push(
      `${called.en}: ${plural(waiters.size, 'process', 'processes')} had to wait ` +
        `(${plural(acquired, 'acquisition', 'acquisitions')}, ${waitedEn} of them after a wait` +
        `${gaveUp ? `, ${gaveUp} gave up` : ''}${neverGot ? `, ${neverGot} never got it` : ''}); ` +
        (dur
          ? `the longest wait was ${who.en}'s ${dur}`
          : `${who.en} was still waiting for it when the run ended`) +
        `${heldEn}.`,
    );
    zh.push(
      `${called['zh-CN']}：${waiters.size} 个进程需要等待（共获取 ${acquired} 次，其中 ${acquiredAfterWait} 次是等来的${gaveUp ? `，${gaveUp} 次放弃` : ''}${neverGot ? `，${neverGot} 次始终没有等到` : ''}）；` +
        (dur ? `最长的一次是${who['zh-CN']}等了 ${dur}` : `运行结束时${who['zh-CN']}仍在等它`) +
        `${heldZh}。`,
    );
  }
  if (!worst) return [];
  return [
    {
      code: 'lock-contention',
      message: { en: en.join(' '), 'zh-CN': zh.join(' ') },
      procs: [...procs].sort((a, b) => a - b),
      objs,
      at: worst.at,
    },
  ];
}

/** JoinableQueues whose unfinished-task count is above zero when the log ends. */
export function findUnfinishedTasks(events: readonly LabEvent[], names: LogNames): Finding[] {
  const tasks = new UnfinishedTasks();
  for (const e of events) tasks.add(e, names);
  return tasks.findings(names);
}

interface TaskState {
  unfinished: number;
  lastSeq: number;
  getters: Set<number>;
  joiners: Set<number>;
}

/** findUnfinishedTasks event by event, as a log grows. */
export class UnfinishedTasks {
  readonly #state = new Map<number, TaskState>();

  #get(obj: number, seq: number): TaskState {
    let s = this.#state.get(obj);
    if (!s)
      this.#state.set(
        obj,
        (s = { unfinished: 0, lastSeq: seq, getters: new Set(), joiners: new Set() }),
      );
    s.lastSeq = seq;
    return s;
  }

  /** A put into, or a get from, queue `obj` (only a JoinableQueue's count). */
  item(kind: 'queue.put' | 'queue.get', obj: number, proc: number, seq: number, names: LogNames) {
    if (names.objKinds.get(obj) !== 'joinable') return;
    if (kind === 'queue.put') this.#get(obj, seq).unfinished++;
    else this.#get(obj, seq).getters.add(proc);
  }

  add(e: LabEvent, names: LogNames): void {
    switch (e.kind) {
      case 'queue.put':
      case 'queue.get':
        this.item(e.kind, e.obj, e.proc, e.seq, names);
        break;
      case 'queue.task_done':
        this.#get(e.obj, e.seq).unfinished = e.unfinished;
        break;
      case 'queue.join.wait': {
        const s = this.#get(e.obj, e.seq);
        s.unfinished = e.unfinished;
        s.joiners.add(e.proc);
        break;
      }
      case 'queue.join.done':
        this.#get(e.obj, e.seq).joiners.delete(e.proc);
        break;
      case 'proc.exit':
        for (const st of this.#state.values()) st.joiners.delete(e.proc);
        break;
    }
  }

  findings(names: LogNames): Finding[] {
    return unfinishedFindings(this.#state, names);
  }
}

function unfinishedFindings(state: ReadonlyMap<number, TaskState>, names: LogNames): Finding[] {
  const out: Finding[] = [];
  for (const [obj, s] of state) {
    if (s.unfinished <= 0) continue;
    const queue = kindAndName('JoinableQueue', objLabel(names, obj));
    const joiners = [...s.joiners];
    const waitEn = joiners.length
      ? ` ${joinNames(
          joiners.map((p) => procLabel(names, p).en),
          'en',
        )} was still waiting in join().`
      : '';
    const waitZh = joiners.length
      ? `${joinNames(
          joiners.map((p) => procLabel(names, p)['zh-CN']),
          'zh-CN',
        )} 仍在 join() 中等待。`
      : '';
    const n = s.unfinished;
    out.push({
      code: 'unfinished-tasks',
      message: {
        en:
          `${queue.en} ended with ${plural(n, 'unfinished task', 'unfinished tasks')}: ` +
          `${plural(n, 'item', 'items')} put into it never got a taskDone() call, so a join() on it would still be waiting.${waitEn}`,
        'zh-CN': `${queue['zh-CN']} 结束时还有 ${n} 个未完成的任务：放进去的元素中有 ${n} 个没有等到 taskDone()，所以对它的 join() 还会一直等下去。${waitZh}`,
      },
      procs: [...new Set([...joiners, ...s.getters])].sort((a, b) => a - b),
      objs: [obj],
      at: s.lastSeq,
    });
  }
  return out;
}
