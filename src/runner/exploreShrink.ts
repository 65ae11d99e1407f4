/**
 * Shrinking a failing schedule: first the fewest preemptions (drop one at a time while the run
 * still fails; then, since a failure may need a different preemption rather than fewer of the
 * same, search the schedules with fewer depth first), then the fewest steps (move each
 * preemption as early as it still fails). Every candidate is run for real; the result is a run
 * that fails, never a guess.
 */
import { ListedChooser, preemptionsOf, type TracingChooser } from './exploreChoosers';
import type { RunResult } from './exploreRun';
import { DepthFirst } from './exploreStrategies';

export interface Shrunk {
  result: RunResult;
  runs: number;
}

function listed(result: RunResult): Map<number, number> {
  const map = new Map<number, number>();
  for (const p of preemptionsOf(result.chooser.trace, result.chooser.names))
    map.set(p.step, p.proc);
  return map;
}

const failed = (r: RunResult) => r.end.verdict === 'fail';
const steps = (r: RunResult) => r.chooser.trace.length;

export async function shrink(
  failing: RunResult,
  budget: number,
  rerun: (chooser: TracingChooser) => Promise<RunResult>,
  keepGoing: () => boolean,
): Promise<Shrunk> {
  let best = failing;
  let runs = 0;
  const more = () => runs < budget && keepGoing();
  const run = (chooser: TracingChooser): Promise<RunResult> => {
    runs++;
    chooser.labSeed = failing.chooser.labSeed;
    return rerun(chooser);
  };
  const attempt = async (candidate: Map<number, number>): Promise<boolean> => {
    if (!more()) return false;
    const r = await run(new ListedChooser(candidate));
    const fewer = listed(r).size < listed(best).size;
    const shorter = listed(r).size === listed(best).size && steps(r) < steps(best);
    if (!failed(r) || !(fewer || shorter)) return false;
    best = r;
    return true;
  };
  // Fewest preemptions: none at all, if the plain schedule fails too; else drop each in turn,
  // and after a success start over from the new run's own.
  let changed = listed(best).size > 0 && !(await attempt(new Map()));
  while (changed) {
    changed = false;
    for (const step of [...listed(best).keys()]) {
      const candidate = listed(best);
      candidate.delete(step);
      if (await attempt(candidate)) {
        changed = true;
        break;
      }
    }
  }
  // Fewer preemptions elsewhere: every schedule with fewer, depth first, while the budget lasts.
  for (let bound = listed(best).size - 1; bound >= 1 && more(); bound = listed(best).size - 1) {
    const dfs = new DepthFirst(bound);
    let found = false;
    for (let chooser = dfs.next(); chooser && more() && !found; chooser = dfs.next()) {
      const r = await run(chooser);
      dfs.ran(chooser);
      if (failed(r) && listed(r).size <= bound) [best, found] = [r, true];
    }
    if (!found) break;
  }
  // Fewest steps: each preemption as early as it still fails.
  for (const [step, proc] of [...listed(best)]) {
    for (let earlier = 1; earlier < step; earlier++) {
      const candidate = listed(best);
      if (!candidate.has(step) || candidate.has(earlier)) break;
      candidate.delete(step);
      candidate.set(earlier, proc);
      if (await attempt(candidate)) break;
    }
  }
  return { result: best, runs };
}
