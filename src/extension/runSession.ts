/**
 * One run of the runner as a Node child process (IPC). No vscode imports, so unit tests drive
 * it with the real runner. The runner leads its own process group, so a stop that the runner
 * does not answer in time can still end every lab process at once.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { EventKind, RunStatus } from '../protocol/events';
import { decodeFromRunner, RUNNER_SERIALIZATION, type RunConfig } from '../protocol/host';
import type { CheckedBatch } from './eventWindow';

export interface RunEnd {
  status: RunStatus;
  eventCount: number;
  /** Why the run could not start or broke (fatal message, runner crash). */
  message?: string;
}

export interface RunSessionHandlers {
  /** A checked batch, in columns as it came (to pass on to views), with its events of the kinds asked for. */
  onEvents(batch: CheckedBatch): void;
  /** A message from the runner that failed validation, or runner stderr. */
  onProblem?(text: string): void;
}

export interface RunSessionOptions {
  runnerPath: string;
  config: RunConfig;
  cwd: string;
  /** Extra environment for the runner. */
  env?: NodeJS.ProcessEnv;
  /** The kinds of event to decode into objects (default: all); every event is checked either way. */
  kinds?: ReadonlySet<EventKind>;
}

const POSIX = process.platform !== 'win32';

export class RunSession {
  readonly done: Promise<RunEnd>;
  private child: ChildProcess | undefined;
  private end: RunEnd | undefined;
  private resolveDone!: (end: RunEnd) => void;
  private stopRequested = false;
  /** Where the run's log stands (the next seq, the last stamp): batches must continue it. */
  private readonly at = { seq: 0, t: 0 };

  constructor(
    private readonly options: RunSessionOptions,
    private readonly handlers: RunSessionHandlers,
  ) {
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }
  get finished(): boolean {
    return this.end !== undefined;
  }

  start(): void {
    if (this.child) throw new Error('run already started');
    const child = fork(this.options.runnerPath, [], {
      cwd: this.options.cwd,
      // Inside desktop VS Code process.execPath is Electron: make it behave as Node.
      env: { ...process.env, ...this.options.env, ELECTRON_RUN_AS_NODE: '1' },
      execArgv: [],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: RUNNER_SERIALIZATION,
      detached: POSIX,
    });
    this.child = child;
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => this.handlers.onProblem?.(text));
    child.on('message', (msg) => this.onMessage(msg));
    child.on('error', (err) =>
      this.finish({ status: 'error', eventCount: 0, message: err.message }),
    );
    child.on('exit', (code, signal) => {
      this.finish({
        status: this.stopRequested ? 'stopped' : 'error',
        eventCount: 0,
        message: `runner exited (${signal ?? `code ${code}`}) before reporting the end of the run`,
      });
      this.killGroup();
    });
    child.send({ type: 'start', config: this.options.config });
  }

  /** Asks the runner to stop; kills the whole process group if it has not ended within `graceMs`. */
  async stop(graceMs = 3000): Promise<RunEnd> {
    if (this.end) return this.end;
    this.stopRequested = true;
    try {
      this.child?.send({ type: 'stop' });
    } catch {
      // The channel is already closed: the exit handler finishes the run.
    }
    const timer = setTimeout(() => this.kill(), graceMs);
    const end = await this.done;
    clearTimeout(timer);
    return end;
  }

  /** Ends the run now: SIGKILL for the runner and every process in its group. */
  kill(): void {
    this.killGroup();
    try {
      this.child?.kill('SIGKILL');
    } catch {
      // Already gone.
    }
  }

  private killGroup(): void {
    const pid = this.child?.pid;
    if (!POSIX || !pid) return;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // No process left in the group.
    }
  }

  private onMessage(raw: unknown): void {
    // Time is checked against the run so far; seq here, so that a refused batch costs only its own events.
    const check = decodeFromRunner(raw, { t: this.at.t }, this.options.kinds);
    if (!check.ok) {
      this.handlers.onProblem?.(`invalid message from runner: ${check.error}\n`);
      return;
    }
    const msg = check.msg;
    switch (msg.type) {
      case 'events':
        if (msg.firstSeq < this.at.seq) {
          this.handlers.onProblem?.(
            `invalid message from runner: seq ${msg.firstSeq} where ${this.at.seq} was expected\n`,
          );
          return;
        }
        if (msg.firstSeq > this.at.seq) {
          const missing =
            msg.firstSeq - 1 === this.at.seq
              ? `event ${this.at.seq}`
              : `events ${this.at.seq}–${msg.firstSeq - 1}`;
          this.handlers.onProblem?.(
            `${missing} of the run never arrived (a batch was refused); the run's log file has them\n`,
          );
        }
        this.at.seq = msg.firstSeq + msg.count;
        this.at.t = msg.lastT;
        this.handlers.onEvents({
          bytes: msg.batch,
          count: msg.count,
          firstSeq: msg.firstSeq,
          events: msg.events,
        });
        break;
      case 'done':
        this.finish({ status: msg.status, eventCount: msg.eventCount });
        break;
      case 'fatal':
        this.finish({ status: 'error', eventCount: 0, message: msg.message });
        break;
    }
  }

  private finish(end: RunEnd): void {
    if (this.end) return;
    this.end = end;
    this.resolveDone(end);
    // The runner exits by itself after `done`; make sure nothing of its group lingers.
    setTimeout(() => this.killGroup(), 1000).unref?.();
  }
}
