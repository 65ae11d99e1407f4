// Part — Exploring schedules: how many whole controlled runs per second `explore` makes when it
// reuses its lab processes (each loads the lab afresh after its run), beside the same exploration
// booting fresh lab processes for every run, measured in the same run; on ticket-race (11
// processes) and on a 2-process lab. The rate is the runner's own (runs over the time spent
// exploring, shrinking not counted).
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { absolute, figure } from '../lib/figure.mjs';
import { lab, REPO } from '../lib/paths.mjs';
import { perYardstick, yardstickNote, yardstickNow } from '../lib/yardstick.mjs';

const { RunnerClient } = await tsImport('../../src/runnerClient/runnerClient.ts', import.meta.url);

/** Runs one exploration of `runs` runs (all of them: `all`) and returns its runs/s. */
async function explored(labId, { runs, reuse, seed, jobs = 1 }) {
  let result = null;
  const client = new RunnerClient(
    {
      runnerPath: join(REPO, 'dist', 'runner.js'),
      config: { lab: labId, seed, speed: 1, timeoutSec: 600, maxEvents: 1_000_000, lang: 'en' },
      explore: {
        strategy: 'random',
        depth: 2,
        runs,
        bound: 1,
        all: true,
        reuse,
        shrinkRuns: 0,
        jobs,
      },
    },
    {
      onEvents: () => {},
      onExplored: (r) => (result = r),
      onOutput: (text) => process.stderr.write(text),
    },
  );
  client.start();
  const end = await client.done;
  if (!result?.final) throw new Error(`${labId}: the exploration did not finish (${end.message})`);
  if (result.runs !== runs) throw new Error(`${labId}: ${result.runs} runs, not ${runs}`);
  return result.runsPerSec;
}

const LABS = [
  { name: 'ticket-race (11 processes)', id: 'ticket-race', runs: 200, freshRuns: 6, goal: 20 },
  { name: 'a 2-process lab', id: lab('pair.lab.mjs'), runs: 1000, freshRuns: 10, goal: 100 },
];

export async function explorePart({ rounds }) {
  const rows = [];
  const raw = {};
  for (const l of LABS) {
    const reused = [];
    const fresh = [];
    const twoAtOnce = [];
    const yardstick = [];
    for (let r = 0; r < rounds; r++) {
      // The rate swings with the machine's mode: the yardstick right before it says which.
      yardstick.push(await yardstickNow('node'));
      reused.push(await explored(l.id, { runs: l.runs, reuse: true, seed: r + 1 }));
      fresh.push(await explored(l.id, { runs: l.freshRuns, reuse: false, seed: r + 1 }));
      twoAtOnce.push(await explored(l.id, { runs: l.runs, reuse: true, seed: r + 1, jobs: 2 }));
    }
    raw[l.name] = { reused, fresh, twoAtOnce, yardstickMs: yardstick };
    const name = `schedules explored/s: ${l.name}`;
    rows.push(
      figure({
        part: 'Explore',
        name,
        unit: '/s',
        ours: reused,
        baseline: fresh,
        baselineName: 'fresh lab processes for every run',
        better: 'higher',
        note: `${l.runs} runs reusing lab processes (random schedules, every run to its end), beside ${l.freshRuns} runs booting fresh ones; ${yardstickNote('node', yardstick)}`,
      }),
      absolute({
        part: 'Explore',
        name,
        unit: '/s',
        ours: reused,
        limit: l.goal,
        better: 'higher',
      }),
      perYardstick({
        part: 'Explore',
        name,
        unit: '/s',
        ours: reused,
        yardstickMs: yardstick,
        lang: 'node',
        better: 'higher',
      }),
      figure({
        part: 'Explore',
        name: `${name}, 2 runs at once (--jobs 2)`,
        unit: '/s',
        ours: twoAtOnce,
        baseline: reused,
        baselineName: 'one run at a time',
        better: 'higher',
        note: 'the same exploration with two runs at once, results taken in run order: whether the default of one at a time should change',
      }),
    );
  }
  return { rows, raw };
}
