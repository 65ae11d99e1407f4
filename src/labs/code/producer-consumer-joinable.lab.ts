/**
 * Lab: producer-consumer with a JoinableQueue. Eaters are daemons that call taskDone() after
 * each item; main joins the chefs, then q.join() until every item is done, and ends, taking the daemons with it.
 */
import type { LabEvent, Localized } from '../protocol/events';
import { defineLab, JoinableQueue, Process, randint, sleep } from '../runtime';
import { narrateMeals } from './kitchen/narrate';
import { ate, chefName, cook, customers, foods } from './kitchen/cooks';
import {
  count,
  eventsOf,
  labSec,
  listEn,
  listZh,
  nameOf,
  paragraphs,
  procNames,
  story,
} from './kit/log';
import { producedConsumed } from './kit/queues';

export { cook };

/** An eater that never stops by itself: each item is marked done so main's join() can count. */
export async function eatAndMarkDone(name: string, q: JoinableQueue): Promise<void> {
  for (;;) {
    await sleep(randint(1, 2));
    const item = await q.get();
    await ate(name, item);
    await q.taskDone();
  }
}

async function main(): Promise<void> {
  const q = new JoinableQueue(0, { name: 'q' });
  const [baozi, mantou] = foods();
  const chefs = [
    new Process(cook, [chefName(1), baozi, q], { name: chefName(1) }),
    new Process(cook, [chefName(2), mantou, q], { name: chefName(2) }),
  ];
  for (const c of chefs) await c.start();
  for (const n of customers())
    await new Process(eatAndMarkDone, [n, q], { name: n, daemon: true }).start();
  for (const c of chefs) await c.join();
  await q.join();
}

function narrateJoinable(events: readonly LabEvent[]): Localized {
  const names = procNames(events);
  const joinWait = eventsOf(events, 'queue.join.wait')[0];
  const joinDone = eventsOf(events, 'queue.join.done')[0];
  const lastDone = eventsOf(events, 'queue.task_done')
    .filter((e) => e.unfinished === 0)
    .pop();
  const daemons = eventsOf(events, 'proc.exit')
    .filter((e) => e.reason === 'daemon')
    .map((e) => nameOf(names, e.proc));
  const parts: (Localized | undefined)[] = [narrateMeals(events)];
  if (joinWait && joinDone && joinWait.unfinished > 0)
    parts.push({
      en: `After both chefs had finished, MainProcess called q.join() with ${count(joinWait.unfinished, 'unfinished task')} and waited ${labSec(events, joinDone.t - joinWait.t)}${lastDone ? `, until ${nameOf(names, lastDone.proc)}'s task_done() brought the count to 0` : ''}.`,
      'zh-CN': `两位大厨做完之后，主进程调用 q.join()，当时还有 ${joinWait.unfinished} 个未完成的任务；它等了 ${labSec(events, joinDone.t - joinWait.t)}${lastDone ? `，直到 ${nameOf(names, lastDone.proc)} 调用 task_done() 把计数减到 0` : ''}。`,
    });
  else if (joinDone)
    parts.push({
      en: `When MainProcess called q.join(), after both chefs had finished, every item had already been eaten and marked done${lastDone ? ` (the last task_done() was ${nameOf(names, lastDone.proc)}'s)` : ''}, so the count was 0 and join() returned at once.`,
      'zh-CN': `两位大厨做完之后主进程调用 q.join()，这时每一份都已经吃完并标记完成${lastDone ? `（最后一次 task_done() 来自 ${nameOf(names, lastDone.proc)}）` : ''}，计数为 0，join() 立即返回。`,
    });
  parts.push({
    en: `Then main ended, and the daemon eaters${daemons.length ? ` (${listEn(daemons)})` : ''}, whose loops never end by themselves, were stopped with it. No sentinels, and any number of eaters would work.`,
    'zh-CN': `随后主进程结束，循环永远不会自己结束的守护进程${daemons.length ? `（${listZh(daemons)}）` : ''}也随之被终止。不需要结束标记，吃的人有多少个都可以。`,
  });
  return paragraphs(parts);
}

export default defineLab(
  {
    id: 'producer-consumer-joinable',
    processes: 4,
    title: { en: 'Producer-consumer with JoinableQueue', 'zh-CN': '生产者消费者（JoinableQueue）' },
    description: {
      en: 'The same kitchen with a JoinableQueue: daemon eaters call taskDone() after each item, and main waits in q.join() until all are done.',
      'zh-CN':
        '同样的厨房换成 JoinableQueue：守护进程每吃完一份就调用 taskDone()，主进程在 q.join() 中等到全部完成。',
    },
    outcome: producedConsumed,
    narrate: story(narrateJoinable),
  },
  main,
);
