/**
 * The runs behind the Explore panel's two histograms, without vscode imports (the webview tests
 * drive them with a real runner):
 * - `ExploreJob`: one runner exploring controlled schedules (the CLI's `explore`, every outcome:
 *   `all`), its progress a few times a second, each outcome's first run and the shrunk failure
 *   written as `.labrun` files in the job's folder;
 * - `RealtimeBatch`: the ordinary runner N times, one run after another, each with its own seed.
 * Each reports a `Histogram` as it grows; `cancel()` stops the runner, and with it every lab process.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { EventOf } from '../protocol/events';
import type {
  ExactOutcome,
  ExploreResult,
  ExploreSpec,
  ExploreStrategy,
} from '../protocol/explore';
import type { Histogram, OutcomeBar } from '../protocol/explorePanel';
import { DEFAULT_CONFIG, type RunConfig } from '../protocol/host';
import { countExact, outcomeClass, outcomeOf } from '../model/exploreOutcomes';
import { RunnerClient } from '../runnerClient/runnerClient';

export interface ExploreSettings {
  strategy: ExploreStrategy;
  /** PCT's depth. */
  depth: number;
  runs: number;
  /** dfs: most preemptions. */
  bound: number;
}

/** What both kinds of job share: a lab, a runner, a folder for example runs. */
export interface JobSetting {
  runnerPath: string;
  /** Built-in lab id or lab file path, as `RunConfig.lab`. */
  lab: string;
  seed: number;
  lang: RunConfig['lang'];
  /** Where the example runs go (created if missing). */
  dir: string;
  /** A Python lab's interpreter (absent: the runner's default). */
  python?: string;
  onUpdate(histogram: Histogram): void;
}

export interface HistogramJob {
  readonly done: Promise<Histogram>;
  cancel(): void;
  /** The `.labrun` of bar `index` (in the order of the histogram's bars), when there is one. */
  exampleFile(index: number): string | undefined;
  failureFile(): string | undefined;
}

export class ExploreJob implements HistogramJob {
  readonly done: Promise<Histogram>;
  private readonly client: RunnerClient;
  private last: ExploreResult | undefined;

  constructor(
    private readonly setting: JobSetting,
    private readonly settings: ExploreSettings,
  ) {
    mkdirSync(setting.dir, { recursive: true });
    const { strategy, depth, runs, bound } = settings;
    const spec: ExploreSpec = {
      strategy,
      depth,
      runs,
      bound,
      all: true,
      outFile: join(setting.dir, 'failure.labrun'),
      examplesDir: setting.dir,
    };
    const config: RunConfig = {
      ...DEFAULT_CONFIG,
      lab: setting.lab,
      seed: setting.seed,
      lang: setting.lang,
    };
    if (setting.python) config.python = setting.python;
    this.client = new RunnerClient(
      { runnerPath: setting.runnerPath, config, explore: spec, kinds: new Set() },
      {
        onEvents: () => {},
        onExplored: (result) => {
          this.last = result;
          setting.onUpdate(this.histogram(result));
        },
      },
    );
    this.client.start();
    this.done = this.client.done.then((end) => {
      const last = this.last;
      const histogram = last?.final
        ? this.histogram(last)
        : { ...this.histogram(last), phase: 'done' as const, stopped: true };
      if (!last?.final && end.status !== 'stopped')
        histogram.error = end.message ?? 'the exploration did not finish';
      setting.onUpdate(histogram);
      return histogram;
    });
  }

  cancel(): void {
    void this.client.stop();
  }

  /** The runner's run id: every process of the exploration carries it in its environment. */
  get runId(): string {
    return this.client.runId;
  }

  exampleFile(index: number): string | undefined {
    return this.last?.final ? this.last.outcomes[index]?.file : undefined;
  }

  failureFile(): string | undefined {
    return this.last?.failure?.file;
  }

