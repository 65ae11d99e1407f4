/**
 * The one way to start and read a runner process (dist/runner.js), used by the CLI, the
 * extension, the tests and the bench, so a run is started, read, stopped and ended by the same
 * rules everywhere:
 * - On POSIX the runner leads its own process group (a terminal's Ctrl-C reaches only its parent,
 *   and a kill reaches every lab process at once); on Windows `detached` would open a console.
 * - Every message is checked where it enters. A refused batch costs only its own events: the next
 *   batch is read against the run so far, and the gap is reported once.
 * - The run is over when the runner has said so (`done`, or `fatal` for a run it could not start)
 *   and has exited, so no process of its group is left when `done` resolves. A runner that exits
 *   before saying so has crashed, or was killed; messages it sent just before exiting are still
 *   read until its channel closes, so a `done` is never mistaken for a crash.
 * - `stop()` asks; a runner that does not answer within the grace is killed with its group.
 * - When the runner is gone without ending the run, `runnerGone()` cleans up in one place: its
 *   process group, and a `run.end` appended to the log saying what happened.
 * No vscode imports: this layer sits between the protocol and every parent of a runner.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { encodeEvents } from '../protocol/eventColumns';
import type { EventKind, LabEvent, RunStatus } from '../protocol/events';
import {
  decodeFromRunner,
  RUNNER_SERIALIZATION,
  type RunConfig,
  type StepChoice,
  type ToRunner,
} from '../protocol/host';
import type { ExploreResult, ExploreSpec } from '../protocol/explore';
import { newRunId, RUN_MARKER, sweepRun } from '../processTree/runSweep';
import { endRecording } from './endRecording';

/** A batch of a run as a parent receives it: checked, in columns, with its picked events decoded. */
export interface RunnerBatch {
  /** The batch in columns, in a buffer of its own. */
  bytes: Uint8Array;
  count: number;
  firstSeq: number;
  /** Its events of the kinds asked for (all by default), in seq order. */
  events: LabEvent[];
}

export interface RunnerEnd {
  status: RunStatus;
  /** Events in the run's log: the runner's count, or (when it went away) those received. */
  eventCount: number;
  /**
   * `done`: the runner ended the run. `fatal`: it could not start it. `gone`: the runner went away
   * before ending it (crash, kill, a stop it did not answer), or could not be started at all.
   */
  by: 'done' | 'fatal' | 'gone';
  /** Why the run could not start or broke. */
  message?: string;
  /** The log file the runner wrote (as its `done` says). */
  eventsFile?: string;
}

export interface RunnerHandlers {
  /** A checked batch, in seq order. After a runner went away, the `run.end` the client wrote. */
  onEvents(batch: RunnerBatch): void;
  /** A refused message or a gap in the run, one line. */
  onProblem?(text: string): void;
  /** The runner's own stdout/stderr text (lab output travels as events, not here). */
  onOutput?(text: string): void;
  /** Step mode: the runner asks which process goes on; answer with `choose(step, proc)`. */
  onChoose?(choice: StepChoice): void;
  /** Explore: how it stands, a few times a second, then the result (`final`). */
  onExplored?(result: ExploreResult): void;
}

export interface RunnerOptions {
  runnerPath: string;
  config: RunConfig;
  cwd?: string;
  /** Extra environment for the runner (and so for its lab processes). */
  env?: NodeJS.ProcessEnv;
  /** The kinds of event to decode into objects (default: all); every event is checked either way. */
  kinds?: ReadonlySet<EventKind>;
  /** Explore schedules of the lab instead of running it once (`onExplored` hears how it goes). */
  explore?: ExploreSpec;
  /**
   * The program that runs the runner, given the runner's path as its first argument (default:
   * this Node). The bench's instruction counts start it under a profiler this way.
   */
  execPath?: string;
}

const POSIX = process.platform !== 'win32';
/** How long the channel may stay open after the runner's exit before the run counts as over. */
const CHANNEL_GRACE_MS = 2000;
/** How long a runner may linger after saying the run is over before it is killed. */
const EXIT_GRACE_MS = 5000;
const OUTPUT_TAIL_LINES = 12;

