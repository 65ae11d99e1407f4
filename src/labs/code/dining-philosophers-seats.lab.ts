/** Lab: the dining philosophers, fixed by a Semaphore(4) of seats at the table. */
import { defineLab, l, Semaphore } from 'concurrency-labs';
import seatsInfo from '../info/dining-philosophers-seats.json';
import { dine, PHILOSOPHERS, serveDinner } from './philosophers';

export { dine };

export default defineLab(seatsInfo, () => {
  const seats = new Semaphore(PHILOSOPHERS - 1, { name: l({ en: 'seats', 'zh-CN': '座位' }) });
  return serveDinner(dine, { ordered: false, seats, meet: null });
});
