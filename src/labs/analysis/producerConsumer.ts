/** The two producer-consumer labs, read back from the log: how each way of stopping the eaters went. */
import type { LabEvent, Localized } from '../../protocol/events';
import { narrateMeals } from './kitchenNarrate';
import { count, eventsOf, labSec, listEn, listZh, nameOf, paragraphs, procNames } from './kit/log';

export function narrateSentinel(events: readonly LabEvent[]): Localized {
  const names = procNames(events);
  const nones = eventsOf(events, 'queue.get').filter((e) => e.value === null);
  const who = nones.map((e) => nameOf(names, e.proc));
  return paragraphs([
    narrateMeals(events),
    {
      en: `MainProcess waited in join() until both chefs had finished, then put ${count(nones.length, 'None sentinel')} behind the food, one per eater. A None is the last thing each eater gets: ${listEn(who)} got theirs in that order and left.`,
      'zh-CN': `主进程用 join() 等两位大厨都做完，然后在食物后面放入 ${nones.length} 个 None 结束标记，每个吃的人一个。None 是每个人拿到的最后一样东西：${listZh(who)} 依次拿到 None 后离开。`,
    },
    {
      en: 'The catch: main had to know there were exactly two eaters. With a third eater and two Nones, the third would wait forever. The joinable lab removes that need.',
      'zh-CN':
        '缺点是主进程必须知道正好有两个吃的人。如果有第三个人却只放两个 None，第三个人会永远等下去。JoinableQueue 实验解决了这个问题。',
    },
  ]);
}

export function narrateJoinable(events: readonly LabEvent[]): Localized {
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
