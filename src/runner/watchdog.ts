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
  /** Orders not written yet (see #order). */
  #batch = '';

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

  /**
   * Orders given in one turn of the event loop leave in one write after it: a run's processes
   * come and go together (an exploration takes a pool's processes and gives them back at every
   * run, each exit in its own callback), and each write is a system call and a wake-up of the
   * watchdog. Until then a process is also covered by the sweep of the run's marker
   * (processTree/runSweep.ts) that the watchdog and the runner's parent make when the runner dies.
   */
  #order(line: string): void {
    if (this.#early) {
      this.#early.push(line);
      return;
    }
    if (!this.#child) return;
    if (this.#batch === '') setImmediate(this.#send);
    this.#batch += line;
  }

  readonly #send = (): void => {
    const batch = this.#batch;
    this.#batch = '';
    if (batch !== '') this.#child?.stdin?.write(batch);
  };

  /** A normal end: the runner has reaped everything itself. */
  dismiss(): void {
    this.#dismissed = true;
    this.#early = null;
    this.#batch = '';
    this.#child?.kill('SIGKILL');
    this.#child = null;
  }
}
