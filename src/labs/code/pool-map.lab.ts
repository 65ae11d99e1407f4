/**
 * Lab: Pool.map squares eight numbers, each square half a second of work: once on a Pool of one
 * worker, once on a Pool of four. The analysis compares the two in lab time (the speedup).
 */
import { currentProcess, defineLab, l, Pool, print, sleep } from 'concurrency-labs';
import poolMapInfo from '../info/pool-map.json';

const NUMBERS = [1, 2, 3, 4, 5, 6, 7, 8];
/** Lab seconds of work per square. */
const WORK_SEC = 0.5;

export async function slowSquare(n: number): Promise<number> {
  await print(
    l({
      en: `${currentProcess().name} squares ${n}`,
      'zh-CN': `${currentProcess().name} 计算 ${n} 的平方`,
    }),
  );
  await sleep(WORK_SEC);
  return n * n;
}

async function squareWith(workers: number, name: string): Promise<void> {
  const pool = new Pool(workers, { name });
  const squares = await pool.map<number>(slowSquare, NUMBERS);
  await print(
    l({
      en: `${name}: map returned [${squares.join(', ')}], in the order of the numbers`,
      'zh-CN': `${name}：map 按原顺序返回了 [${squares.join(', ')}]`,
    }),
  );
  await pool.close();
  await pool.join();
}

export default defineLab(poolMapInfo, async () => {
  await squareWith(1, l({ en: 'one worker', 'zh-CN': '一个工作进程' }));
  await squareWith(4, l({ en: 'four workers', 'zh-CN': '四个工作进程' }));
});
