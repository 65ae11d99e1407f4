/**
 * Runs one lab: starts the runner next to this bundle through the runner client, streams its
 * events into the live timeline (the runner writes the --events file itself), and turns Ctrl-C
 * into a clean stop (a second Ctrl-C, or a runner that does not answer in 5 s, kills the run).
 */
import { closeSync, existsSync, openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_CONFIG, type ReplayStep, type RunConfig, type StepChoice } from '../protocol/host';
import type { LabEvent, RunStatus } from '../protocol/events';
import { RunnerClient } from '../runnerClient/runnerClient';
import type { RunOptions } from './args';
import type { StepAnswer } from './stepPrompt';
import { fileProblem, l10n } from './cliText';

export interface StreamHandlers {
  onEvent(e: LabEvent): void;
  /** Step mode: which runnable process goes on, or undo (the run is then ended at once). */
  onChoose?(choice: StepChoice): Promise<StepAnswer>;
  /** A one-line notice for the user (stopping, a bad runner message). */
  notice(text: string): void;
}

export type RunEnd =
  | { kind: 'done'; status: RunStatus; events: LabEvent[]; wallMs: number }
  /** Step mode: the person undid step `step` (the run was ended there). */
  | { kind: 'undo'; step: number; events: LabEvent[]; wallMs: number }
  | { kind: 'fatal'; message: string; events: LabEvent[]; wallMs: number };

const STOP_GRACE_MS = 5000;

/** dist/runner.js beside the CLI bundle (dist/cli.js). */
export function runnerPath(): string {
  return join(__dirname, 'runner.js');
}

export async function runLab(
  opts: RunOptions,
  h: StreamHandlers,
  replay?: ReplayStep[],
): Promise<RunEnd> {
  const path = runnerPath();
  const started = Date.now();
  const events: LabEvent[] = [];
  const fatal = (message: string): RunEnd => ({
    kind: 'fatal',
    message,
    events,
    wallMs: Date.now() - started,
  });
  const { lang } = opts;
  if (!existsSync(path))
    return fatal(l10n(lang, 'runner not found at {0} (run npm run build)', path));
  const config: RunConfig = {
    ...DEFAULT_CONFIG,
    lab: opts.lab,
    seed: opts.seed,
    speed: opts.speed,
    timeoutSec: opts.timeoutSec,
    maxMemoryMB: opts.maxMemoryMB,
    lang: opts.lang,
  };
  if (opts.schedule !== 'realtime') config.schedule = opts.schedule;
  if (opts.python) config.python = opts.python;
  if (replay) config.replay = { steps: replay, until: opts.until };
  if (replay && opts.timerGrainUs) config.replay!.timerGrainUs = opts.timerGrainUs;
  if (opts.eventsFile) {
    // The runner writes the log as it records; a file that cannot be written is said here, before any run.
    try {
      closeSync(openSync(opts.eventsFile, 'w'));
    } catch (err) {
      return fatal(l10n(lang, 'cannot write {0}: {1}', opts.eventsFile, fileProblem(err)));
    }
    config.eventsFile = resolve(opts.eventsFile);
  }
  let undoneAt = 0;
  const client = new RunnerClient(
    { runnerPath: path, config },
    {
      onEvents: (batch) => {
        for (const e of batch.events) {
          events.push(e);
          h.onEvent(e);
        }
      },
      onProblem: (text) => h.notice(l10n(lang, 'ignored a message from the runner: {0}', text)),
      onChoose: (choice) => {
        const ask = h.onChoose ?? ((c: StepChoice) => Promise.resolve({ proc: c.fallback }));
        void ask(choice).then((answer) => {
          if ('proc' in answer) return client.choose(choice.step, answer.proc);
          undoneAt = choice.step;
          client.kill();
        });
      },
    },
  );
  // The runner leads its own process group: a terminal's Ctrl-C reaches only this process.
  let interrupts = 0;
  const onInterrupt = () => {
    if (++interrupts > 1) return client.kill();
    h.notice(l10n(lang, 'stopping the run…'));
    void client.stop(STOP_GRACE_MS);
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);
  client.start();
  const end = await client.done;
  process.off('SIGINT', onInterrupt);
  process.off('SIGTERM', onInterrupt);
  const wallMs = Date.now() - started;
  if (undoneAt > 0) return { kind: 'undo', step: undoneAt, events, wallMs };
  // A run the runner could not end itself still has its run.end (written by the client): report it.
  if (end.by === 'done' || (end.by === 'gone' && end.status === 'stopped'))
    return { kind: 'done', status: end.status, events, wallMs };
  return fatal(end.message ?? l10n(lang, 'the run ended without a status'));
}
