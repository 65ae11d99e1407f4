// Bench: BENCH_PROCS children each take and release their own Lock BENCH_ITEMS times, as fast as
// the runtime goes: a steady flood of lock events through the runner, the host and the webview.
import { defineLab, Lock, Process } from 'concurrency-labs';

export async function flood(lock, times) {
  for (let i = 0; i < times; i++) { await lock.acquire(); await lock.release(); }
}

export default defineLab({
  id: 'bench-flood',
  title: { en: 'Bench: event flood', 'zh-CN': '基准：事件洪流' },
  description: { en: 'Lock events as fast as the runtime makes them.', 'zh-CN': '尽可能快地产生锁事件。' },
  processes: Number(process.env.BENCH_PROCS ?? 2),
}, async () => {
  const procs = Number(process.env.BENCH_PROCS ?? 2);
  const times = Number(process.env.BENCH_ITEMS ?? 5000);
  const ps = Array.from({ length: procs }, () => new Process(flood, [new Lock(), times]));
  for (const p of ps) await p.start();
  for (const p of ps) await p.join();
});
