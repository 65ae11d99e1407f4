/** Lab: readers keep the room busy, and the writer waits until every reader has finished all reads. */
import { defineLab } from 'concurrency-labs';
import rwInfo from '../info/readers-writers.json';
import { openRoom, reader, writer } from './readersWriters';

export { reader, writer };

export default defineLab(rwInfo, () => openRoom(false, { reader, writer }));
