/**
 * The decisions of an exploration's runs. Every chooser here measures itself against the plain
 * schedule: the process that ran last goes on if it can, else the one that has waited longest.
 * A step where another process runs is a preemption ("step 12: Process 3 ran instead of
 * Process 1"); each run's trace records every step, so its preemptions can be counted, shown and
 * shrunk.
 */
import type { StepChoice } from '../protocol/host';
import { mulberry32 } from '../protocol/seededStream';
import { EXPLORE_TIMER_GRAIN_US, type Preemption } from '../protocol/explore';
import type { Chooser } from './controlledScheduler';

/** One decision of a run: who could go, who the plain schedule would run, who ran. */
export interface TraceStep {
  step: number;
  runnable: number[];
  plain: number;
  chosen: number;
}

/** The plain schedule's pick: the process that ran last if it can go on, else the longest waiting. */
export function plainChoice(choice: StepChoice, last: number | null): number {
  return last !== null && choice.runnable.some((r) => r.proc === last) ? last : choice.fallback;
}

/** A run's decisions and the processes' names, as an exploration keeps them. */
export abstract class TracingChooser implements Chooser {
  readonly mode = 'explore' as const;
  readonly timerGrainUs = EXPLORE_TIMER_GRAIN_US;
  /** The run's seed for the lab's random numbers (undefined: the exploration's). */
  labSeed?: number;
  readonly trace: TraceStep[] = [];
  readonly names = new Map<number, string>();
  #last: number | null = null;

  choose(choice: StepChoice, go: (proc: number) => void): void {
    const plain = plainChoice(choice, this.#last);
    for (const r of choice.runnable) this.names.set(r.proc, r.name);
    const runnable = choice.runnable.map((r) => r.proc);
    const picked = this.pick(choice.step, runnable, plain);
    const chosen = runnable.includes(picked) ? picked : plain;
    this.trace.push({ step: choice.step, runnable, plain, chosen });
    this.#last = chosen;
    go(chosen);
  }

  /** The process to run at `step`: one of `runnable` (anything else means `plain`). */
  protected abstract pick(step: number, runnable: readonly number[], plain: number): number;
}

/** The steps of `trace` where another process ran than the plain schedule's. */
export function preemptionsOf(
  trace: readonly TraceStep[],
  names: ReadonlyMap<number, string>,
): Preemption[] {
  const name = (p: number) => names.get(p) ?? `process ${p}`;
  return trace
    .filter((s) => s.chosen !== s.plain)
    .map((s) => ({
      step: s.step,
      proc: s.chosen,
      name: name(s.chosen),
      instead: s.plain,
      insteadName: name(s.plain),
    }));
}

/** The plain schedule but for the listed steps (step → process): dfs and shrinking. */
export class ListedChooser extends TracingChooser {
  constructor(private readonly listed: ReadonlyMap<number, number>) {
    super();
  }

  protected pick(step: number, _runnable: readonly number[], plain: number): number {
    return this.listed.get(step) ?? plain;
  }
}

/** A stream of its own: one per run, from the exploration's seed. */
export function seededStream(seed: number): () => number {
  return mulberry32(Math.imul(seed ^ 0x2f6b9e1d, 0x9e3779b1));
}

/** Each step, any runnable process, uniformly. */
export class RandomWalkChooser extends TracingChooser {
  readonly #next: () => number;

  constructor(seed: number) {
    super();
    this.#next = seededStream(seed);
  }

  protected pick(_step: number, runnable: readonly number[]): number {
    return runnable[Math.floor(this.#next() * runnable.length)];
  }
}

/**
 * PCT (Burckhardt et al., 2010): each process gets a random priority when first seen, the
 * highest runnable one runs, and at `depth - 1` random steps out of about `length` the running
 * process drops below every other. A bug that needs d ordering constraints is found with
 * probability at least 1/(n·k^(d-1)) per run.
 */
export class PctChooser extends TracingChooser {
  readonly #next: () => number;
  readonly #priority = new Map<number, number>();
  /** Step → the low priority the process running there gets. */
  readonly #changes = new Map<number, number>();

  constructor(seed: number, depth: number, length: number) {
    super();
    this.#next = seededStream(seed);
    for (let i = 1; i < depth; i++) {
      let step = 1 + Math.floor(this.#next() * Math.max(1, length));
      while (this.#changes.has(step)) step++;
      this.#changes.set(step, depth - i);
    }
  }

  protected pick(step: number, runnable: readonly number[]): number {
    // Priorities of processes first seen are above every change point's (1 … depth-1).
    for (const p of runnable)
      if (!this.#priority.has(p)) this.#priority.set(p, this.#changes.size + 1 + this.#next());
    const top = () =>
      runnable.reduce((a, b) => (this.#priority.get(b)! > this.#priority.get(a)! ? b : a));
    const low = this.#changes.get(step);
    if (low !== undefined) this.#priority.set(top(), low);
    return top();
  }
}
