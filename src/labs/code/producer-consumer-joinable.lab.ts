/**
 * Lab: producer-consumer with a JoinableQueue. Eaters are daemons that call taskDone() after
 * each item; main joins the chefs, then q.join() until every item is done, and ends, taking the daemons with it.
 */
import { defineLab, JoinableQueue, Process, randint, sleep } from 'concurrency-labs';
import joinableInfo from '../info/producer-consumer-joinable.json';
import { ate, chefName, cook, customers, foods } from './kitchen';

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

export default defineLab(joinableInfo, main);
