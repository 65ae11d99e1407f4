/**
 * The watchdog process (dist/watchdog.js, started by the runner: see watchdog.ts). It reads its
 * orders until the runner's end of its stdin closes, then ends what the runner left behind.
 */
import { rmSync } from 'node:fs';
import { sweepRun } from '../processTree/runSweep';

/** The watchdog process: reads its orders until the runner's end of stdin closes, then cleans up. */
function watchWhileRunnerLives(): void {
  const pids = new Set<number>();
  let dir = '';
  let runId = '';
  let partial = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (text: string) => {
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const rest = line.slice(1);
      if (line[0] === 'd') dir = rest;
      else if (line[0] === 'r') runId = rest;
      else if (line[0] === '+') pids.add(Number(rest));
      else if (line[0] === '-') pids.delete(Number(rest));
    }
  });
  process.stdin.on('end', () => {
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (runId) sweepRun(runId);
    process.exit(0);
  });
}

watchWhileRunnerLives();
