/**
 * Process, modelled on Python's multiprocessing.Process with the spawn start method: the runner
 * forks a fresh lab process, which loads the lab module and calls the exported `target` by name.
 */
import { ctx, request, siteOfCall } from './context';
import { encodeValue } from './encode';
import { AssertionError, ValueError } from './errors';
import { timeoutArg } from './timeouts';

export interface ProcessOptions {
  name?: string;
  /**
   * Daemon processes are terminated when the process that started them finishes. The default is
   * the creating process's own flag, as in Python (a daemon cannot start children, though).
   */
  daemon?: boolean;
}

type Target = ((...args: never[]) => unknown) | string;

/** This process's started children that have not been seen to exit (Python's active_children()). */
const running = new Set<Process>();

/** The children of this process that are still running, its Pools' workers included. */
export function activeChildren(): Process[] {
  return [...running].filter((p) => p.isAlive());
}

/**
 * A Pool's workers are children of its owner (CPython's active_children() lists them), but the
 * runner starts them: the pool makes their Process objects at once, as CPython's Pool() starts
 * them at once, and the runner's `poolWorker` says which process each one is.
 */
const workerByName = new Map<string, Process>();
/** Set by Process's static block: private state only Process may touch. */
let makeWorker: (name: string) => Process;
let bindWorker: (worker: Process, proc: number, pid: number) => void;

/** The Process objects of a new pool's workers, by their names. */
export function poolWorkersStarting(names: readonly string[]): void {
  for (const name of names) workerByName.set(name, makeWorker(name));
}

/** A pool that could not start: its workers never ran. */
export function poolWorkersGone(names: readonly string[]): void {
  for (const name of names) {
    const worker = workerByName.get(name);
    if (worker) running.delete(worker);
    workerByName.delete(name);
  }
}

/** The runner started pool worker `name` of this process as process `proc`. */
export function poolWorkerStarted(name: string, proc: number, pid: number): void {
  const worker = workerByName.get(name) ?? makeWorker(name);
  workerByName.delete(name);
  bindWorker(worker, proc, pid);
}

const CLOSED = 'process object is closed';

export class Process {
  name: string;
  /** The OS process id, once started. */
  pid: number | null = null;
  /** null while running (or not started), 0 after success, 1 after an error, -15 when terminated. */
  exitCode: number | null = null;
  readonly #target: Target;
  readonly #args: unknown[];
  readonly #identity: number[];
  #proc: number | null = null;
  #started: Promise<void> | null = null;
  #daemon: boolean;
  #closed = false;

  static {
    makeWorker = (name) => {
      const c = ctx();
      // The pool counted its workers among this process's children when it was made.
      const counted = c.childCounter;
      const worker = new Process('pool worker', [], { name, daemon: true });
      c.childCounter = counted;
      worker.#started = new Promise((bound) => (worker.#bound = bound));
      running.add(worker);
      return worker;
    };
    bindWorker = (worker, proc, pid) => {
      worker.pid = pid;
      worker.#track(ctx(), proc);
      worker.#bound?.();
    };
  }
  /** A pool worker's: resolves #started once the runner has said which process it is. */
  #bound: (() => void) | null = null;

  constructor(target: Target, args: unknown[] = [], options: ProcessOptions = {}) {
    const c = ctx();
    this.#target = target;
    this.#args = Array.isArray(args) ? args : [args];
    this.#identity = [...c.init.identity, ++c.childCounter];
    this.name = options.name ?? `Process-${this.#identity.join(':')}`;
    this.#daemon = Boolean(options.daemon ?? c.init.daemon);
  }

  get daemon(): boolean {
    return this.#daemon;
  }

  /** Settable until start(), as in Python. */
  set daemon(on: boolean) {
    if (this.#started) throw new AssertionError('process has already started');
    this.#daemon = Boolean(on);
  }

  /** Starts the process; resolves once it exists (its pid is known). Can be called only once. */
  start(): Promise<void> {
    if (this.#closed) return Promise.reject(new ValueError(CLOSED));
    if (this.#started) return Promise.reject(new AssertionError('cannot start a process twice'));
    this.#started = this.#launch();
    return this.#started;
  }

  async #launch(): Promise<void> {
    const c = ctx();
    const target = exportName(c.module, this.#target);
    const reply = (await request({
      id: 0,
      op: 'proc.start',
      target,
      args: encodeValue(this.#args),
      name: String(this.name),
      daemon: Boolean(this.daemon),
      identity: this.#identity,
    })) as { proc: number; pid: number };
    this.pid = reply.pid;
    this.#track(c, reply.proc);
  }

  /** Running as process `proc`, until the runner says it exited. */
  #track(c: ReturnType<typeof ctx>, proc: number): void {
    this.#proc = proc;
    running.add(this);
    c.onChildExit.set(proc, (code) => {
      this.exitCode = code;
      running.delete(this);
      c.onChildExit.delete(proc);
    });
  }

  /**
   * Waits for the process to exit, or for `timeoutSec` to pass (`null`, the default, is Python's
   * `None`: no limit; a negative timeout returns at once, as in CPython).
   */
  async join(timeoutSec: number | null = null): Promise<void> {
    if (this.#closed) throw new ValueError(CLOSED);
    if (!this.#started) throw new AssertionError('can only join a started process');
    const timeout = timeoutArg(timeoutSec, 'Process.join()');
    // The caller's site is known only now: the request leaves after an await.
    const site = siteOfCall(Process.prototype.join);
    await this.#started;
    const reply = (await request({
      id: 0,
      op: 'proc.join',
      target: this.#proc as number,
      timeoutSec: timeout,
      site,
    })) as { exitCode: number | null };
    if (reply.exitCode !== null) this.exitCode = reply.exitCode;
  }

  /** True between start() and the process's exit. */
  isAlive(): boolean {
    if (this.#closed) throw new ValueError(CLOSED);
    return this.#started !== null && this.exitCode === null;
  }

  /** Sends SIGTERM to the process (it does not wait; join() to wait). */
  terminate(): Promise<void> {
    return this.#signal('SIGTERM');
  }

  /** Sends SIGKILL to the process, as Python's kill(): it cannot clean up (join() to wait). */
  kill(): Promise<void> {
    return this.#signal('SIGKILL');
  }

  async #signal(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    const site = siteOfCall(this.#signal);
    if (this.#closed) throw new ValueError(CLOSED);
    if (!this.#started) {
      // Python fails the same way here: the process object has nothing to terminate yet.
      const err = new Error('cannot terminate a process that was not started');
      err.name = 'AttributeError';
      throw err;
    }
    await this.#started;
    await request({ id: 0, op: 'proc.terminate', target: this.#proc as number, signal, site });
  }

  /**
   * Releases the process object, as Python's close(): a ValueError while the process still runs;
   * after it, every method but close() raises ValueError.
   */
  close(): void {
    if (this.#closed) return;
    if (this.#started && this.exitCode === null)
      throw new ValueError(
        'Cannot close a process while it is still running. You should first call join() or terminate().',
      );
    running.delete(this);
    this.#closed = true;
  }
}

/** The name under which the lab module exports `target` (a child finds it by that name). */
export function exportName(
  module: Record<string, unknown>,
  target: Target,
  what = 'a Process target',
): string {
  if (typeof target === 'string') return target;
  if (typeof target === 'function') {
    if (target.name && module[target.name] === target) return target.name;
    for (const k of Object.keys(module)) if (module[k] === target) return k;
  }
  throw new TypeError(
    `${what} must be a function exported by the lab module ` +
      `(export async function ${typeof target === 'function' && target.name ? target.name : 'worker'}(…) { … })`,
  );
}
