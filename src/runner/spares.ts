/**
 * Spare lab processes, booted ahead and holding the lab module already loaded (like Python's
 * forkserver): start() then hands a child its role in one message, so children started together
 * really run together instead of a Node boot apart.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { hearWireless, WIRE_FD } from './labWire';
import type { Watchdog } from './watchdog';

/** Most booted-but-idle processes kept at once. */
const MAX_SPARES = 16;

export class SparePool {
  #spares: {
    child: ChildProcess;
    gone: () => void;
    ready: boolean;
    listen: (m: unknown) => void;
  }[] = [];
  #onReady: (() => void)[] = [];
  /** How many children the lab said it will start; null while it has not said. */
  #hint: number | null = null;
  #closed = false;

  /** `room()`: how many more processes the run may still start. */
  constructor(
    private readonly labhost: string,
    private readonly lab: string,
    private readonly watchdog: Watchdog,
    private readonly room: () => number,
  ) {}

  /** Forks a labhost and has it load the lab at once. */
  fork(): ChildProcess {
    // Fork IPC sets the process up; the extra pipe at WIRE_FD is its lab wire (see labWire.ts).
    const child = fork(this.labhost, [`--cl-runner=${process.pid}`, `--cl-wire=${WIRE_FD}`], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc', 'pipe'],
      execArgv: [],
      serialization: 'json',
    });
    this.watchdog.watch(child.pid ?? -1);
    hearWireless(child);
    child.on('error', () => {
      /* a failed fork shows as pid -1 or an exit */
    });
    if (child.connected) child.send({ prepare: { lab: this.lab } });
    return child;
  }

  /**
   * Keeps enough spares for the children still expected: `hint` is how many the lab says it will
   * start (LabMeta.processes), `started` how many it has. Without a hint one spare is kept; once a
   * lab that said its count has started them all, none is (a booting spare would take a core from
   * the run the learner is watching; a start past the count boots its process then).
   */
  topUp(started: number, hint?: number): void {
    if (hint !== undefined) this.#hint = hint;
    if (this.#closed) return;
    const wanted =
      this.#hint === null ? 1 : Math.min(MAX_SPARES, Math.max(0, this.#hint - started));
    while (this.#spares.length < wanted && this.#spares.length < this.room()) {
      const child = this.fork();
      const spare = {
        child,
        gone: () => this.#drop(child),
        ready: false,
        listen: (m: unknown) => {
          if ((m as { ready?: unknown })?.ready !== true) return;
          spare.ready = true;
          for (const f of this.#onReady.splice(0)) f();
        },
      };
      child.once('exit', spare.gone);
      child.on('message', spare.listen);
      this.#spares.push(spare);
    }
  }

  get readyCount(): number {
    return this.#spares.filter((s) => s.ready).length;
  }

  /** Resolves once `n` spares have loaded the lab (or after `capMs`, whichever is first). */
  whenReady(n: number, capMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, capMs);
      const check = () => {
        if (this.#closed || this.readyCount >= Math.min(n, this.#spares.length)) {
          clearTimeout(timer);
          resolve();
        } else this.#onReady.push(check);
      };
      check();
    });
  }

  #drop(child: ChildProcess): void {
    const i = this.#spares.findIndex((s) => s.child === child);
    if (i >= 0) this.#spares.splice(i, 1);
    this.watchdog.forget(child.pid ?? -1);
    for (const f of this.#onReady.splice(0)) f();
  }

  /** A ready spare, or null. */
  take(): ChildProcess | null {
    // A spare that has loaded the lab first, else the one booting longest.
    const i = this.#spares.findIndex((s) => s.ready);
    if (i > 0) this.#spares.unshift(...this.#spares.splice(i, 1));
    for (let s = this.#spares.shift(); s; s = this.#spares.shift()) {
      s.child.removeListener('exit', s.gone);
      s.child.removeListener('message', s.listen);
      if (s.child.exitCode === null && s.child.signalCode === null && s.child.connected)
        return s.child;
      this.watchdog.forget(s.child.pid ?? -1);
    }
    return null;
  }

  /** The run is ending: the spares never became lab processes, so they just go. */
  close(): void {
    this.#closed = true;
    for (const f of this.#onReady.splice(0)) f();
    for (const s of this.#spares.splice(0)) {
      s.child.removeListener('exit', s.gone);
      s.child.kill('SIGKILL');
      this.watchdog.forget(s.child.pid ?? -1);
    }
  }
}
