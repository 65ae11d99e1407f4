/** Whether processes a test started are still alive, for the no-orphan tests (Linux /proc). */
import { readFileSync } from 'node:fs';

/** Alive and not a zombie (a killed process stays a zombie until its parent reaps it). */
export function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/**
 * Those of `pids` still running once a kill sent to them has had time to land (at most 5 s: the
 * bound only decides how long a failing test waits, never whether a passing one passes).
 */
export async function stillRunning(pids: number[]): Promise<number[]> {
  const until = Date.now() + 5000;
  let left = pids.filter(running);
  while (left.length > 0 && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    left = left.filter(running);
  }
  return left;
}

/** SIGKILLs each of `pids` that is still there (the cleanup after a failed no-orphan check). */
export function killAll(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone, as it should be */
    }
  }
}
