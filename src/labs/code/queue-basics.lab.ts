/**
 * Lab: one process, one Queue(5). Fill it, see full() and a put that would block,
 * empty it in FIFO order, then see both ways a get on an empty queue raises Empty.
 */
import { defineLab, Empty, Full, l, print, Queue } from 'concurrency-labs';
import queueBasicsInfo from '../info/queue-basics.json';

const VALUES = [111, 222, 333, 444, 555];

async function main(): Promise<void> {
  const q = new Queue(5, { name: 'q' });
  for (const v of VALUES.slice(0, 3)) await q.put(v);
  const full3 = await q.full();
  const empty3 = await q.empty();
  await print(
    l({
      en: `3 items in: full() = ${full3}, empty() = ${empty3}`,
      'zh-CN': `放入 3 个：full() = ${full3}，empty() = ${empty3}`,
    }),
  );
  for (const v of VALUES.slice(3)) await q.put(v);
  const full5 = await q.full();
  await print(l({ en: `5 items in: full() = ${full5}`, 'zh-CN': `放入 5 个：full() = ${full5}` }));
  // A plain put(666) would block here forever; a timeout shows the block and ends it.
  try {
    await q.put(666, true, 1);
  } catch (err) {
    if (!(err instanceof Full)) throw err;
    await print(
      l({
        en: 'put(666) waited 1 s for a free slot, then raised Full',
        'zh-CN': 'put(666) 等了 1 秒也没有空位，抛出 Full',
      }),
    );
  }
  const got: unknown[] = [];
  for (let i = 0; i < 5; i++) got.push(await q.get());
  await print(
    l({
      en: `got ${got.join(', ')}: first in, first out`,
      'zh-CN': `依次取出 ${got.join('、')}：先进先出`,
    }),
  );
  const emptyNow = await q.empty();
  await print(
    l({
      en: `after 5 gets: empty() = ${emptyNow}`,
      'zh-CN': `取出 5 个之后：empty() = ${emptyNow}`,
    }),
  );
  try {
    await q.getNowait();
  } catch (err) {
    if (!(err instanceof Empty)) throw err;
    await print(
      l({ en: 'getNowait() raised Empty at once', 'zh-CN': 'getNowait() 立刻抛出 Empty' }),
    );
  }
  try {
    await print(await q.get(true, 3));
  } catch (err) {
    if (!(err instanceof Empty)) throw err;
    await print(
      l({
        en: 'get(timeout=3) waited 3 s and raised Empty: nothing left in the queue!',
        'zh-CN': 'get(timeout=3) 等了 3 秒后抛出 Empty：队列里一个也不剩了！',
      }),
    );
  }
}

export default defineLab(queueBasicsInfo, main);
