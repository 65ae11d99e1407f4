/**
 * Starts, tracks and stops runs. Holds a bounded window of events per run in memory and the
 * full log on disk; tells views about new events in batches.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { LabEvent } from '../protocol/events';
import type { RunConfig, StepChoice } from '../protocol/host';
import { RUN_BOUNDS } from '../protocol/runBounds';
import type { StepPick } from '../protocol/webview';
import { readLogText } from '../model/abruptEnd';
import { stepsOf } from '../model/scheduleSteps';
import { processNameIn } from '../model/chineseText';
import { RunnerClient } from '../runnerClient/runnerClient';
import { Disposable } from './dispose';
import { EventWindow, HOST_KINDS, type CheckedBatch } from './eventWindow';
import { outcomeLine } from './outcomeLine';
import { isActive, newRunId, type LabTarget, type RunMeta } from './runTypes';
import { runSettings, uiLang } from './settings';
import { StepControl } from './stepControl';

const WINDOW_EVENTS = 50_000;
const MAX_RECENT = 20;
const STATE_KEY = 'concurrencyLabs.runs';

interface LiveRun {
  meta: RunMeta;
  window: EventWindow;
  session?: RunnerClient;
  procNames: Map<number, string>;
  /** Step mode: the decision the runner waits for. */
  step?: StepControl;
  /** Resolves once the run has ended and its log file is complete on disk. */
  closed?: Promise<void>;
}

