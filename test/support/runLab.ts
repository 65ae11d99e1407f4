/**
 * Runs a lab the way every parent does: fork dist/runner.js, send `start`, collect the event
 * batches until `done` (or `fatal`). Lab processes are found afterwards by `labProcesses(runnerPid)`.
 */
import { fork, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  decodeFromRunner,
  DEFAULT_CONFIG,
  RUNNER_SERIALIZATION,
  type RunnerMessage,
  type RunConfig,
} from '../../src/protocol/host';
import type { LabEvent, RunStatus } from '../../src/protocol/events';
import { DIST, REPO, ensureBuilt } from './build';

export interface LabResult {
  events: LabEvent[];
  status: RunStatus;
  /** The runner's last message: `done`, or `fatal` (then `status` is 'error'). */
  done: RunnerMessage;
  runnerPid: number;
  /** Wall-clock milliseconds from fork to the runner's exit. */
  ms: number;
}

/** Absolute path of a lab file under test/fixtures/labs. */
export function fixture(name: string): string {
  return join(REPO, 'test', 'fixtures', 'labs', name);
}

export interface RunHandle {
  result: Promise<LabResult>;
  runnerPid: number;
  stop(): void;
  /** Closes the IPC channel, as a parent that goes away does. */
  disconnect(): void;
}

/** Starts a run and returns at once (for tests that stop it or watch it live). */
export function startLab(
  lab: string,
  opts: Partial<RunConfig> = {},
  onEvents?: (e: LabEvent[], batch: Uint8Array) => void,
): RunHandle {
  const started = Date.now();
  const child = fork(join(DIST, 'runner.js'), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: RUNNER_SERIALIZATION,
  });
  const events: LabEvent[] = [];
  let last: RunnerMessage | null = null;
  const result = new Promise<LabResult>((resolve, reject) => {
    child.on('message', (msg: unknown) => {
      const c = decodeFromRunner(msg, {
        seq: events.length,
        t: events.length ? events[events.length - 1].t : 0,
      });
      if (!c.ok) return reject(new Error(`invalid message from the runner: ${c.error}`));
      const m = c.msg;
      if (m.type === 'events') {
        events.push(...m.events);
        onEvents?.(m.events, m.batch);
      } else last = m;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (!last)
        return reject(
          new Error(`the runner exited (code ${code}, signal ${signal}) without a done message`),
        );
      const status: RunStatus = last.type === 'done' ? last.status : 'error';
      resolve({ events, status, done: last, runnerPid: child.pid ?? -1, ms: Date.now() - started });
    });
  });
  child.send({ type: 'start', config: { ...DEFAULT_CONFIG, ...opts, lab } });
  return {
    result,
    runnerPid: child.pid ?? -1,
    stop: () => {
      if (child.connected) child.send({ type: 'stop' });
    },
    disconnect: () => {
      if (child.connected) child.disconnect();
    },
  };
}

/** Runs a lab to its end: `runLab('ticket-lock', { seed: 3, speed: 20 })`. Builds first if needed. */
export async function runLab(
  lab: string,
  opts: Partial<RunConfig> = {},
): Promise<LabResult & { done: RunnerMessage }> {
  await ensureBuilt();
  return startLab(lab, opts).result;
}

/** Lab processes of the run whose runner had pid `runnerPid` that still exist (scans the process table). */
export function labProcesses(runnerPid: number): string[] {
  const out = execFileSync('ps', ['-eo', 'pid,ppid,args'], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes(`--cl-runner=${runnerPid}`));
}
