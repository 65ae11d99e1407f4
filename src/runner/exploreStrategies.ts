/**
 * Which schedules an exploration runs, one after another: seeded random walks, PCT, or a
 * depth-first enumeration of every schedule with at most `bound` preemptions (a proof within that
 * bound once it runs out).
 */
import { MAX_EXPLORE_JOBS, type ExploreSpec } from '../protocol/explore';
import {
  ListedChooser,
  PctChooser,
  RandomWalkChooser,
  type TraceStep,
  type TracingChooser,
} from './exploreChoosers';

export interface Strategy {
  /** The next run's chooser, or null when every schedule has been run (dfs). */
  next(): TracingChooser | null;
  /** What the chooser's run did (its trace). */
  ran(chooser: TracingChooser): void;
}

/** A distinct stream for run `run` of an exploration seeded with `seed`. */
function runSeed(seed: number, run: number): number {
  return (Math.imul(seed, 0x01000193) ^ Math.imul(run + 1, 0x5bd1e995)) >>> 0;
}

export function strategyFor(spec: ExploreSpec, seed: number): Strategy {
  let run = 0;
  // random and pct vary the lab's random numbers too, each run from the exploration's seed.
  const seeded = <T extends TracingChooser>(chooser: T, s: number): T => {
    chooser.labSeed = s;
    return chooser;
  };
  if (spec.strategy === 'random')
    return {
      next: () => {
        const s = runSeed(seed, run++);
        return seeded(new RandomWalkChooser(s), s);
      },
      ran: () => {},
    };
  if (spec.strategy === 'pct') {
    // The change points fall within the longest run seen (a first guess before any). Run k
    // looks only at runs before k - MAX_EXPLORE_JOBS, which have been taken whatever number of
    // runs are made at once: so that number never changes the schedules.
    const longestUpTo: number[] = [];
    return {
      next: () => {
        const s = runSeed(seed, run);
        const seen = run++ - MAX_EXPLORE_JOBS;
        const longest = seen > 0 ? longestUpTo[seen - 1] : 0;
        return seeded(new PctChooser(s, spec.depth, longest || 100), s);
      },
      ran: (c) => {
        longestUpTo.push(Math.max(longestUpTo.at(-1) ?? 0, c.trace.length));
      },
    };
  }
  return new DepthFirst(spec.bound);
}

/** One decision on the current path: who ran, who else could have, who has been tried. */
interface Frame {
  step: number;
  runnable: number[];
  plain: number;
  chosen: number;
  tried: Set<number>;
  /** Preemptions on the path before this step. */
  before: number;
}

/**
 * Depth-first over the tree of decisions. The first run is the plain schedule; each next run
 * keeps the path up to the deepest step that still has an untried process within the bound,
 * takes that process there, and runs plainly after it. Runs are deterministic (virtual time, one
 * seed), so a path replays exactly.
 */
export class DepthFirst implements Strategy {
  #path: Frame[] = [];
  #started = false;
  /** The step the next run branches at (index into the path), and the process it takes there. */
  #branch: { at: number; proc: number } | null = null;

  constructor(private readonly bound: number) {}

  next(): TracingChooser | null {
    if (!this.#started) {
      this.#started = true;
      return new ListedChooser(new Map());
    }
    this.#branch = this.#nextBranch();
    if (!this.#branch) return null;
    const listed = new Map<number, number>();
    for (let i = 0; i < this.#branch.at; i++) listed.set(this.#path[i].step, this.#path[i].chosen);
    listed.set(this.#path[this.#branch.at].step, this.#branch.proc);
    return new ListedChooser(listed);
  }

  ran(chooser: TracingChooser): void {
    const trace = chooser.trace;
    const branch = this.#branch;
    // The first run: the whole path is new. Later: the path up to the branch stays (with what
    // was tried at each step), and the steps after it are this run's.
    const at = branch ? branch.at : -1;
    const kept = this.#path.slice(0, at + 1);
    if (branch) {
      const frame = kept[at];
      frame.tried.add(branch.proc);
      frame.chosen = trace[at]?.chosen ?? branch.proc;
    }
    let before = at >= 0 ? kept[at].before + cost(kept[at]) : 0;
    for (const s of trace.slice(at + 1)) {
      kept.push({ ...copy(s), tried: new Set([s.chosen]), before });
      before += cost(s);
    }
    this.#path = kept;
  }

  /** The deepest step with an untried process the bound allows, or null: all explored. */
  #nextBranch(): { at: number; proc: number } | null {
    for (let at = this.#path.length - 1; at >= 0; at--) {
      const f = this.#path[at];
      for (const proc of f.runnable) {
        if (f.tried.has(proc)) continue;
        if (f.before + (proc === f.plain ? 0 : 1) > this.bound) continue;
        return { at, proc };
      }
    }
    return null;
  }
}

function cost(f: { chosen: number; plain: number }): number {
  return f.chosen === f.plain ? 0 : 1;
}

function copy(s: TraceStep): Omit<Frame, 'tried' | 'before'> {
  return { step: s.step, runnable: s.runnable, plain: s.plain, chosen: s.chosen };
}
