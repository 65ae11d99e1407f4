/**
 * The last guard against orphans: one small detached process per run that holds the pids of the
 * live lab processes. If the runner dies without cleaning up (SIGKILL, crash), the watchdog's
 * stdin reaches EOF and it kills them all, even a lab stuck in a busy loop that would never
 * notice its IPC channel closing. On a normal end the runner kills the watchdog first.
 */
import { spawn, type ChildProcess } from 'node:child_process';

const SOURCE = `
const pids = new Set();
let buf = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (s) => {
  const lines = (buf + s).split('\\n');
  buf = lines.pop();
  for (const l of lines) {
    const n = Number(l.slice(1));
    if (l[0] === '+') pids.add(n); else pids.delete(n);
  }
});
process.stdin.on('end', () => {
  for (const pid of pids) { try { process.kill(pid, 'SIGKILL'); } catch {} }
  process.exit(0);
});
`;

export class Watchdog {
  #child: ChildProcess | null = null;

  start(): void {
    try {
      this.#child = spawn(process.execPath, ['-e', SOURCE, '--', `--cl-watchdog=${process.pid}`], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
      this.#child.on('error', () => { this.#child = null; });
      this.#child.stdin?.on('error', () => { /* the watchdog died; nothing to guard with */ });
      this.#child.unref();
    } catch {
      this.#child = null;
    }
  }

  watch(pid: number): void {
    if (pid > 0) this.#child?.stdin?.write(`+${pid}\n`);
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
