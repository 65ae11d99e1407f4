/** Lab: the deadlock's fix. Both tellers lock account A first, then B, three times each. */
import { defineLab, Lock, Process } from 'concurrency-labs';
import orderedInfo from '../info/deadlock-ordered.json';
import { accountName, tellerName, transfer } from './tellers';

export { transfer };

export default defineLab(orderedInfo, async () => {
  const a = new Lock({ name: accountName('A') });
  const b = new Lock({ name: accountName('B') });
  const order: [string, string] = [accountName('A'), accountName('B')];
  const tellers = [1, 2].map(
    (n) => new Process(transfer, [a, b, order, 3, null], { name: tellerName(n) }),
  );
  await Promise.all(tellers.map((t) => t.start()));
  for (const t of tellers) await t.join();
});
