/**
 * Spare lab processes, booted ahead and holding the lab module already loaded (like Python's
 * forkserver): start() then hands a child its role in one message, so children started together
 * really run together instead of a Node boot apart.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import { readLabControl } from '../protocol/labControl';
import { LabWire, WIRE_FD } from './labWire';
import type { Watchdog } from './watchdog';

/** Most booted-but-idle processes kept at once. */
const MAX_SPARES = 16;

/** A started lab process and its wire, its only channel to the runner. */
export interface LabProcess {
  child: ChildProcess;
  wire: LabWire;
}

/**
 * Where a run's lab processes come from: booted for this run (SparePool), or kept across the runs
 * of an exploration and reused (labProcessPool.ts).
 */
export interface ProcessSource {
  /** Main too is taken from here (a reused process that has loaded the lab already). */
  readonly forMain: boolean;
  start(): LabProcess;
  topUp(started: number, hint?: number): void;
  whenReady(n: number, capMs: number): Promise<void>;
  take(): LabProcess | null;
  close(): void;
  /**
   * A process that finished its run (it said `recycled`) and is loading the lab again: kept for
   * the next run. Absent: processes are never reused.
   */
  giveBack?(process: LabProcess): void;
}

/**
 * Starts a labhost and has it load the lab at once. It gets no fork IPC: the pipe at WIRE_FD
 * carries everything (see labWire.ts). Until the process is given a role, its wire only says
 * when the lab has loaded.
 */
export function startLabProcess(
  spec: LabProcessSpec,
  watchdog: Watchdog,
  onReady?: () => void,
): LabProcess {
  const stdio = ['ignore', 'pipe', 'pipe', 'pipe'] as const;
  const child = spec.python
    ? spawn(spec.python.command, [spec.python.script], {
        stdio: [...stdio],
        cwd: spec.python.cwd,
        env: { ...process.env, ...spec.env, ...spec.python.env },
      })
    : spawn(
        process.execPath,
        [...spec.nodeArgs, spec.labhost, `--cl-runner=${process.pid}`, `--cl-wire=${WIRE_FD}`],
        { stdio: [...stdio], env: { ...process.env, ...spec.env } },
      );
  watchdog.watch(child.pid ?? -1);
  child.on('error', () => {
    /* a failed start shows as pid -1 or an exit */
  });
  const wire: LabWire = new LabWire(child.stdio?.[WIRE_FD] as Socket | null, {
    onMessage: (m) => {
      const c = readLabControl(m);
      if (c && 'ready' in c) onReady?.();
    },
    // Before it has a role, anything unreadable just means the spare is not used.
    onBad: () => child.kill('SIGKILL'),
  });
  wire.send({ prepare: { lab: spec.lab } });
  return { child, wire };
}

interface Spare extends LabProcess {
  ready: boolean;
  gone: () => void;
}

/** How lab processes are started: the labhost script, the lab, and what else they get. */
export interface LabProcessSpec {
  labhost: string;
  lab: string;
  /** Extra environment (the run's marker, found again by the sweep). */
  env: NodeJS.ProcessEnv;
  /** Node options placed before the script (the heap bound). */
  nodeArgs: string[];
  /**
   * A Python script instead: its main process is the interpreter running it, in `cwd`, with the
   * extra environment `env` (src/runner/pythonRun.ts); its other processes start themselves.
   */
  python?: { command: string; script: string; cwd: string; env: NodeJS.ProcessEnv };
}

export class SparePool implements ProcessSource {
  readonly forMain = false;
  #spares: Spare[] = [];
  #onReady: (() => void)[] = [];
  /** How many children the lab said it will start; null while it has not said. */
  #hint: number | null = null;
  #closed = false;

  /** `room()`: how many more processes the run may still start. */
  constructor(
    private readonly spec: LabProcessSpec,
    private readonly watchdog: Watchdog,
    private readonly room: () => number,
  ) {}

  start(onReady?: () => void): LabProcess {
    return startLabProcess(this.spec, this.watchdog, onReady);
  }

  /**
   * Keeps enough spares for the children still expected: `hint` is how many the lab says it will
   * start (LabMeta.processes), `started` how many it has. Without a hint one spare is kept; once a
   * lab that said its count has started them all, none is (a booting spare would take a core from
   * the run the learner is watching; a start past the count boots its process then).
   */
  topUp(started: number, hint?: number): void {
    if (hint !== undefined) this.#hint = hint;
    // A Python script's processes are started by Python's multiprocessing, never from spares.
    if (this.#closed || this.spec.python) return;
    const wanted =
      this.#hint === null ? 1 : Math.min(MAX_SPARES, Math.max(0, this.#hint - started));
    while (this.#spares.length < wanted && this.#spares.length < this.room()) {
      const spare: Spare = {
        ...this.start(() => {
          spare.ready = true;
          for (const f of this.#onReady.splice(0)) f();
        }),
        ready: false,
        gone: () => this.#drop(spare),
      };
      spare.child.once('exit', spare.gone);
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

  #drop(spare: Spare): void {
    const i = this.#spares.indexOf(spare);
    if (i >= 0) this.#spares.splice(i, 1);
    this.watchdog.forget(spare.child.pid ?? -1);
    for (const f of this.#onReady.splice(0)) f();
  }

  /** A ready spare, or null. */
  take(): LabProcess | null {
    // A spare that has loaded the lab first, else the one booting longest.
    const i = this.#spares.findIndex((s) => s.ready);
    if (i > 0) this.#spares.unshift(...this.#spares.splice(i, 1));
    for (let s = this.#spares.shift(); s; s = this.#spares.shift()) {
      s.child.removeListener('exit', s.gone);
      if (s.child.exitCode === null && s.child.signalCode === null && !s.wire.ended)
        return { child: s.child, wire: s.wire };
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
