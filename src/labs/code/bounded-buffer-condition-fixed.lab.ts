/** Lab: the missed wakeup fixed with waitFor under the lock; every item is consumed. */
import { defineLab } from 'concurrency-labs';
import fixedInfo from '../info/bounded-buffer-condition-fixed.json';
import { consumeCarefully, openShop, produce } from './boundedBuffer';

export { consumeCarefully, produce };

export default defineLab(fixedInfo, () => openShop(consumeCarefully));
