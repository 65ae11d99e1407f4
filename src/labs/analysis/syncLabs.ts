/** The semaphore-pool, barrier and bounded-buffer labs, read back from the log. */
import type { Json, LabEvent, Localized } from '../../protocol/events';
import { eventsOf, labSec, paragraphs } from './kit/log';
import { findingText, hangFound, semaphoreUse } from './kit/sync';

export function poolOutcome(events: readonly LabEvent[]): Json {
  const s = semaphoreUse(events);
  return { connections: s.units, queries: s.acquires, waited: s.waited, mostInUse: s.mostInUse };
}

export function checkPool(outcome: Json): Localized | undefined {
  const o = outcome as { connections?: number; mostInUse?: number } | null;
  if (!o || typeof o.mostInUse !== 'number' || typeof o.connections !== 'number') return undefined;
  if (o.mostInUse <= o.connections) return undefined;
  return {
    en: `${o.mostInUse} queries ran at once on ${o.connections} connections`,
    'zh-CN': `${o.connections} 个连接上同时跑了 ${o.mostInUse} 个查询`,
  };
}

/** "16 queries over 3 connections; at most 3 at once, 13 waited". */
export function describePool(outcome: Json): Localized {
  const o = outcome as { connections: number; queries: number; waited: number; mostInUse: number };
  return {
    en: `${o.queries} queries over ${o.connections} connections; at most ${o.mostInUse} at once, ${o.waited} waited`,
    'zh-CN': `${o.connections} 个连接上执行了 ${o.queries} 个查询；同时最多 ${o.mostInUse} 个，${o.waited} 个等过连接`,
  };
}

export function narratePool(events: readonly LabEvent[]): Localized {
  const s = semaphoreUse(events);
  return {
    en: `Eight workers ran ${s.acquires} queries over ${s.units} connections; at most ${s.mostInUse} were in use at once, and ${s.waited} queries had to wait for a connection. The semaphore is a counter of free connections: acquire() takes one (waiting at 0), release() gives it back and wakes a waiter. A BoundedSemaphore also refuses a release past ${s.units}, which catches a worker that gives back a connection it never took.`,
    'zh-CN': `八个工作进程在 ${s.units} 个连接上执行了 ${s.acquires} 个查询；同一时刻最多用了 ${s.mostInUse} 个连接，有 ${s.waited} 个查询需要等连接。信号量就是空闲连接的计数器：acquire() 拿走一个（为 0 时等待），release() 还回一个并唤醒一个等待者。BoundedSemaphore 还会拒绝超过 ${s.units} 的 release，能发现归还了自己没拿过的连接的错误。`,
  };
}

/** Laps passed, and arrivals at a lap before the previous lap had passed (there must be none). */
export function barrierOutcome(events: readonly LabEvent[]): Json {
  const passes = eventsOf(events, 'barrier.pass');
  const passT = new Map(passes.map((p) => [p.gen, p.t]));
  const early = eventsOf(events, 'barrier.arrive').filter(
    (a) => a.gen > 0 && !(passT.get(a.gen - 1)! <= a.t),
  ).length;
  return { laps: passes.length, early, broken: eventsOf(events, 'barrier.broken').length };
}

export function checkBarrier(outcome: Json): Localized | undefined {
  const o = outcome as { laps?: number; early?: number } | null;
  if (!o || typeof o.laps !== 'number') return undefined;
  if (o.early)
    return {
      en: `${o.early} runners started a lap before everyone had finished the one before`,
      'zh-CN': `有 ${o.early} 名跑者在所有人跑完上一圈之前就开始了下一圈`,
    };
  if (o.laps !== 3)
    return { en: `${o.laps} of 3 laps were completed`, 'zh-CN': `3 圈中只完成了 ${o.laps} 圈` };
  return undefined;
}

/** "3 laps, everyone set off together" or what went wrong at the line. */
export function describeBarrier(outcome: Json): Localized {
  const o = outcome as { laps: number; early: number; broken: number };
  const laps = { en: `${o.laps} lap${o.laps === 1 ? '' : 's'}`, 'zh-CN': `跑了 ${o.laps} 圈` };
  if (o.broken)
    return {
      en: `${laps.en}; the barrier broke ${o.broken}×`,
      'zh-CN': `${laps['zh-CN']}；屏障破损 ${o.broken} 次`,
    };
  if (o.early)
    return {
      en: `${laps.en}; ${o.early} started a lap early`,
      'zh-CN': `${laps['zh-CN']}；${o.early} 人提前出发`,
    };
  return {
    en: `${laps.en}, everyone set off together`,
    'zh-CN': `${laps['zh-CN']}，每圈都一起出发`,
  };
}

