/**
 * The last guard against orphans: one small detached process per run that holds the pids of the
 * live lab processes. If the runner dies without cleaning up (SIGKILL, crash), the watchdog's
 * stdin reaches EOF and it kills them all, even a lab stuck in a busy loop that would never
 * notice its IPC channel closing, and removes the run's temp folder. On a normal end the runner
 * cleans up itself and kills the watchdog first.
 */
import { spawn, type ChildProcess } from 'node:child_process';

const SOURCE = `
const pids = new Set();
let buf = '';
let dir = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (s) => {
  const lines = (buf + s).split('\\n');
  buf = lines.pop();
  for (const l of lines) {
    if (l[0] === 'd') { dir = l.slice(1); continue; }
    const n = Number(l.slice(1));
    if (l[0] === '+') pids.add(n); else pids.delete(n);
  }
});
process.stdin.on('end', () => {
  for (const pid of pids) { try { process.kill(pid, 'SIGKILL'); } catch {} }
  if (dir) { try { require('fs').rmSync(dir, { recursive: true, force: true }); } catch {} }
  process.exit(0);
});
`;

export class Watchdog {
  #child: ChildProcess | null = null;

  start(): void {
    try {
      this.#child = spawn(process.execPath, ['-e', SOURCE, '--', `--cl-watchdog=${process.pid}`], {
        stdio: ['pipe', 'ignore', 'ignore'],
        detached: true,
      });
      this.#child.on('error', () => {
        this.#child = null;
      });
      this.#child.stdin?.on('error', () => {
        /* the watchdog died; nothing to guard with */
      });
      this.#child.unref();
    } catch {
      this.#child = null;
    }
  }

  watch(pid: number): void {
    if (pid > 0) this.#child?.stdin?.write(`+${pid}\n`);
  }

  /** The run's temp folder, removed if the runner dies without cleaning up. */
  ownDir(dir: string): void {
    this.#child?.stdin?.write(`d${dir}\n`);
  }

  forget(pid: number): void {
    if (pid > 0) this.#child?.stdin?.write(`-${pid}\n`);
  }

  /** A normal end: the runner has reaped everything itself. */
  dismiss(): void {
    this.#child?.kill('SIGKILL');
    this.#child = null;
  }
}
