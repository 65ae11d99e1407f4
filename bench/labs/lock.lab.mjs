// Bench: acquire + release of one Lock by BENCH_PROCS child processes, BENCH_OPS times each.
// Children warm up (BENCH_WARMUP ops, timed too: the cold figure), meet at a barrier, then time
// their loops; each prints one BENCH line (with the CPU its timed loop used, and the median time
// from one of its acquires to its next). With BENCH_CALLGRIND=1 (bench/handoffInstructions.mjs
// runs the runner and every lab process under callgrind) each worker's timed loop, and the runner
// over all of them, are counted on their own.
import { defineLab, Lock, Process, Queue, print } from 'concurrency-labs';
import { callgrind, callgrindCounting, startCounting } from '../lib/callgrindSpan.mjs';

const counting = callgrindCounting();

const now = () => performance.timeOrigin + performance.now(); // comparable across processes (ms)

/**
 * The median time from one acquire to this process's next (µs), from the times its acquires
 * returned: contended by N with FIFO grants, N hand-offs. A median, so the few cycles that a
 * preemption or a collection stretched do not move it (the mean, the bench's main figure, takes
 * them).
 */
function medianCycleUs(stamps, count) {
  const cycles = new Float64Array(Math.max(0, count - 1));
  for (let i = 1; i < count; i++) cycles[i - 1] = (stamps[i] - stamps[i - 1]) * 1000;
  cycles.sort();
  return cycles.length ? cycles[cycles.length >> 1] : NaN;
}
export async function worker(lock, ready, go, ops, warmup, done) {
  const coldStart = now();
  for (let i = 0; i < warmup; i++) { await lock.acquire(); await lock.release(); }
  const coldEnd = now();
  await ready.put(1);
  await go.get();
  startCounting(process.pid);
  const cpu0 = process.cpuUsage();
  // Not under callgrind: the instruction counts compare the bare wire work, with no clock read.
  const stamps = new Float64Array(counting ? 0 : ops);
  const start = now();
  for (let i = 0; i < ops; i++) {
    await lock.acquire();
    if (!counting) stamps[i] = performance.now();
    await lock.release();
  }
  const end = now();
  const cpu = process.cpuUsage(cpu0);
  callgrind('-d', process.pid);
  const cpuMs = (cpu.user + cpu.system) / 1000; // this process's CPU in the timed loop
  const pid = process.pid;
  const cycleUs = counting ? null : medianCycleUs(stamps, ops);
  print(`BENCH ${JSON.stringify({ start, end, ops, coldStart, coldEnd, warmup, cpuMs, pid, cycleUs })}`);
  if (counting) await done.put(1);
}

export default defineLab({
  id: 'bench-lock',
  title: { en: 'Bench: lock round trips', 'zh-CN': '基准：锁的往返' },
  description: { en: 'Acquire + release in a loop.', 'zh-CN': '循环获取与释放锁。' },
  processes: Number(process.env.BENCH_PROCS ?? 1),
}, async () => {
  const procs = Number(process.env.BENCH_PROCS ?? 1);
  const ops = Number(process.env.BENCH_OPS ?? 2000);
  const warmup = Number(process.env.BENCH_WARMUP ?? 200);
  const lock = new Lock();
  const ready = new Queue();
  const go = new Queue();
  const done = new Queue();
  const args = [lock, ready, go, ops, warmup, done];
  const ps = Array.from({ length: procs }, () => new Process(worker, args));
  for (const p of ps) await p.start();
  for (let i = 0; i < procs; i++) await ready.get();
  startCounting(process.ppid);
  for (let i = 0; i < procs; i++) await go.put(1);
  if (counting) {
    for (let i = 0; i < procs; i++) await done.get();
    callgrind('-d', process.ppid);
  }
  for (const p of ps) await p.join();
});
