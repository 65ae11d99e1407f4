/**
 * The last guard against orphans: one small detached process per run that holds the pids of the
 * live lab processes, the run's id and its temp folder. If the runner dies without cleaning up
 * (SIGKILL, crash), the watchdog's stdin reaches EOF and it kills them all, even a lab stuck in a
 * busy loop that would never notice its wire closing, sweeps the processes lab code started
 * itself (processTree/runSweep.ts), and removes the temp folder. On a normal end the runner
 * cleans up itself and kills the watchdog first. The watchdog is dist/watchdog.js
 * (watchdogMain.ts), a bundle small enough to start at once, with `--cl-watchdog=<runner pid>`.
 * Orders given before it is started are kept and written when it starts, so a run may start its
 * main process first (the learner waits for that one).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { RUN_MARKER } from '../processTree/runSweep';

export const WATCHDOG_FLAG = '--cl-watchdog';

export class Watchdog {
  #child: ChildProcess | null = null;
  /** Orders given before start (null once started). */
  #early: string[] | null = [];
  #dismissed = false;

  /** `script`: the watchdog bundle (dist/watchdog.js). Not once dismissed. */
  start(script: string, runId: string): void {
    if (this.#dismissed) return;
    const early = this.#early ?? [];
    this.#early = null;
    try {
      // Without the run's marker: whoever sweeps the run when the runner dies (the runner's
      // parent does, see runnerClient.ts) must not kill the watchdog halfway through its cleanup.
      const env = { ...process.env };
      delete env[RUN_MARKER];
      this.#child = spawn(process.execPath, [script, `${WATCHDOG_FLAG}=${process.pid}`], {
        stdio: ['pipe', 'ignore', 'ignore'],
        detached: true,
        env,
      });
      this.#child.on('error', () => {
        this.#child = null;
      });
      this.#child.stdin?.on('error', () => {
        /* the watchdog died; nothing to guard with */
      });
      this.#child.unref();
      this.#child.stdin?.write(`r${runId}\n${early.join('')}`);
    } catch {
      this.#child = null;
    }
  }

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  watch(pid: number): void {
    if (pid > 0) this.#order(`+${pid}\n`);
  }

  /** The run's temp folder, removed if the runner dies without cleaning up. */
  ownDir(dir: string): void {
    this.#order(`d${dir}\n`);
  }

  forget(pid: number): void {
    if (pid > 0) this.#order(`-${pid}\n`);
  }

  #order(line: string): void {
    if (this.#early) this.#early.push(line);
    else this.#child?.stdin?.write(line);
  }

  /** A normal end: the runner has reaped everything itself. */
  dismiss(): void {
    this.#dismissed = true;
    this.#early = null;
    this.#child?.kill('SIGKILL');
    this.#child = null;
  }
}