export class RunManager extends Disposable {
  private readonly runs = new Map<string, LiveRun>();
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  /** The set of runs or a run's state changed. */
  readonly onDidChange = this._onDidChange.event;
  /** A checked batch of a live run, in columns, with its structural events and printed lines decoded. */
  private readonly _onEvents = this._register(
    new vscode.EventEmitter<{ id: string; batch: CheckedBatch }>(),
  );
  readonly onEvents = this._onEvents.event;
  private readonly _onEnded = this._register(new vscode.EventEmitter<RunMeta>());
  readonly onEnded = this._onEnded.event;
  private readonly _onStarted = this._register(new vscode.EventEmitter<RunMeta>());
  readonly onStarted = this._onStarted.event;
  /** Step mode: a run's open decision changed (`choice` undefined: none is open). */
  private readonly _onChoice = this._register(
    new vscode.EventEmitter<{ id: string; choice: StepChoice | undefined }>(),
  );
  readonly onChoice = this._onChoice.event;
  /** An undo replaced run `from` by run `to` (its fork at the step before): views follow it. */
  private readonly _onReplaced = this._register(
    new vscode.EventEmitter<{ from: string; to: string }>(),
  );
  readonly onReplaced = this._onReplaced.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly runnerPath: string,
    private readonly storageDir: string,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    for (const meta of state.get<RunMeta[]>(STATE_KEY, [])) {
      // A run that was going when the window closed was stopped by the runner itself.
      if (isActive(meta.state)) meta.state = 'stopped';
      this.runs.set(meta.id, {
        meta,
        window: new EventWindow(WINDOW_EVENTS),
        procNames: new Map(),
      });
    }
  }

  /** Recent runs, newest first. */
  list(): RunMeta[] {
    return [...this.runs.values()].map((r) => r.meta).sort((a, b) => b.startedAt - a.startedAt);
  }

  get(id: string): RunMeta | undefined {
    return this.runs.get(id)?.meta;
  }
  /** The runner's pid (it leads the run's process group), for tests and diagnostics. */
  runnerPid(id: string): number | undefined {
    return this.runs.get(id)?.session?.pid;
  }
  latest(): RunMeta | undefined {
    return this.list()[0];
  }
  active(): RunMeta[] {
    return this.list().filter((m) => isActive(m.state));
  }

  /** Starts a run; resolves with its id once the runner is forked. */
  start(target: LabTarget, overrides: Partial<RunMeta['config']> = {}): RunMeta {
    const id = newRunId();
    const base = runSettings();
    const eventsFile = join(this.storageDir, 'runs', `${id}.labrun`);
    mkdirSync(dirname(eventsFile), { recursive: true });
    // The runner writes the full log as it goes (synchronously, batch by batch), so the log on
    // disk survives even when this extension host goes away first; memory holds only a window.
    const config = {
      ...base,
      ...overrides,
      lab: target.kind === 'builtin' ? target.id : target.path,
      eventsFile,
    };
    if (config.schedule === 'realtime') delete config.schedule;
    // A person choosing each step may take long: only the longest timeout bounds step mode.
    if (config.schedule === 'step') config.timeoutSec = RUN_BOUNDS.timeoutSec.max;
    const meta: RunMeta = {
      id,
      target,
      config,
      startedAt: Date.now(),
      state: 'starting',
      eventCount: 0,
      eventsFile,
    };
    // Built-in labs never touch the workspace: they run in a scratch folder.
    const cwd =
      target.kind === 'builtin'
        ? mkdtempSync(join(tmpdir(), 'concurrency-labs-'))
        : dirname(target.path);
    const run: LiveRun = { meta, window: new EventWindow(WINDOW_EVENTS), procNames: new Map() };
    run.session = new RunnerClient(
      { runnerPath: this.runnerPath, config, cwd, kinds: HOST_KINDS },
      {
        onEvents: (batch) => this.onRunnerEvents(run, batch),
        onProblem: (text) => this.log.warn(`[${id}] ${text.trimEnd()}`),
        onOutput: (text) => this.log.warn(`[${id}] ${text.trimEnd()}`),
        onChoose: (choice) => run.step?.ask(choice),
      },
    );
    if (config.schedule === 'step') {
      const session = run.session;
      run.step = new StepControl(session, (choice) => this._onChoice.fire({ id, choice }));
    }
    this.runs.set(id, run);
    this.log.info(`run ${id}: ${config.lab} (seed ${config.seed}, speed ${config.speed})`);
    run.session.start();
    this._onStarted.fire(meta);
    this.changed();
    run.closed = run.session.done.then(async (end) => {
      if (target.kind === 'builtin') rmSync(cwd, { recursive: true, force: true });
      run.step?.close();
      meta.state = end.status;
      meta.eventCount = run.window.total;
      const events = run.window.snapshot();
      meta.outcome = (await outcomeLine(events, uiLang())) || end.message || end.status;
      if (end.message) this.log.error(`run ${id}: ${end.message}`);
      this.log.info(`run ${id} ended: ${meta.state} — ${meta.outcome}`);
      this._onEnded.fire(meta);
      this.changed();
    });
    return meta;
  }

  /** Stops one run (or every active run) and waits until its processes are gone. */
  async stop(id?: string): Promise<void> {
    const ids = id ? [id] : this.active().map((m) => m.id);
    await Promise.all(ids.map((i) => this.runs.get(i)?.session?.stop()));
  }

  /** Step mode: the decision run `id` waits for, if any. */
  openChoice(id: string): StepChoice | undefined {
    return this.runs.get(id)?.step?.open;
  }

  /**
   * Step mode: an answer to decision `step` of run `id`. Undo forks the run at the step before
   * (replaying all steps before that one) and replaces it with the fork.
   */
  async answerStep(id: string, step: number, pick: StepPick, proc?: number): Promise<void> {
    const run = this.runs.get(id);
    const outcome = run?.step?.answer(step, pick, proc) ?? 'stale';
    if (outcome !== 'undo' || !run) return;
    run.step?.close();
    const fork = await this.fork(id, step - 2);
    if (!fork) return;
    this._onReplaced.fire({ from: id, to: fork.id });
    await this.delete(id);
  }

  /**
   * Fork from here: a new run of the same lab, seed and speed replays the first `upTo` decisions
   * of run `id` (a controlled run) and then lets the person choose each step.
   */
  async fork(id: string, upTo: number): Promise<RunMeta | undefined> {
    const fork = await this.forkOf(id, upTo);
    return fork && this.start(fork.target, fork.config);
  }

  /** What `fork` starts: run `id`'s lab, and a config that replays its first `upTo` decisions. */
  async forkOf(
    id: string,
    upTo: number,
  ): Promise<{ target: LabTarget; config: Partial<RunConfig> } | undefined> {
    const meta = this.get(id);
    if (!meta) return undefined;
    const steps = stepsOf(await this.events(id)).slice(0, Math.max(0, upTo));
    const { seed, speed, python, lang } = meta.config;
    const replay = { steps, until: steps.length };
    // A Python run's fork uses the interpreter the run used; any fork, the run's language (its
    // decisions name processes and objects as that run did, whatever VS Code speaks now).
    const config: Partial<RunConfig> = { seed, speed, lang, schedule: 'step', replay };
    if (python) config.python = python;
    return { target: meta.target, config };
  }

  /** Resolves when the run has ended (its views got the last events). */
  async whenEnded(id: string): Promise<RunMeta | undefined> {
    const run = this.runs.get(id);
    if (!run) return undefined;
    if (!isActive(run.meta.state)) return run.meta;
    return new Promise((resolve) => {
      const sub = this.onEnded((m) => {
        if (m.id === id) {
          sub.dispose();
          resolve(m);
        }
      });
    });
  }

  /** Everything known of a run: the window while it is complete, else the log on disk. */
  async events(id: string): Promise<LabEvent[]> {
    const run = this.runs.get(id);
    if (!run) return [];
    if (run.window.total > 0 && run.window.dropped === 0) return run.window.snapshot();
    if (isActive(run.meta.state)) return run.window.snapshot();
    try {
      return readLogText(await readFile(run.meta.eventsFile, 'utf8')).events;
    } catch {
      return [];
    }
  }

  async delete(id: string): Promise<void> {
    const run = this.runs.get(id);
    if (!run) return;
    if (isActive(run.meta.state)) await this.stop(id);
    this.runs.delete(id);
    await rm(run.meta.eventsFile, { force: true });
    this.changed();
  }

  /**
   * Ends every run and waits until its processes are gone and its log is complete on disk
   * (deactivation, window reload), but never longer than a few seconds.
   */
  async shutdown(): Promise<void> {
    const live = [...this.runs.values()].filter((r) => isActive(r.meta.state));
    const all = Promise.all(
      live.map(async (r) => {
        await r.session?.stop(1500);
        await r.closed;
      }),
    );
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, 4000))]);
  }

  override dispose(): void {
    for (const r of this.runs.values()) r.session?.kill();
    super.dispose();
  }

  private onRunnerEvents(run: LiveRun, batch: CheckedBatch): void {
    if (run.meta.state === 'starting') {
      run.meta.state = 'running';
      this.changed();
    }
    run.window.push(batch);
    for (const e of batch.events) {
      if (e.kind === 'proc.spawn') run.procNames.set(e.proc, processNameIn(e.name, uiLang()));
      else if (e.kind === 'log')
        this.log.info(`[${run.procNames.get(e.proc) ?? e.proc}] ${e.text}`);
      else if (e.kind === 'error')
        this.log.error(
          `[${run.procNames.get(e.proc) ?? e.proc}] ${e.message}` +
            // An absolute file:line in the Output channel is a link to the line.
            (e.file && e.line ? ` (${e.file}:${e.line})` : '') +
            (e.stack ? stackFrames(e.stack) : ''),
        );
      else if (e.kind === 'run.limit') this.log.warn(e.message);
    }
    this._onEvents.fire({ id: run.meta.id, batch });
  }

  private changed(): void {
    const finished = this.list().filter((m) => !isActive(m.state));
    for (const old of finished.slice(MAX_RECENT)) void this.delete(old.id);
    void this.state.update(STATE_KEY, this.list().slice(0, MAX_RECENT));
    void vscode.commands.executeCommand(
      'setContext',
      'concurrencyLabs.running',
      this.active().length > 0,
    );
    void vscode.commands.executeCommand(
      'setContext',
      'concurrencyLabs.hasRuns',
      this.runs.size > 0,
    );
    this._onDidChange.fire();
  }
}

/** A stack's `at …` lines (its first line repeats the message). */
function stackFrames(stack: string): string {
  const frames = stack.split('\n').filter((l) => /^\s+at /.test(l));
  return frames.length ? `\n${frames.join('\n')}` : '';
}
