/**
 * Finding and ending every process a run started, its lab code's own children included (a
 * `child_process.spawn`, a `detached`/setsid one that left the process group). Each run has an
 * id, put in the environment of its runner and so inherited by every process below it; on Linux
 * the sweep reads `/proc/<pid>/environ` (the environment a process was started with) and kills
 * every process of the user that carries it. Elsewhere there is no such table to read: there the
 * run's process group is what is ended (see the README for what each platform guarantees).
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

/** The environment variable that marks every process of one run. */
export const RUN_MARKER = 'CONCURRENCY_LABS_RUN';

/** Most passes of one sweep: a process forking while it is swept is caught by the next pass. */
const MAX_PASSES = 5;

/** A fresh run id, unique on this machine. */
export function newRunId(): string {
  return `${process.pid}-${randomBytes(8).toString('hex')}`;
}

/** Can this platform find a run's processes by their environment? */
export const CAN_SWEEP = process.platform === 'linux';

/** Pids of the processes (of this user) started with run `runId`'s marker. */
export function markedProcesses(runId: string): number[] {
  if (!CAN_SWEEP || !/^[\w-]+$/.test(runId)) return [];
  const marker = Buffer.from(`${RUN_MARKER}=${runId}\0`);
  const found: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let env: Buffer;
    try {
      env = readFileSync(`/proc/${entry}/environ`);
    } catch {
      continue; // gone meanwhile, or another user's
    }
    const at = env.indexOf(marker);
    if (at === 0 || (at > 0 && env[at - 1] === 0)) found.push(Number(entry));
  }
  return found;
}

/**
 * Kills (SIGKILL) every process of run `runId` except `spare` (the caller is always spared).
 * Returns how many were killed.
 */
export function sweepRun(runId: string, spare: readonly number[] = []): number {
  const keep = new Set([process.pid, ...spare]);
  let killed = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const left = markedProcesses(runId).filter((pid) => !keep.has(pid));
    if (left.length === 0) break;
    for (const pid of left) {
      // Once signalled it is not looked at again (it may take a moment to be gone).
      keep.add(pid);
      try {
        process.kill(pid, 'SIGKILL');
        killed++;
      } catch {
        // Already gone.
      }
    }
  }
  return killed;
}
