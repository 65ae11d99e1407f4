/**
 * The runner process (dist/runner.js), forked by the CLI, the extension, tests or benches.
 * It speaks src/protocol/host.ts with its parent, runs one lab, and never leaves a process behind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import {
  checkToRunner,
  DEFAULT_CONFIG,
  type FromRunner,
  type RunConfig,
  type ToRunner,
} from '../protocol/host';
import { clampRunConfig } from '../protocol/runBounds';
import { recordEnding, type Ending } from './ending';
import { resolveLab } from './labInfo';
import { Run } from './run';
import { RUNNER_TEXT } from './runnerText';
import { RUN_MARKER, newRunId, sweepRun } from '../processTree/runSweep';
import { Watchdog } from './watchdog';
import { checkPython, pythonCommand, pythonStart } from './pythonRun';
import { isControlled } from './scheduleChoosers';
import { startExploring, type Exploring } from './exploreMain';

let run: Run | null = null;
let exploring: Exploring | null = null;
let finished = false;
const watchdog = new Watchdog();
/**
 * This run's id, in the environment of every lab process and so of every process lab code starts
 * (processTree/runSweep.ts). A parent may give it (to sweep after a runner it saw die).
 */
const runId = process.env[RUN_MARKER] || newRunId();

function send(msg: FromRunner, then?: () => void): void {
  if (!process.connected) {
    then?.();
    return;
  }
  try {
    process.send!(msg, undefined, {}, () => then?.());
  } catch {
    then?.();
  }
}

function exitSoon(code: number): void {
  setTimeout(() => process.exit(code), 50);
}

function fatal(message: string): void {
  send({ type: 'fatal', message }, () => exitSoon(1));
}

let runDir: string | null = null;

/** The parent is gone or the runner broke: kill the tree, remove the temp folder, leave. */
function abandon(): void {
  for (const p of run?.procs.alive ?? []) p.child.kill('SIGKILL');
  run?.procs.killSpares();
  exploring?.abandon();
  watchdog.dismiss();
  sweepRun(runId);
  if (runDir) rmSync(runDir, { recursive: true, force: true });
}

/** A Python run's interpreter check (see startRun): why it cannot run the script, or null. */
let pythonCheck: Promise<string | null> | null = null;
/** A Python run's interpreter command. */
let python: string | null = null;
/**
 * How long a Python main process may stay silent before its interpreter is checked
 * (`CONCURRENCY_LABS_PY_SILENT_MS` sets it: a test that a good interpreter is never checked must
 * not depend on how busy the machine is when it starts).
 */
const PYTHON_SILENT_MS = Number(process.env.CONCURRENCY_LABS_PY_SILENT_MS) || 2000;
/** Latest start of a Python run's watchdog (see startRun). */
const PY_WATCHDOG_LATEST_MS = 500;

/**
 * Checks the interpreter once: started only when main ended, or stayed silent, without saying
 * `ready` (a good interpreter says it at once), so that a working one costs no start-up time. One
 * that cannot run the script ends the run, as a fatal error that says why.
 */
function checkInterpreter(command: string, lang: RunConfig['lang']): Promise<string | null> {
  if (pythonCheck) return pythonCheck;
  // Without the run's marker: the run's sweep at its end must not kill the check.
  const env = { ...process.env };
  delete env[RUN_MARKER];
  pythonCheck = checkPython(command, lang, env);
  void pythonCheck.then((why) => {
    if (why) run?.end('error', why);
  });
  return pythonCheck;
}

function finish(r: Run, dir: string, ending: Ending): void {
  if (finished) return;
  finished = true;
  // Anything still alive after the grace period is killed outright: no orphans.
  for (const p of r.procs.alive) p.child.kill('SIGKILL');
  r.procs.killSpares();
  watchdog.dismiss();
  // What lab code started itself (child_process, detached or not) ends with the run too.
  sweepRun(runId);
  if (python && !r.mainReady) checkInterpreter(python, r.config.lang);
  if (!pythonCheck) return report(r, dir, ending);
  // An interpreter that cannot run the script: the parent hears why, not how the run ended.
  void pythonCheck.then((why) => {
    if (!why) return report(r, dir, ending);
    runDir = null;
    rmSync(dir, { recursive: true, force: true });
    fatal(why);
  });
}

function report(r: Run, dir: string, ending: Ending): void {
  recordEnding(r, ending);
  const file = r.config.eventsFile;
  runDir = null;
  if (!file || !resolve(file).startsWith(dir + sep)) rmSync(dir, { recursive: true, force: true });
  const done: FromRunner = { type: 'done', status: ending.status, eventCount: r.rec.count };
  if (file) done.eventsFile = file;
  // The send's callback says `done` is written: nothing is left to wait for.
  send(done, () => process.exit(0));
}

