/**
 * Lab: eight workers share three database connections. A BoundedSemaphore(3) counts the free
 * connections: a worker takes one for each query and gives it back after.
 */
import {
  BoundedSemaphore,
  currentProcess,
  defineLab,
  l,
  print,
  Process,
  randint,
  sleep,
} from 'concurrency-labs';
import poolInfo from '../info/semaphore-pool.json';

const WORKERS = 8;
const CONNECTIONS = 3;
const QUERIES = 2;

export async function runQueries(connections: BoundedSemaphore): Promise<void> {
  const me = currentProcess().name;
  for (let q = 1; q <= QUERIES; q++) {
    await connections.withLock(async () => {
      await print(
        l({
          en: `${me} runs query ${q} on a connection`,
          'zh-CN': `${me}用一个连接执行第 ${q} 个查询`,
        }),
      );
      await sleep(randint(3, 8) / 10);
    });
    await sleep(randint(1, 3) / 10);
  }
}

export default defineLab(poolInfo, async () => {
  const connections = new BoundedSemaphore(CONNECTIONS, {
    name: l({ en: 'connections', 'zh-CN': '连接' }),
  });
  const workers = Array.from(
    { length: WORKERS },
    (_, i) =>
      new Process(runQueries, [connections], {
        name: l({ en: `Worker ${i + 1}`, 'zh-CN': `工作进程${i + 1}` }),
      }),
  );
  await Promise.all(workers.map((w) => w.start()));
  for (const w of workers) await w.join();
});
