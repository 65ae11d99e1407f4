// Bench: the smallest interesting lab for exploring: main and one child each take one Lock
// BENCH_OPS times (default 5), so every run has a few dozen scheduling decisions.
import { defineLab, Lock, Process } from 'concurrency-labs';

const ops = Number(process.env.BENCH_OPS ?? 5);

export async function worker(lock) {
  for (let i = 0; i < ops; i++) {
    await lock.acquire();
    await lock.release();
  }
}

export default defineLab(
  {
    id: 'bench-pair',
    title: { en: 'Bench: two processes, one lock', 'zh-CN': '基准：两个进程，一把锁' },
    description: { en: 'Main and a child take turns.', 'zh-CN': '主进程和一个子进程轮流拿锁。' },
    processes: 1,
  },
  async () => {
    const lock = new Lock();
    const child = new Process(worker, [lock]);
    await child.start();
    await worker(lock);
    await child.join();
  },
);
