/**
 * Lab: producer-consumer with a plain Queue. Main waits for both chefs, then puts one None
 * (null) per eater; an eater that gets None leaves. It works only if main knows how many eaters there are.
 */
import type { LabEvent, Localized } from '../protocol/events';
import { defineLab, Process, Queue, randint, sleep } from '../runtime';
import { narrateMeals } from './kitchen/narrate';
import { ate, chefName, cook, customers, foods } from './kitchen/cooks';
import { count, eventsOf, listEn, listZh, nameOf, paragraphs, procNames, story } from './kit/log';
import { producedConsumed } from './kit/queues';

export { cook };

/** An eater: eat until the None sentinel arrives. */
export async function eatUntilNone(name: string, q: Queue): Promise<void> {
  for (;;) {
    await sleep(randint(1, 2));
    const item = await q.get();
    if (item === null) break;
    await ate(name, item);
  }
}

async function main(): Promise<void> {
  const q = new Queue(0, { name: 'q' });
  const [baozi, mantou] = foods();
  const chefs = [
    new Process(cook, [chefName(1), baozi, q], { name: chefName(1) }),
    new Process(cook, [chefName(2), mantou, q], { name: chefName(2) }),
  ];
  for (const c of chefs) await c.start();
  const eaters = customers().map((n) => new Process(eatUntilNone, [n, q], { name: n }));
  for (const e of eaters) await e.start();
  for (const c of chefs) await c.join();
  // One sentinel per eater: each None stops exactly one of them.
  for (let i = 0; i < eaters.length; i++) await q.put(null);
}

function narrateSentinel(events: readonly LabEvent[]): Localized {
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

export default defineLab(
  {
    id: 'producer-consumer-sentinel',
    processes: 4,
    title: {
      en: 'Producer-consumer with None sentinels',
      'zh-CN': '生产者消费者（None 结束标记）',
    },
    description: {
      en: 'Two chefs put 5 items each into a Queue; two eaters take them. Main joins the chefs, then puts one None per eater so they stop.',
      'zh-CN':
        '两位大厨各往队列里放 5 份食物，两个人从队列里取着吃。主进程等大厨做完，再为每个吃的人放一个 None，让他们停下。',
    },
    outcome: producedConsumed,
    narrate: story(narrateSentinel),
  },
  main,
);
