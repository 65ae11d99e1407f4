/** Lab: the missed wakeup. The consumer looks without the lock and waits too late; it never wakes. */
import { defineLab } from 'concurrency-labs';
import bufferInfo from '../info/bounded-buffer-condition.json';
import { consumeCarelessly, openShop, produce } from './boundedBuffer';

export { consumeCarelessly, produce };

export default defineLab(bufferInfo, () => openShop(consumeCarelessly));
