/**
 * An exploration: run the lab under the strategy's schedules until one fails (or, with `all`,
 * the budget is spent or dfs runs out), keep the histogram of outcomes, shrink the first failure
 * and write it as a `.labrun`. The parent hears how it stands a few times a second.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { LabEvent } from '../protocol/events';
import {
  MAX_EXPLORE_JOBS,
  type ExactOutcome,
  type ExploreResult,
  type ExploreSpec,
  type OutcomeCount,
} from '../protocol/explore';
import { toJsonl } from '../protocol/jsonl';
import { countExact, outcomeClass } from '../model/exploreOutcomes';
import { preemptionsOf } from './exploreChoosers';
import { currentRuns, outcomeOf, runOnce, type RunResult, type RunSetting } from './exploreRun';
import { shrink } from './exploreShrink';
import { strategyFor } from './exploreStrategies';

const REPORT_EVERY_MS = 250;
/** Most distinct outcomes whose example run is kept. */
const MAX_EXAMPLES = 50;
const DEFAULT_SHRINK_RUNS = 200;
/**
 * Runs made at once by default. A controlled run is a relay (the runner decides, one lab process
 * runs, the runner decides again), so a second run beside it could use the time the first spends
 * waiting. On a loaded 2-core machine it does not pay (the bench's Explore part measures both),
 * so one at a time stays the default until a quiet measurement says otherwise.
 */
export const DEFAULT_EXPLORE_JOBS = 1;

/** Runs an exploration makes at once: dfs one, since each of its schedules follows from the last. */
export function exploreJobs(spec: ExploreSpec): number {
  return spec.strategy === 'dfs'
    ? 1
    : Math.min(MAX_EXPLORE_JOBS, Math.max(1, spec.jobs ?? DEFAULT_EXPLORE_JOBS));
}

interface Bar extends OutcomeCount {
  events?: LabEvent[];
  exact: ExactOutcome[];
}

export class ExploreSession {
  #stopped = false;
  readonly #bars = new Map<string, Bar>();
  #runs = 0;
  #exploringMs = 0;
  #failing: RunResult | null = null;
  #exhausted = false;

  constructor(
    private readonly setting: RunSetting,
    private readonly spec: ExploreSpec,
    private readonly report: (result: ExploreResult) => void,
  ) {}

  /** The parent asked to stop: the runs going on now end, and so does the exploration. */
  stop(): void {
    this.#stopped = true;
    for (const run of currentRuns()) run.end('stopped', 'the exploration was stopped');
  }

  /**
   * Runs `exploreJobs` schedules at once, but takes their results in the order they were started, so an exploration goes the same way
   * whichever run ends first: its histogram, its first failure and its examples.
   */
  async explore(): Promise<ExploreResult> {
    const { spec } = this;
    const strategy = strategyFor(spec, this.setting.config.seed);
    const jobs = exploreJobs(spec);
    const inFlight: Promise<RunResult>[] = [];
    let started = 0;
    let over = false;
    const startNext = (): boolean => {
      if (over || this.#stopped || started >= spec.runs) return false;
      const chooser = strategy.next();
      if (!chooser) {
        this.#exhausted = true;
        return false;
      }
      started++;
      inFlight.push(runOnce(this.setting, chooser));
      return true;
    };
    const t0 = performance.now();
    let reported = t0;
    while (inFlight.length < jobs && startNext());
    for (let next = inFlight.shift(); next; next = inFlight.shift()) {
      const r = await next;
      if (over) continue; // started before the exploration ended: not counted
      if (r.end.status === 'stopped' && this.#stopped) {
        over = true;
        continue;
      }
      strategy.ran(r.chooser);
      this.#runs++;
      this.#tally(r);
      this.#exploringMs = performance.now() - t0;
      if (r.end.verdict === 'fail' && !this.#failing) {
        this.#failing = r;
        if (!spec.all) {
          over = true;
          for (const run of currentRuns()) run.end('stopped', 'the exploration found a failure');
          continue;
        }
      }
      if (performance.now() - reported >= REPORT_EVERY_MS) {
        reported = performance.now();
        this.report(this.#result('exploring', null));
      }
      startNext();
    }
    // dfs that spent its budget on exactly the last schedule has still seen them all.
    if (spec.strategy === 'dfs' && !this.#exhausted && !this.#stopped && !this.#failing)
      this.#exhausted = strategy.next() === null;
    return this.#finish();
  }

  async #finish(): Promise<ExploreResult> {
    const failing = this.#failing;
    if (!failing) return this.#written(this.#result('done', null));
    this.report(this.#result('shrinking', null));
    const shrunk = await shrink(
      failing,
      this.spec.shrinkRuns ?? DEFAULT_SHRINK_RUNS,
      (chooser) => runOnce(this.setting, chooser),
      () => !this.#stopped,
    );
    const { result } = shrunk;
    const { chooser, end } = result;
    const file = this.spec.outFile;
    if (file) writeFileSync(file, toJsonl(result.events));
    const failure = {
      message: end.failure ?? { en: 'the run failed', 'zh-CN': '运行未通过' },
      outcome: outcomeOf(end),
      preemptions: preemptionsOf(chooser.trace, chooser.names),
      steps: chooser.trace.length,
      shrinkRuns: shrunk.runs,
      ...(file ? { file } : {}),
    };
    return this.#written(this.#result('done', failure));
  }

  /** Writes each outcome's example run, when asked to. */
  #written(result: ExploreResult): ExploreResult {
    const dir = this.spec.examplesDir;
    if (!dir) return result;
    [...this.#bars.values()].forEach((bar, i) => {
      if (!bar.events) return;
      bar.file = join(dir, `outcome-${i + 1}.labrun`);
      writeFileSync(bar.file, toJsonl(bar.events));
    });
    return { ...result, outcomes: this.#outcomes() };
  }

  /** Counts a run in the bar of its outcome's class (exploreOutcomes.ts `outcomeClass`). */
  #tally(r: RunResult): void {
    const exact = outcomeOf(r.end);
    const outcome = outcomeClass(exact);
    const key = JSON.stringify(outcome);
    const bar = this.#bars.get(key);
    if (bar) {
      bar.count++;
      countExact(bar.exact, exact);
      return;
    }
    const failed = r.end.verdict === 'fail';
    const kept = this.spec.examplesDir && this.#bars.size < MAX_EXAMPLES;
    // The run's own words describe its exact outcome, not a class that folds several.
    const summary = r.end.summary && key === JSON.stringify(exact) ? r.end.summary : undefined;
    this.#bars.set(key, {
      outcome,
      count: 1,
      failed,
      ...(summary ? { summary } : {}),
      example: this.#runs,
      events: kept ? r.events : undefined,
      exact: [{ outcome: exact, count: 1 }],
    });
  }

  #outcomes(): OutcomeCount[] {
    return [...this.#bars.values()].map(({ events: _events, exact, ...bar }) => ({
      ...bar,
      exact: exact.map((x) => ({ ...x })),
    }));
  }

  #result(phase: ExploreResult['phase'], failure: ExploreResult['failure']): ExploreResult {
    const { spec } = this;
    const result: ExploreResult = {
      runs: this.#runs,
      runsPerSec: this.#exploringMs > 0 ? (this.#runs * 1000) / this.#exploringMs : 0,
      strategy: spec.strategy === 'pct' ? `pct:${spec.depth}` : spec.strategy,
      exhausted: this.#exhausted,
      outcomes: this.#outcomes(),
      failure,
      stopped: this.#stopped,
      final: phase === 'done',
      phase,
    };
    if (spec.strategy === 'dfs') result.bound = spec.bound;
    return result;
  }
}
