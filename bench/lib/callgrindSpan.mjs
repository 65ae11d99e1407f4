// Counting one span of a process under callgrind (bench/handoffInstructions.mjs runs the lock lab
// and the bare lock server with every process under valgrind): with BENCH_CALLGRIND=1, a process
// zeroes its counts where the span starts and dumps them where it ends. Without it, nothing.
import { execFileSync } from 'node:child_process';

const counting = process.env.BENCH_CALLGRIND === '1';

/** Whether this process is being counted. */
export const callgrindCounting = () => counting;

/** Process `pid`'s counts: zeroed ('-z') or dumped ('-d', a numbered part of its output). */
export function callgrind(command, pid) {
  if (counting) execFileSync('callgrind_control', [command, String(pid)], { stdio: 'ignore' });
}

/** What a zero and a dump cost by themselves (dump 1), then zeroed for what is counted (dump 2). */
export function startCounting(pid) {
  callgrind('-z', pid);
  callgrind('-d', pid);
  callgrind('-z', pid);
}
