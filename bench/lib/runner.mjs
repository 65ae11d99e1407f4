// Runs a lab through the real runner (dist/runner.js) with the runner client every parent uses
// (src/runnerClient), and collects its events. `env` reaches the lab processes (the bench labs read
// their sizes there).
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { REPO } from './paths.mjs';

const { RunnerClient } = await tsImport('../../src/runnerClient/runnerClient.ts', import.meta.url);
const { HOST_KINDS } = await tsImport('../../src/extension/eventWindow.ts', import.meta.url);

/**
 * The kinds of event the extension decodes into objects (structural ones and printed lines); every
 * event is still checked. A part that reads only those passes `kinds: hostKinds`.
 */
export const hostKinds = HOST_KINDS;

export async function runLab(
  lab,
  {
    env = {},
    speed = 100,
    timeoutSec = 120,
    maxEvents = 5_000_000,
    onEvents,
    kinds,
    schedule = 'realtime',
    seed = 1,
    execPath,
    onStart,
  } = {},
) {
  const events = [];
  const problems = [];
  const client = new RunnerClient(
    {
      runnerPath: join(REPO, 'dist', 'runner.js'),
      env,
      kinds,
      execPath,
      config: { lab, seed, speed, timeoutSec, maxEvents, lang: 'en', maxProcs: 64, schedule },
    },
    {
      onEvents: (batch) => {
        if (onEvents) onEvents(batch.events);
        else for (const e of batch.events) events.push(e);
      },
      onProblem: (text) => problems.push(text),
      onOutput: (text) => process.stderr.write(text),
    },
  );
  client.start();
  onStart?.(client.pid);
  const end = await client.done;
  if (problems.length)
    throw new Error(`${lab}: bad messages from the runner: ${problems.join('; ')}`);
  if (end.by !== 'done' || end.status !== 'ok') {
    // Say why: the run's end message and any hang/deadlock diagnosis.
    const why = events
      .filter((e) => e.kind === 'run.end' || (e.kind === 'diag' && e.code !== 'lock-contention'))
      .map((e) => e.message?.en ?? e.message)
      .filter(Boolean)
      .join(' | ');
    throw Object.assign(
      new Error(
        `${lab}: ${end.status}${end.message ? ` (${end.message})` : ''}${why ? ` — ${why}` : ''}`,
      ),
      { status: end.status },
    );
  }
  return { events, done: end };
}

/** The JSON objects a lab printed as `BENCH {...}` lines. */
export function benchLines(events) {
  return events
    .filter((e) => e.kind === 'log' && e.text.startsWith('BENCH '))
    .map((e) => JSON.parse(e.text.slice(6)));
}

/** Runs `fn` again (up to `tries` times) when a run fails, remembering each failure in `failures`. */
export async function retrying(fn, failures, tries = 3) {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      failures.push(String(err.message ?? err));
      if (i >= tries) throw err;
    }
  }
}
