import type { LabEvent } from '../protocol/events';
import type { LockInterval } from './analysis';
import { joinNames, plural, titled, type Finding } from './diagText';
import { formatDuration } from './formatDuration';
import { objLabel, procLabel, type LogNames } from './logNames';

/**
 * One finding summarizing every lock that made a process wait, or none when no lock did.
 * Durations are told in lab time (the log's wall time × the run's speed), the time the lab's sleeps are in.
 */
export function findLockContention(
  intervals: readonly LockInterval[],
  names: LogNames,
  speed = 1,
): Finding[] {
  const byLock = new Map<number, LockInterval[]>();
  for (const iv of intervals) {
    const list = byLock.get(iv.obj);
    if (list) list.push(iv);
    else byLock.set(iv.obj, [iv]);
  }
  const en: string[] = [];
  const zh: string[] = [];
  const procs = new Set<number>();
  const objs: number[] = [];
  let worst: LockInterval | undefined;
  for (const [obj, list] of byLock) {
    const waited = list.filter((iv) => iv.contended);
    if (!waited.length) continue;
    objs.push(obj);
    const waiters = new Set(waited.map((iv) => iv.proc));
    for (const p of waiters) procs.add(p);
    const longest = waited.reduce((a, b) => (b.waitUs > a.waitUs ? b : a));
    if (!worst || longest.waitUs > worst.waitUs) worst = longest;
    const holders = holdersDuring(list, longest);
    const acquired = list.filter((iv) => iv.acquireT !== undefined).length;
    const contendedAcq = waited.filter((iv) => iv.acquireT !== undefined).length;
    const gaveUp = waited.filter((iv) => iv.waitEnd === 'timeout').length;
    const name = objLabel(names, obj);
    const who = procLabel(names, longest.proc);
    const dur = formatDuration(longest.waitUs * speed);
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
    const waitedEn = contendedAcq === 0 ? 'none' : `${contendedAcq}`;
    en.push(
      `${titled('Lock', name)}: ${plural(waiters.size, 'process', 'processes')} had to wait ` +
        `(${plural(acquired, 'acquisition', 'acquisitions')}, ${waitedEn} of them after a wait` +
        `${gaveUp ? `, ${gaveUp} gave up` : ''}); the longest wait was ${who.en}'s ${dur}${heldEn}.`,
    );
    zh.push(
      `锁 ${name}：${waiters.size} 个进程需要等待（共获取 ${acquired} 次，其中 ${contendedAcq} 次是等来的${gaveUp ? `，${gaveUp} 次放弃` : ''}）；` +
        `最长的一次是${who['zh-CN']}等了 ${dur}${heldZh}。`,
    );
  }
  if (!worst) return [];
  return [
    {
      code: 'lock-contention',
      message: { en: en.join(' '), 'zh-CN': zh.join(' ') },
      procs: [...procs].sort((a, b) => a - b),
      objs,
      at: worst.acquireSeq ?? worst.requestSeq,
    },
  ];
}

/** Processes other than the waiter that held the lock at some point during its wait, in order. */
function holdersDuring(list: readonly LockInterval[], w: LockInterval): number[] {
  const out: number[] = [];
  for (const iv of list) {
    if (iv.acquireT === undefined || iv.proc === w.proc || out.includes(iv.proc)) continue;
    // By seq, not time: several events can share a microsecond.
    if (iv.acquireSeq! < (w.waitEndSeq ?? Infinity) && (iv.releaseSeq ?? Infinity) > w.requestSeq)
      out.push(iv.proc);
  }
  return out;
}

/** JoinableQueues whose unfinished-task count is above zero when the log ends. */
export function findUnfinishedTasks(events: readonly LabEvent[], names: LogNames): Finding[] {
  const state = new Map<
    number,
    { unfinished: number; lastSeq: number; getters: Set<number>; joiners: Set<number> }
  >();
  const get = (obj: number, seq: number) => {
    let s = state.get(obj);
    if (!s)
      state.set(obj, (s = { unfinished: 0, lastSeq: seq, getters: new Set(), joiners: new Set() }));
    s.lastSeq = seq;
    return s;
  };
  for (const e of events) {
    switch (e.kind) {
      case 'queue.put':
        if (names.objKinds.get(e.obj) === 'joinable') get(e.obj, e.seq).unfinished++;
        break;
      case 'queue.get':
        if (names.objKinds.get(e.obj) === 'joinable') get(e.obj, e.seq).getters.add(e.proc);
        break;
      case 'queue.task_done':
        get(e.obj, e.seq).unfinished = e.unfinished;
        break;
      case 'queue.join.wait': {
        const s = get(e.obj, e.seq);
        s.unfinished = e.unfinished;
        s.joiners.add(e.proc);
        break;
      }
      case 'queue.join.done':
        get(e.obj, e.seq).joiners.delete(e.proc);
        break;
      case 'proc.exit':
        for (const st of state.values()) st.joiners.delete(e.proc);
        break;
    }
  }
  const out: Finding[] = [];
  for (const [obj, s] of state) {
    if (s.unfinished <= 0) continue;
    const name = objLabel(names, obj);
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
          `${titled('JoinableQueue', name)} ended with ${plural(n, 'unfinished task', 'unfinished tasks')}: ` +
          `${plural(n, 'item', 'items')} put into it never got a taskDone() call, so a join() on it would still be waiting.${waitEn}`,
        'zh-CN': `${titled('JoinableQueue', name)} 结束时还有 ${n} 个未完成的任务：放进去的元素中有 ${n} 个没有等到 taskDone()，所以对它的 join() 还会一直等下去。${waitZh}`,
      },
      procs: [...new Set([...joiners, ...s.getters])].sort((a, b) => a - b),
      objs: [obj],
      at: s.lastSeq,
    });
  }
  return out;
}
