// Part — Controlled scheduling: how many scheduling decisions per second a controlled run makes
// (`--schedule random`: one lab process runs at a time, each step is a round trip through the
// runner's one decision), on ticket-race and on a 2-process lock lab; beside it the realtime
// event rate of the same lab, measured in the same run. Both rates are taken over the same window:
// from the first batch that holds a step (or, realtime, an event of a child) to the run's end.
import { performance } from 'node:perf_hooks';
import { figure } from '../lib/figure.mjs';
import { lab } from '../lib/paths.mjs';
import { runLab } from '../lib/runner.mjs';

/** Runs one lab and returns how many events of `counted` arrived per second of the busy window. */
async function rate(labId, options, counted) {
  let from = 0;
  let count = 0;
  await runLab(labId, {
    ...options,
    onEvents: (events) => {
      const n = events.filter(counted).length;
      if (n > 0 && from === 0) from = performance.now();
      count += n;
    },
  });
  const seconds = (performance.now() - from) / 1000;
  return count / seconds;
}

const LABS = [
  { name: 'ticket-race', id: 'ticket-race', env: {} },
  {
    name: 'a 2-process lock lab (200 acquire + release each)',
    id: lab('lock.lab.mjs'),
    env: { BENCH_PROCS: '2', BENCH_OPS: '200', BENCH_WARMUP: '0' },
  },
];

export async function schedulePart({ rounds }) {
  const rows = [];
  const raw = {};
  for (const l of LABS) {
    const steps = [];
    const events = [];
    for (let r = 0; r < rounds; r++) {
      steps.push(
        await rate(
          l.id,
          { env: l.env, schedule: 'random', seed: r + 1 },
          (e) => e.kind === 'sched.step',
        ),
      );
      events.push(await rate(l.id, { env: l.env, speed: 100 }, (e) => e.proc > 0));
    }
    raw[l.name] = { steps, events };
    rows.push(
      figure({
        part: 'Schedule',
        name: `controlled decisions/s: ${l.name}`,
        unit: '/s',
        ours: steps,
        baseline: events,
        baselineName: 'realtime events/s, same lab (speed 100)',
        better: 'higher',
        note: 'context, no goal: a decision waits for the chosen process to reach its next point',
      }),
    );
  }
  return { rows, raw };
}
