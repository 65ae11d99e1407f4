/** Lab: the same room with a turnstile; the writer gets in after the readers already inside. */
import { defineLab } from 'concurrency-labs';
import fairInfo from '../info/readers-writers-fair.json';
import { openRoom, reader, writer } from './readersWriters';

export { reader, writer };

export default defineLab(fairInfo, () => openRoom(true, { reader, writer }));