export function narrateBarrier(events: readonly LabEvent[]): Localized {
  const arrivals = eventsOf(events, 'barrier.arrive');
  const waits = arrivals.map((a) => {
    const pass = eventsOf(events, 'barrier.pass').find((p) => p.gen === a.gen);
    return pass ? pass.t - a.t : 0;
  });
  const longest = Math.max(0, ...waits);
  return {
    en: `The runners met at the lap line ${eventsOf(events, 'barrier.pass').length} times. Each lap, whoever arrived early waited for the slowest (the longest wait was ${labSec(events, longest)}); the last to arrive ran the barrier's action, which announced the lap, and then all four set off together. A barrier is for work in rounds: nobody may start round n+1 while someone is still in round n.`,
    'zh-CN': `跑者们在圈线处集合了 ${eventsOf(events, 'barrier.pass').length} 次。每一圈先到的人都要等最慢的人（最长等了 ${labSec(events, longest)}）；最后到的人执行屏障的动作，宣布这一圈结束，然后四人一起出发。屏障适合分轮次的工作：只要还有人在第 n 轮，谁也不能开始第 n+1 轮。`,
  };
}

export function bufferOutcome(events: readonly LabEvent[]): Json {
  const notifies = eventsOf(events, 'cond.notify');
  return {
    produced: notifies.length,
    consumed: eventsOf(events, 'file.write').filter((w, i, all) => {
      const before = i > 0 ? all[i - 1].value : null;
      return countItems(w.value) < countItems(before);
    }).length,
    unheard: notifies.filter((n) => n.woke.length === 0).length,
  };
}

function countItems(v: Json): number {
  const items = (v as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? items.length : 0;
}

export function checkBuffer(outcome: Json): Localized | undefined {
  const o = outcome as { produced?: number; consumed?: number } | null;
  if (!o || typeof o.produced !== 'number' || typeof o.consumed !== 'number') return undefined;
  if (o.consumed >= o.produced) return undefined;
  const lost = o.produced - o.consumed;
  return {
    en: `${lost} of ${o.produced} items were never consumed: the consumer slept through the notify (a missed wakeup)`,
    'zh-CN': `${o.produced} 个物品中有 ${lost} 个没有被取走：消费者错过了 notify（错过的唤醒）`,
  };
}

/** "3 produced, 2 consumed (1 never); 2 notifies woke nobody". */
export function describeBuffer(outcome: Json): Localized {
  const o = outcome as { produced: number; consumed: number; unheard: number };
  const lost = o.produced - o.consumed;
  const en = `${o.produced} produced, ${o.consumed} consumed`;
  const zh = `生产 ${o.produced} 个，消费 ${o.consumed} 个`;
  const unheard = {
    en: `${o.unheard} notif${o.unheard === 1 ? 'y' : 'ies'} woke nobody`,
    'zh-CN': `${o.unheard} 次 notify 没有唤醒任何人`,
  };
  if (lost > 0)
    return {
      en: `${en} (${lost} never); ${unheard.en}`,
      'zh-CN': `${zh}（${lost} 个没有被消费）；${unheard['zh-CN']}`,
    };
  return { en: `${en}; ${unheard.en}`, 'zh-CN': `${zh}；${unheard['zh-CN']}` };
}

export function narrateMissedWakeup(events: readonly LabEvent[]): Localized {
  const o = bufferOutcome(events) as { produced: number; consumed: number; unheard: number };
  return paragraphs([
    findingText(hangFound(events)),
    {
      en: `The producer put ${o.produced} items and notified after each; ${o.unheard} of those notifies woke nobody, and the consumer took ${o.consumed}. The consumer looked at the buffer without holding the lock, found it empty, and only later called wait(). A notify sent in that gap has no waiter to wake and is simply lost; wait() then sleeps until a notify that never comes. The fix is to test the condition and wait while holding the lock, and to test it again after every wakeup: waitFor(predicate) does both.`,
      'zh-CN': `生产者放入了 ${o.produced} 个物品，每次都 notify；其中 ${o.unheard} 次 notify 没有唤醒任何人，消费者取走了 ${o.consumed} 个。消费者在不持锁的情况下查看缓冲区，发现是空的，过了一会儿才调用 wait()。在这段空档里发出的 notify 没有等待者可唤醒，就这样丢失了；之后的 wait() 会一直睡到一个永远不会来的 notify。解决办法是持锁检查条件并等待，并在每次醒来后再检查一次：waitFor(predicate) 两件事都做了。`,
    },
  ]);
}

export function narrateWaitFor(events: readonly LabEvent[]): Localized {
  const o = bufferOutcome(events) as { produced: number; consumed: number; unheard: number };
  return {
    en: `The producer put ${o.produced} items and the consumer took ${o.consumed}. ${o.unheard} notifies found nobody waiting, and that did no harm: the consumer holds the lock while it tests the buffer, so an item cannot arrive between the test and the wait, and waitFor tests again after each wakeup before it returns.`,
    'zh-CN': `生产者放入了 ${o.produced} 个物品，消费者取走了 ${o.consumed} 个。有 ${o.unheard} 次 notify 时没有人在等待，但这没有坏处：消费者在检查缓冲区时持有锁，物品不可能在检查和等待之间到来；而且 waitFor 每次醒来后都会再检查一次才返回。`,
  };
}
