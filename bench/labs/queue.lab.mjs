// Bench: integers from a producer child to a consumer child through one Queue, every put and get
// recorded as events. First BENCH_WARMUP items (then -1), and once the consumer has drained them,
// BENCH_ITEMS items (then null). Rates come from the runner's clock (see bench/parts/queue.mjs);
// each child prints one BENCH line with the CPU its timed loop used.
import { defineLab, Process, Queue, print } from 'concurrency-labs';

/** Runs `loop` and prints the CPU this process used in it (ms). */
async function timed(role, loop) {
  const cpu0 = process.cpuUsage();
  await loop();
  const cpu = process.cpuUsage(cpu0);
  print(`BENCH ${JSON.stringify({ role, cpuMs: (cpu.user + cpu.system) / 1000 })}`);
}

export async function producer(q, ready, go, warmed, items, warmup) {
  await ready.put(1);
  await go.get();
  for (let i = 0; i < warmup; i++) await q.put(i);
  await q.put(-1);
  await warmed.get();
  await timed('producer', async () => {
    for (let i = 0; i < items; i++) await q.put(i);
    await q.put(null);
  });
}

export async function consumer(q, ready, go, warmed) {
  await ready.put(1);
  await go.get();
  while ((await q.get()) !== -1);
  await timed('consumer', async () => {
    await warmed.put(1);
    while ((await q.get()) !== null);
  });
}

export default defineLab({
  id: 'bench-queue',
  title: { en: 'Bench: queue throughput', 'zh-CN': '基准：队列吞吐' },
  description: { en: 'One producer, one consumer.', 'zh-CN': '一个生产者，一个消费者。' },
  processes: 2,
}, async () => {
  const items = Number(process.env.BENCH_ITEMS ?? 20000);
  const warmup = Number(process.env.BENCH_WARMUP ?? 0);
  const q = new Queue(0, { name: 'bench' });
  const ready = new Queue();
  const go = new Queue();
  const warmed = new Queue();
  const ps = [new Process(producer, [q, ready, go, warmed, items, warmup]), new Process(consumer, [q, ready, go, warmed])];
  for (const p of ps) await p.start();
  for (let i = 0; i < 2; i++) await ready.get();
  for (let i = 0; i < 2; i++) await go.put(1);
  for (const p of ps) await p.join();
});
