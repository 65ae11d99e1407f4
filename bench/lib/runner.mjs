// Runs a lab through the real runner (dist/runner.js), exactly as the CLI and the extension do (with
// src/protocol/host.ts RUNNER_SERIALIZATION), and collects its events. `env` reaches the lab processes
// (the bench labs read their sizes there).
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { REPO } from './paths.mjs';

// The protocol's own decoder (TypeScript source, loaded through tsx).
const { decodeEventColumns } = await tsImport(
  '../../src/protocol/eventColumns.ts',
  import.meta.url,
);

export function runLab(
  lab,
  { env = {}, speed = 100, timeoutSec = 120, maxEvents = 5_000_000, onEvents } = {},
) {
  return new Promise((resolve, reject) => {
    const child = fork(join(REPO, 'dist', 'runner.js'), [], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    const events = [];
    let done = null;
    child.on('message', (m) => {
      if (m.type === 'events') {
        // A batch is in columns (see src/protocol/eventColumns.ts).
        const read = decodeEventColumns(m.batch);
        if (!read.ok) {
          reject(new Error(`${lab}: a bad batch from the runner: ${read.error}`));
          child.kill();
          return;
        }
        const batch = read.events;
        if (onEvents) onEvents(batch);
        else for (const e of batch) events.push(e);
      } else done = m;
    });
    child.on('error', reject);
    child.on('exit', () => {
      if (!done) return reject(new Error(`runner exited without done (${lab})`));
      if (done.type !== 'done' || done.status !== 'ok') {
        // Say why: the run's end message and any hang/deadlock diagnosis.
        const why = events
          .filter(
            (e) => e.kind === 'run.end' || (e.kind === 'diag' && e.code !== 'lock-contention'),
          )
          .map((e) => e.message?.en ?? e.message)
          .filter(Boolean)
          .join(' | ');
        return reject(
          Object.assign(
            new Error(`${lab}: ${done.status ?? done.message}${why ? ` — ${why}` : ''}`),
            { status: done.status },
          ),
        );
      }
      resolve({ events, done });
    });
    child.send({
      type: 'start',
      config: { lab, seed: 1, speed, timeoutSec, maxEvents, lang: 'en', maxProcs: 64 },
    });
  });
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
