/**
 * One run of an exploration: a whole Run (brokers, controlled scheduler, recorder, supervisor)
 * in this runner process, its decisions made by an exploration's chooser, its lab processes
 * taken from the exploration's pool and given back. Nothing is sent to the parent: the run's log
 * stays here until the exploration is done with it.
 */
import type { EventOf, LabEvent } from '../protocol/events';
import type { RunConfig } from '../protocol/host';
import { recordEnding } from './ending';
import type { TracingChooser } from './exploreChoosers';
import type { LabInfo } from './labInfo';
import type { LabProcessPool } from './labProcessPool';
import { pythonStart, type PythonLaunch } from './pythonRun';
import { Run } from './run';
import type { RunFolders } from './runFolders';
import type { Watchdog } from './watchdog';

export interface RunResult {
  events: LabEvent[];
  end: EventOf<'run.end'>;
  chooser: TracingChooser;
}

export interface RunSetting {
  config: RunConfig;
  lab: LabInfo;
  labProcesses: { labhost: string; env: NodeJS.ProcessEnv };
  watchdog: Watchdog;
  /** Kept lab processes; null: every run boots its own. */
  pool: LabProcessPool | null;
  /** Where each run works: an empty folder of its own. */
  folders: RunFolders;
  /** A Python script: each run starts its interpreter afresh, in that run's folder. */
  python?: { bundleDir: string; launch: PythonLaunch };
}

/** The runs being made now (an exploration makes a few at once), so that a stop or a crash can end them. */
const current = new Set<Run>();

export function currentRuns(): readonly Run[] {
  return [...current];
}

export function runOnce(setting: RunSetting, chooser: TracingChooser): Promise<RunResult> {
  const dir = setting.folders.take();
  return new Promise((resolve) => {
    let ended = false;
    const config = { ...setting.config, seed: chooser.labSeed ?? setting.config.seed };
    const { python } = setting;
    const labProcesses = python
      ? {
          ...setting.labProcesses,
          python: pythonStart(python.bundleDir, python.launch, dir, config.lang, config.seed),
        }
      : setting.labProcesses;
    const run: Run = new Run(
      config,
      setting.lab,
      dir,
      () => {},
      labProcesses,
      setting.watchdog,
      (ending) => {
        if (ended) return;
        ended = true;
        current.delete(run);
        for (const p of run.procs.alive) p.child.kill('SIGKILL');
        run.procs.killSpares();
        recordEnding(run, ending);
        setting.folders.giveBack(dir);
        setting.pool?.refill();
        const events = run.rec.events;
        resolve({ events, end: events.at(-1) as EventOf<'run.end'>, chooser });
      },
      { chooser, source: setting.pool?.forRun() },
    );
    current.add(run);
    run.start();
  });
}

export { outcomeOf } from '../model/exploreOutcomes';
