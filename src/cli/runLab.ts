/**
 * Runs one lab: forks the runner next to this bundle, streams its events into the live
 * timeline (the runner writes the --events file itself), and turns Ctrl-C into a clean stop.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  DEFAULT_CONFIG,
  decodeFromRunner,
  RUNNER_SERIALIZATION,
  type RunConfig,
} from '../protocol/host';
import type { LabEvent, RunStatus } from '../protocol/events';
import type { RunOptions } from './args';

export interface StreamHandlers {
  onEvent(e: LabEvent): void;
  /** A one-line notice for the user (stopping, a bad runner message). */
  notice(text: string): void;
}

export type RunEnd =
  | { kind: 'done'; status: RunStatus; events: LabEvent[]; wallMs: number }
  | { kind: 'fatal'; message: string; events: LabEvent[]; wallMs: number };

/** dist/runner.js beside the CLI bundle (dist/cli.js). */
export function runnerPath(): string {
  return join(__dirname, 'runner.js');
}

export function runLab(opts: RunOptions, h: StreamHandlers): Promise<RunEnd> {
  const path = runnerPath();
  const started = Date.now();
  const events: LabEvent[] = [];
  if (!existsSync(path)) {
    return Promise.resolve({
      kind: 'fatal',
      message: `runner not found at ${path} (run npm run build)`,
      events,
      wallMs: 0,
    });
  }
  const config: RunConfig = {
    ...DEFAULT_CONFIG,
    lab: opts.lab,
    seed: opts.seed,
    speed: opts.speed,
    timeoutSec: opts.timeoutSec,
    maxMemoryMB: opts.maxMemoryMB,
    lang: opts.lang,
  };
  if (opts.eventsFile) {
    // The runner writes the log as it records; a file that cannot be written is said here, before any run.
    try {
      closeSync(openSync(opts.eventsFile, 'w'));
    } catch (err) {
      return Promise.resolve({
        kind: 'fatal',
        message: `cannot write the event log: ${(err as Error).message}`,
        events,
        wallMs: 0,
      });
    }
    config.eventsFile = resolve(opts.eventsFile);
  }
  // Own process group: a terminal's Ctrl-C reaches only the CLI, which then asks the runner to stop.
  const child: ChildProcess = fork(path, [], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: RUNNER_SERIALIZATION,
    detached: true,
    execArgv: [],
  });
  const stderr: string[] = [];
  const keep = (buf: Buffer) => {
    stderr.push(buf.toString());
    if (stderr.length > 50) stderr.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  return new Promise<RunEnd>((done) => {
    let settled = false;
    let interrupts = 0;
    let grace: NodeJS.Timeout | undefined;
    const finish = (end: RunEnd) => {
      if (settled) return;
      settled = true;
      clearTimeout(grace);
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigint);
      done(end);
    };
    const onSigint = () => {
      interrupts++;
      if (interrupts === 1 && child.connected) {
        h.notice(opts.lang === 'zh-CN' ? '正在停止运行……' : 'stopping the run…');
        child.send({ type: 'stop' });
        // A runner that does not answer in 5 s is killed with its group.
        setTimeout(() => killGroup(child), 5000).unref();
      } else {
        killGroup(child);
      }
    };
    process.on('SIGINT', onSigint);
    process.on('SIGTERM', onSigint);

    child.on('message', (msg: unknown) => {
      const c = decodeFromRunner(msg, {
        seq: events.length,
        t: events.length ? events[events.length - 1].t : 0,
      });
      if (!c.ok) {
        h.notice(`ignored a malformed message from the runner: ${c.error}`);
        return;
      }
      const m = c.msg;
      if (m.type === 'events') {
        for (const e of m.events) {
          events.push(e);
          h.onEvent(e);
        }
      } else if (m.type === 'done') {
        finish({ kind: 'done', status: m.status, events, wallMs: Date.now() - started });
      } else if (m.type === 'fatal') {
        finish({ kind: 'fatal', message: m.message, events, wallMs: Date.now() - started });
      }
    });
    child.on('error', (err) =>
      finish({
        kind: 'fatal',
        message: `could not start the runner: ${err.message}`,
        events,
        wallMs: Date.now() - started,
      }),
    );
    child.on('exit', (code, signal) => {
      // Messages sent just before exiting (the 'done') are still read until the channel's EOF ('disconnect').
      const crashed = () =>
        finish({
          kind: 'fatal',
          message: `the runner exited without finishing the run (${signal ?? `code ${code}`})${stderr.length ? `:\n${stderr.join('').trim().split('\n').slice(-8).join('\n')}` : ''}`,
          events,
          wallMs: Date.now() - started,
        });
      if (child.connected) {
        child.once('disconnect', () => setImmediate(crashed));
        grace = setTimeout(crashed, 2000);
      } else {
        setImmediate(crashed);
      }
    });
    child.send({ type: 'start', config });
  });
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}
