/**
 * The runner exploring instead of running once (a parent's `explore` message): one session, its
 * pool of reused lab processes, its reports to the parent, and the same no-orphans rules as a run.
 */
import { join } from 'node:path';
import type { ExploreSpec } from '../protocol/explore';
import { DEFAULT_CONFIG, type FromRunner, type RunConfig } from '../protocol/host';
import { clampRunConfig } from '../protocol/runBounds';
import { RUN_MARKER, sweepRun } from '../processTree/runSweep';
import { currentRuns } from './exploreRun';
import { ExploreSession, exploreJobs } from './exploreSession';
import { checkPython, pythonCommand } from './pythonRun';
import { RUNNER_TEXT } from './runnerText';
import { resolveLab } from './labInfo';
import { LabProcessPool } from './labProcessPool';
import { RunFolders } from './runFolders';
import type { Watchdog } from './watchdog';

/** A run of an exploration may take at most this long (wall clock). */
const RUN_TIMEOUT_SEC = 60;

export interface Exploring {
  stop(): void;
  /** The parent is gone: every process goes now. */
  abandon(): void;
}

export function startExploring(
  given: RunConfig,
  spec: ExploreSpec,
  bundleDir: string,
  runId: string,
  watchdog: Watchdog,
  send: (msg: FromRunner, then?: () => void) => void,
  exitSoon: (code: number) => void,
): Exploring {
  const refuse = (message: string): Exploring => {
    send({ type: 'fatal', message }, () => exitSoon(1));
    return { stop: () => {}, abandon: () => {} };
  };
  const lab = resolveLab(given.lab, bundleDir, given.lang);
  if ('error' in lab) return refuse(lab.error);
  const interpreter = lab.python ? pythonCommand(given.python, given.lang) : null;
  if (interpreter && 'error' in interpreter) return refuse(interpreter.error);
  const base = clampRunConfig({ ...DEFAULT_CONFIG, ...given });
  const config: RunConfig = {
    ...base,
    // Controlled: the exploration's chooser decides (run.start says `explore`).
    schedule: 'fifo',
    eventsFile: undefined,
    replay: undefined,
    timeoutSec: Math.min(base.timeoutSec, RUN_TIMEOUT_SEC),
  };
  const processMB = config.maxMemoryMB ?? 512;
  const labProcesses = { labhost: join(bundleDir, 'labhost.js'), env: { [RUN_MARKER]: runId } };
  const spawnSpec = {
    ...labProcesses,
    lab: lab.spec,
    nodeArgs: [`--max-old-space-size=${processMB}`],
  };
  // A script in its own folder shares that folder's files with every run: one run at a time.
  const jobs = lab.python?.cwd ? 1 : exploreJobs(spec);
  const python =
    lab.python && interpreter
      ? { bundleDir, launch: { ...lab.python, command: interpreter.command } }
      : undefined;
  // Python's processes are started by Python: each run starts its interpreter afresh.
  const reused = spec.reuse !== false && !python;
  const pool = reused ? new LabProcessPool(spawnSpec, watchdog, jobs) : null;
  pool?.want((lab.builtin?.processes ?? 0) + 1);
  watchdog.start(join(bundleDir, 'watchdog.js'), runId);
  const folders = new RunFolders((dir) => watchdog.ownDir(dir));
  const session = new ExploreSession(
    { config, lab, labProcesses, watchdog, pool, folders, python },
    jobs === exploreJobs(spec) ? spec : { ...spec, jobs },
    (result) => send({ type: 'explored', result }),
  );
  const cleanUp = () => {
    pool?.close();
    folders.close();
    watchdog.dismiss();
    sweepRun(runId);
  };
  // An interpreter that cannot run the script says so before any run.
  const checked = interpreter
    ? checkPython(interpreter.command, given.lang)
    : Promise.resolve(null);
  const explored = checked.then((why) => {
    if (why) throw new Error(why);
    return session.explore();
  });
  explored.then(
    (result) => {
      cleanUp();
      send({ type: 'explored', result });
      send({ type: 'done', status: result.stopped ? 'stopped' : 'ok', eventCount: 0 }, () =>
        exitSoon(0),
      );
    },
    (err: Error) => {
      cleanUp();
      const message = RUNNER_TEXT.explorationFailed(err.message)[given.lang];
      send({ type: 'fatal', message }, () => exitSoon(1));
    },
  );
  return {
    stop: () => session.stop(),
    abandon: () => {
      for (const run of currentRuns()) for (const p of run.procs.alive) p.child.kill('SIGKILL');
      cleanUp();
    },
  };
}