  private histogram(r: ExploreResult | undefined): Histogram {
    const h: Histogram = {
      kind: 'explore',
      runs: r?.runs ?? 0,
      total: this.settings.runs,
      strategy: r?.strategy ?? this.settings.strategy,
      phase: !r ? 'running' : r.phase === 'exploring' ? 'running' : r.phase,
      stopped: r?.stopped ?? false,
      exhausted: r?.exhausted ?? false,
      bars: (r?.outcomes ?? []).map(({ outcome, summary, count, failed, file, exact }) => ({
        outcome,
        ...(summary ? { summary } : {}),
        count,
        failed,
        example: file !== undefined,
        ...(exact ? { exact: exactJson(exact) } : {}),
      })),
      failure: r?.failure
        ? {
            message: r.failure.message,
            steps: r.failure.steps,
            preemptions: r.failure.preemptions,
            file: r.failure.file !== undefined,
          }
        : null,
    };
    if (r?.bound !== undefined) h.bound = r.bound;
    return h;
  }
}

/** The ordinary (realtime) runner `runs` times in a row, seeds `seed`, `seed + 1`, …. */
export class RealtimeBatch implements HistogramJob {
  readonly done: Promise<Histogram>;
  private readonly bars: (OutcomeBar & { key: string; file: string; runs: ExactOutcome[] })[] = [];
  private client: RunnerClient | undefined;
  private cancelled = false;
  private runs = 0;

  constructor(
    private readonly setting: JobSetting,
    private readonly total: number,
    private readonly speed: number,
  ) {
    mkdirSync(setting.dir, { recursive: true });
    this.done = this.runAll();
  }

  cancel(): void {
    this.cancelled = true;
    void this.client?.stop();
  }

  exampleFile(index: number): string | undefined {
    return this.bars[index]?.file;
  }

  failureFile(): undefined {
    return undefined;
  }

  private async runAll(): Promise<Histogram> {
    let error: string | undefined;
    for (let i = 0; i < this.total && !this.cancelled; i++) {
      const file = join(this.setting.dir, `run-${i + 1}.labrun`);
      const end = await this.runOne(this.setting.seed + i, file);
      if (this.cancelled) break;
      if (!end) {
        error = 'a run ended without a result';
        break;
      }
      this.runs++;
      this.tally(end, file);
      this.setting.onUpdate(this.histogram('running'));
    }
    const h = this.histogram('done');
    if (error) h.error = error;
    this.setting.onUpdate(h);
    return h;
  }

  private async runOne(seed: number, file: string): Promise<EventOf<'run.end'> | undefined> {
    const { setting } = this;
    const config: RunConfig = {
      ...DEFAULT_CONFIG,
      lab: setting.lab,
      seed,
      speed: this.speed,
      lang: setting.lang,
      eventsFile: file,
    };
    if (setting.python) config.python = setting.python;
    let end: EventOf<'run.end'> | undefined;
    this.client = new RunnerClient(
      { runnerPath: setting.runnerPath, config, kinds: new Set(['run.end']) },
      {
        onEvents: (batch) => {
          for (const e of batch.events) if (e.kind === 'run.end') end = e;
        },
      },
    );
    this.client.start();
    await this.client.done;
    return end;
  }

  /** Counts a run in the bar of its outcome's class (exploreOutcomes.ts `outcomeClass`). */
  private tally(end: EventOf<'run.end'>, file: string): void {
    const exact = outcomeOf(end);
    const outcome = outcomeClass(exact);
    const key = JSON.stringify(outcome);
    const bar = this.bars.find((b) => b.key === key);
    if (bar) {
      bar.count++;
      countExact(bar.runs, exact);
      // One example run per outcome is enough; the others would only fill the disk.
      rmSync(file, { force: true });
    } else
      this.bars.push({
        key,
        outcome,
        count: 1,
        failed: end.verdict === 'fail',
        example: true,
        file,
        runs: [{ outcome: exact, count: 1 }],
      });
  }

  private histogram(phase: 'running' | 'done'): Histogram {
    return {
      kind: 'realtime',
      runs: this.runs,
      total: this.total,
      strategy: 'realtime',
      phase,
      stopped: this.cancelled,
      exhausted: false,
      bars: this.bars.map(({ key: _key, file: _file, runs, ...bar }) => ({
        ...bar,
        exact: exactJson(runs),
      })),
      failure: null,
    };
  }
}

/** A bar's exact outcomes as the panel's message carries them (`json[]`). */
function exactJson(list: readonly ExactOutcome[]): OutcomeBar['exact'] {
  return list.map(({ outcome, count }) => ({ outcome, count }));
}
