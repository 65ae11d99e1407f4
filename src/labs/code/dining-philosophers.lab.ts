/**
 * Lab: the dining philosophers deadlock. Each takes the left fork, then the right; a barrier
 * makes all five hold their left fork before anyone reaches right, so it deadlocks every run.
 */
import { Barrier, defineLab, l } from 'concurrency-labs';
import diningInfo from '../info/dining-philosophers.json';
import { dine, PHILOSOPHERS, serveDinner } from './philosophers';

export { dine };

export default defineLab(diningInfo, async () => {
  const meet = new Barrier(PHILOSOPHERS, {
    name: l({ en: 'all hold the left fork', 'zh-CN': '都拿起了左叉子' }),
  });
  await serveDinner(dine, { ordered: false, seats: null, meet }, 1);
});
