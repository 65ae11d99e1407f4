/** Lab: the value counter's fix. Each gate holds counter.getLock() from its read to its write. */
import valueCounterLockedInfo from '../info/value-counter-locked.json';
import { gate, gatesLab } from './gates';

export { gate };

export default gatesLab(valueCounterLockedInfo, true);