function startRun(config: RunConfig): void {
  const lab = resolveLab(config.lab, __dirname, config.lang ?? DEFAULT_CONFIG.lang);
  if ('error' in lab) return fatal(lab.error);
  const interpreter = lab.python ? pythonCommand(config.python, config.lang) : null;
  if (interpreter && 'error' in interpreter) return fatal(interpreter.error);
  if (interpreter) {
    const command = (python = interpreter.command);
    const check = () => run?.mainReady || checkInterpreter(command, config.lang);
    setTimeout(check, PYTHON_SILENT_MS).unref();
  }
  const dir = mkdtempSync(join(tmpdir(), 'concurrency-labs-'));
  const file = config.eventsFile;
  if (!file || !resolve(file).startsWith(dir + sep)) runDir = dir;
  const settled = clampRunConfig({ ...DEFAULT_CONFIG, ...config });
  const hashSeed = isControlled(settled) ? settled.seed : undefined;
  let guard: (() => void) | null = () => {
    guard = null;
    watchdog.start(join(__dirname, 'watchdog.js'), runId);
  };
  if (runDir) watchdog.ownDir(runDir);
  run = new Run(
    settled,
    lab,
    dir,
    (m) => {
      send(m);
      guard?.();
    },
    {
      labhost: join(__dirname, 'labhost.js'),
      env: { [RUN_MARKER]: runId },
      python:
        lab.python && interpreter
          ? pythonStart(
              __dirname,
              { ...lab.python, command: interpreter.command },
              dir,
              settled.lang,
              hashSeed,
            )
          : undefined,
    },
    watchdog,
    (e) => finish(run!, dir, e),
  );
  // Main's process first: the learner waits for it, and the watchdog is told its pid either way.
  run.start();
  // A Python run's watchdog starts with the run's first event (main's hello, before the script
  // runs), or after PY_WATCHDOG_LATEST_MS: until then main is the only process, and it ends by
  // itself when its wire closes, so the watchdog's boot need not take a core from its start-up.
  if (!lab.python) guard();
  else setTimeout(() => guard?.(), PY_WATCHDOG_LATEST_MS).unref();
}

function stop(): void {
  if (exploring) exploring.stop();
  else if (run) run.end('stopped', RUNNER_TEXT.stopped[run.config.lang]);
  else process.exit(0);
}

function main(): void {
  if (!process.send) {
    process.stderr.write(
      'runner: start me with child_process.fork and send {type: "start", config}\n',
    );
    process.exit(2);
  }
  process.on('message', (msg: unknown) => {
    const c = checkToRunner(msg);
    if (!c.ok) return send({ type: 'fatal', message: `bad message from parent: ${c.error}` });
    const m = msg as ToRunner;
    if (m.type === 'stop') return stop();
    if (m.type === 'choice') return run?.answer(m.step, m.proc);
    if (run || exploring) return;
    try {
      if (m.type === 'explore') {
        exploring = startExploring(m.config, m.explore, __dirname, runId, watchdog, send, exitSoon);
        return;
      }
      startRun(m.config);
    } catch (err) {
      const lang = m.config.lang ?? DEFAULT_CONFIG.lang;
      fatal(RUNNER_TEXT.cannotStart((err as Error).message)[lang]);
    }
  });
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // The parent went away: nobody is listening, so kill the tree at once and leave. The log
  // file (if any) still gets its run.end, so a recording of an interrupted run reads as stopped.
  process.on('disconnect', () => {
    abandon();
    if (run && !finished) {
      finished = true;
      run.rec.emit(-1, 'run.end', {
        status: 'stopped',
        message: RUNNER_TEXT.parentGone[run.config.lang],
      });
      run.rec.close();
    }
    process.exit(0);
  });
  process.on('uncaughtException', (err) => {
    abandon();
    // The log still ends with a run.end that says what happened, so it reads as a whole run.
    if (run && !finished) {
      finished = true;
      const message = `the runner crashed: ${err.message}`.slice(0, 2000);
      try {
        run.rec.emit(-1, 'run.end', { status: 'error', message });
        run.rec.close();
      } catch {
        /* the recorder itself broke: the reader closes the log instead (model/abruptEnd.ts) */
      }
    }
    send({ type: 'fatal', message: `runner crashed: ${err.stack ?? err.message}` }, () =>
      exitSoon(1),
    );
  });
}

main();
