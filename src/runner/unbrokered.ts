/**
 * A Python run's processes that Python started another way than multiprocessing (os.fork,
 * subprocess, the forkserver): not lab processes, found by the run's marker in their environment
 * (processTree/runSweep.ts). The memory watch bounds them; an ending run kills them at once.
 */
import { markedProcesses } from '../processTree/runSweep';
import type { ProcRec } from './procRec';

export class UnbrokeredProcs {
  constructor(
    private readonly runId: string,
    /** The run's watchdog, which carries the marker too and must outlive the run. */
    private readonly watchdog: { readonly pid: number | undefined },
  ) {}

  /** The pids of the run's processes that are not its runner, watchdog or lab processes. */
  pids(): number[] {
    return markedProcesses(this.runId).filter(
      (pid) => pid !== this.watchdog.pid && pid !== process.pid,
    );
  }

  /**
   * Kills them now, not in the sweep after the lab processes `lab` are gone: an os.fork child
   * holds its parent's wire open, so the parent's exit would not come in until the child died,
   * and the ending run would wait out its grace.
   */
  killAllBut(lab: readonly ProcRec[]): void {
    const labPids = new Set(lab.map((p) => p.pid));
    for (const pid of this.pids()) {
      if (labPids.has(pid)) continue;
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
}
