/** Python's multiprocessing.cpu_count(): the number of CPUs of this machine. */
import { availableParallelism, cpus } from 'node:os';

export function cpuCount(): number {
  return Math.max(1, cpus().length || availableParallelism());
}
