/**
 * Shrinking a failing schedule: first the fewest preemptions (drop one at a time while the run
 * still fails), then the fewest steps (move each preemption as early as it still fails). Every
 * candidate is run for real; the result is a run that fails, never a guess.
 */
import { ListedChooser, preemptionsOf } from './exploreChoosers';
import type { RunResult } from './exploreRun';

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
  rerun: (chooser: ListedChooser) => Promise<RunResult>,
  keepGoing: () => boolean,
): Promise<Shrunk> {
  let best = failing;
  let runs = 0;
  const attempt = async (candidate: Map<number, number>): Promise<boolean> => {
    if (runs >= budget || !keepGoing()) return false;
    runs++;
    const chooser = new ListedChooser(candidate);
    chooser.labSeed = failing.chooser.labSeed;
    const r = await rerun(chooser);
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