export class RunnerClient {
  readonly done: Promise<RunnerEnd>;
  private child: ChildProcess | undefined;
  private end: RunnerEnd | undefined;
  /** The end the runner announced (`done`, `fatal`); the run is over once the runner has exited too. */
  private said: RunnerEnd | undefined;
  private exitTimer: NodeJS.Timeout | undefined;
  private resolveDone!: (end: RunnerEnd) => void;
  private stopRequested = false;
  private killed = false;
  /** Where the run's log stands (the next seq, the last stamp): batches must continue it. */
  private readonly at = { seq: 0, t: 0 };
  private received = 0;
  private outputTail = '';
  /** The run's id: the runner puts it in the environment of every process of the run. */
  readonly runId = newRunId();

  constructor(
    private readonly options: RunnerOptions,
    private readonly handlers: RunnerHandlers,
  ) {
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }

  /** The runner's pid; on POSIX also its process group's id. */
  get pid(): number | undefined {
    return this.child?.pid;
  }
  get finished(): boolean {
    return this.end !== undefined;
  }

  start(): void {
    if (this.child) throw new Error('run already started');
    let child: ChildProcess;
    try {
      child = fork(this.options.runnerPath, [], {
        cwd: this.options.cwd,
        // Inside desktop VS Code process.execPath is Electron: make it behave as Node.
        env: {
          ...process.env,
          ...this.options.env,
          ELECTRON_RUN_AS_NODE: '1',
          [RUN_MARKER]: this.runId,
        },
        execArgv: [],
        execPath: this.options.execPath,
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        serialization: RUNNER_SERIALIZATION,
        detached: POSIX,
      });
    } catch (err) {
      this.finish({
        status: 'error',
        eventCount: 0,
        by: 'gone',
        message: `could not start the runner: ${(err as Error).message}`,
      });
      return;
    }
    this.child = child;
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (text: string) => this.onOutput(text));
    }
    child.on('message', (msg) => this.onMessage(msg));
    child.on('error', (err) => {
      // Spawning failed (no 'exit' follows), or a send failed on a closing channel (exit follows).
      if (child.pid === undefined) this.runnerGone(`could not start the runner: ${err.message}`);
    });
    child.on('exit', (code, signal) => this.onExit(child, code, signal));
    const { config, explore } = this.options;
    child.send(explore ? { type: 'explore', config, explore } : { type: 'start', config });
  }

  /** Asks the runner to stop; kills it with its group if the run has not ended within `graceMs`. */
  async stop(graceMs = 3000): Promise<RunnerEnd> {
    if (this.end) return this.end;
    this.stopRequested = true;
    this.send({ type: 'stop' });
    const timer = setTimeout(() => this.kill(), graceMs);
    const end = await this.done;
    clearTimeout(timer);
    return end;
  }

  /** Ends the run now: SIGKILL for the runner and every process in its group. */
  kill(): void {
    if (this.end) return;
    this.stopRequested = true;
    this.killed = true;
    this.killGroup();
    try {
      this.child?.kill('SIGKILL');
    } catch {
      // Already gone.
    }
  }

  /** Closes the channel, as a parent that goes away does: the runner ends the run and leaves. */
  disconnect(): void {
    if (this.child?.connected) this.child.disconnect();
  }

  /** Step mode: answers the runner's question number `step`: process `proc` goes on. */
  choose(step: number, proc: number): void {
    this.send({ type: 'choice', step, proc });
  }

  private send(msg: ToRunner): void {
    try {
      if (this.child?.connected) this.child.send(msg);
    } catch {
      // The channel is closing: the exit handler ends the run.
    }
  }

  private onOutput(text: string): void {
    this.outputTail = (this.outputTail + text)
      .split('\n')
      .slice(-OUTPUT_TAIL_LINES - 1)
      .join('\n');
    this.handlers.onOutput?.(text);
  }

  private onExit(child: ChildProcess, code: number | null, signal: string | null): void {
    // Messages sent just before the exit (the `done`) are read until the channel closes.
    const gone = () => {
      setImmediate(() => this.runnerGone(exitText(code, signal, this.killed)));
    };
    if (!child.connected) return gone();
    const grace = setTimeout(gone, CHANNEL_GRACE_MS);
    child.once('disconnect', () => {
      clearTimeout(grace);
      gone();
    });
  }

  private onMessage(raw: unknown): void {
    if (this.said || this.end) return;
    // Time is checked against the run so far; seq here, so that a refused batch costs only its own events.
    const check = decodeFromRunner(raw, { t: this.at.t }, this.options.kinds);
    if (!check.ok) return this.problem(`invalid message from runner: ${check.error}`);
    const msg = check.msg;
    if (msg.type === 'events') {
      if (msg.firstSeq < this.at.seq)
        return this.problem(
          `invalid message from runner: seq ${msg.firstSeq} where ${this.at.seq} was expected`,
        );
      if (msg.firstSeq > this.at.seq) this.problem(gapText(this.at.seq, msg.firstSeq));
      this.at.seq = msg.firstSeq + msg.count;
      this.at.t = msg.lastT;
      this.received += msg.count;
      this.handlers.onEvents({
        bytes: msg.batch,
        count: msg.count,
        firstSeq: msg.firstSeq,
        events: msg.events,
      });
    } else if (msg.type === 'choose') {
      this.handlers.onChoose?.(msg.choice);
    } else if (msg.type === 'explored') {
      this.handlers.onExplored?.(msg.result);
    } else if (msg.type === 'done') {
      const end: RunnerEnd = { status: msg.status, eventCount: msg.eventCount, by: 'done' };
      if (msg.eventsFile) end.eventsFile = msg.eventsFile;
      this.announced(end);
    } else {
      this.announced({
        status: 'error',
        eventCount: this.received,
        by: 'fatal',
        message: msg.message,
      });
    }
  }

  /** The runner said the run is over; it exits right after, or is killed if it lingers. */
  private announced(end: RunnerEnd): void {
    this.said = end;
    this.exitTimer = setTimeout(() => this.kill(), EXIT_GRACE_MS);
  }

  /**
   * The runner is gone: the one place that cleans up after it, whether it ended the run or not.
   * Its process group is killed (lab processes it left); if it did not end the run, the recording
   * gets its `run.end` and the parent the same event.
   */
  private runnerGone(how: string): void {
    this.cleanUpAfterRunner();
    clearTimeout(this.exitTimer);
    if (this.end) return;
    if (this.said) return this.finish(this.said);
    const status: RunStatus = this.stopRequested ? 'stopped' : 'error';
    const output = this.outputTail.trim();
    const message = output ? `${how}:\n${output}` : how;
    const written = this.options.config.eventsFile
      ? endRecording(this.options.config.eventsFile, status, how, this.at)
      : null;
    const runEnd = written ?? this.syntheticEnd(status, how);
    if (runEnd) {
      const batch = {
        bytes: encodeEvents([runEnd]),
        count: 1,
        firstSeq: runEnd.seq,
        events: [runEnd],
      };
      this.at.seq = runEnd.seq + 1;
      this.received++;
      if (!this.options.kinds || this.options.kinds.has('run.end')) this.handlers.onEvents(batch);
      else this.handlers.onEvents({ ...batch, events: [] });
    }
    this.finish({ status, eventCount: this.at.seq, by: 'gone', message });
  }

  /** Without a log file: a `run.end` for the events received, if the run had begun. */
  private syntheticEnd(status: RunStatus, message: string): LabEvent | null {
    if (this.at.seq === 0) return null;
    return { v: 1, seq: this.at.seq, t: this.at.t, proc: -1, kind: 'run.end', status, message };
  }

  private problem(text: string): void {
    this.handlers.onProblem?.(text);
  }

  /**
   * What the runner may have left behind once it is gone: its process group, and (where the
   * platform lets them be found, see processTree/runSweep.ts) the processes that left the group,
   * setsid ones: when the runner and its watchdog were killed together, nobody else ends them.
   */
  private cleanUpAfterRunner(): void {
    this.killGroup();
    sweepRun(this.runId);
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

  private finish(end: RunnerEnd): void {
    if (this.end) return;
    this.end = end;
    this.resolveDone(end);
  }
}

function gapText(expected: number, got: number): string {
  const missing = got - 1 === expected ? `event ${expected}` : `events ${expected}–${got - 1}`;
  return `${missing} of the run never arrived (a batch was refused); the run's log file has them`;
}

function exitText(code: number | null, signal: string | null, killed: boolean): string {
  if (killed) return 'the run was killed before the runner could end it';
  return `the runner exited (${signal ?? `code ${code}`}) before ending the run`;
}
