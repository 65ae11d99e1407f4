/**
 * Lab: producer-consumer with a plain Queue. Main waits for both chefs, then puts one None
 * (null) per eater; an eater that gets None leaves. It works only if main knows how many eaters there are.
 */
import { defineLab, Process, Queue, randint, sleep } from 'concurrency-labs';
import sentinelInfo from '../info/producer-consumer-sentinel.json';
import { ate, chefName, cook, customers, foods } from './kitchen';

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

export default defineLab(sentinelInfo, main);
