/** Lab: the dining philosophers, fixed by always picking up the lower-numbered fork first. */
import { defineLab } from 'concurrency-labs';
import orderedInfo from '../info/dining-philosophers-ordered.json';
import { dine, serveDinner } from './philosophers';

export { dine };

export default defineLab(orderedInfo, () =>
  serveDinner(dine, { ordered: true, seats: null, meet: null }),
);
