/**
 * Runs a lab the way every parent does, through the runner client (src/runnerClient): start
 * dist/runner.js, collect the event batches until the run ends. Lab processes are found afterwards
 * by `labProcesses(runnerPid)`.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { DEFAULT_CONFIG, type RunConfig } from '../../src/protocol/host';
import type { LabEvent, RunStatus } from '../../src/protocol/events';
import { RunnerClient, type RunnerEnd } from '../../src/runnerClient/runnerClient';
import { DIST, REPO, ensureBuilt } from './build';

export interface LabResult {
  events: LabEvent[];
  status: RunStatus;
  /** How the run ended: by the runner (`done`, `fatal` with its message) or without it (`gone`). */
  done: RunnerEnd;
  runnerPid: number;
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

/**
 * Starts a run and returns at once (for tests that stop it or watch it live). The result rejects
 * when the runner sent anything the client refused, or went away without ending the run.
 */
export function startLab(
  lab: string,
  opts: Partial<RunConfig> = {},
  onEvents?: (e: LabEvent[], batch: Uint8Array) => void,
): RunHandle {
  const events: LabEvent[] = [];
  const problems: string[] = [];
  const client = new RunnerClient(
    { runnerPath: join(DIST, 'runner.js'), config: { ...DEFAULT_CONFIG, ...opts, lab } },
    {
      onEvents: (batch) => {
        events.push(...batch.events);
        onEvents?.(batch.events, batch.bytes);
      },
      onProblem: (text) => problems.push(text),
      onOutput: (text) => process.stderr.write(text),
    },
  );
  client.start();
  const runnerPid = client.pid ?? -1;
  const result = client.done.then((end) => {
    if (problems.length)
      throw new Error(`the runner sent what the client refused: ${problems.join('; ')}`);
    if (end.by === 'gone') throw new Error(end.message ?? 'the runner went away');
    return { events, status: end.status, done: end, runnerPid };
  });
  return {
    result,
    runnerPid,
    stop: () => void client.stop(),
    disconnect: () => client.disconnect(),
  };
}

/** Runs a lab to its end: `runLab('ticket-lock', { seed: 3, speed: 20 })`. Builds first if needed. */
export async function runLab(lab: string, opts: Partial<RunConfig> = {}): Promise<LabResult> {
  await ensureBuilt();
  return startLab(lab, opts).result;
}

/** Lab processes of the run whose runner had pid `runnerPid` that still exist (scans the process table). */
export function labProcesses(runnerPid: number): string[] {
  const out = execFileSync('ps', ['-eo', 'pid,ppid,args'], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes(`--cl-runner=${runnerPid}`));
}
