// Part 2 — Queue: items/s from a child producer to a child consumer through our Queue (every put
// and get recorded as events), beside raw one-way Node IPC and Python's multiprocessing.Queue.
import { figure } from '../lib/figure.mjs';
import { PAIRED_METHOD, pairRatioText, sitePairs, siteSamples } from '../lib/paired.mjs';
import { runJson } from '../lib/proc.mjs';
import { lab, py, raw } from '../lib/paths.mjs';
import { median } from '../lib/stats.mjs';
import { fmt } from '../lib/table.mjs';
import { benchLines, retrying, runLab } from '../lib/runner.mjs';

/**
 * Every contender moves the same items: WARMUP first (V8 needs that many to tier up our runner and
 * runtime; Python needs none, and moves them all the same), then ITEMS timed. The warm-up is timed
 * too: that is the cold figure, shown beside.
 */
const WARMUP = 20_000;
const ITEMS = 50_000;
/** Pairs with and without call sites per round (see SITE_PAIRS_PER_ROUND in lock.mjs). */
const SITE_PAIRS_PER_ROUND = 3;

/** Items/s on the runner's clock: warm-up (first put → the get of -1) and timed (next put → last get). */
async function ours(sites = true) {
  const { events } = await runLab(lab('queue.lab.mjs'), {
    env: {
      BENCH_ITEMS: String(ITEMS),
      BENCH_WARMUP: String(WARMUP),
      CONCURRENCY_LABS_SITES: sites ? '1' : '0',
    },
  });
  const obj = events.find((e) => e.kind === 'queue.create' && e.name === 'bench')?.obj;
  const puts = events.filter((e) => e.kind === 'queue.put' && e.obj === obj);
  const gets = events.filter((e) => e.kind === 'queue.get' && e.obj === obj);
  if (puts.length !== WARMUP + ITEMS + 2 || gets.length !== puts.length) {
    throw new Error(
      `queue lab recorded ${puts.length} puts and ${gets.length} gets, expected ${WARMUP + ITEMS + 2} of each`,
    );
  }
  if (gets[WARMUP].value !== -1 || gets[gets.length - 1].value !== null)
    throw new Error('queue lab: the warm-up and the end are not where expected');
  const lines = benchLines(events);
  if (lines.length !== 2) throw new Error(`queue lab printed ${lines.length} results, expected 2`);
  return {
    cold: WARMUP / ((gets[WARMUP].t - puts[0].t) / 1e6),
    warm: ITEMS / ((gets[gets.length - 1].t - puts[WARMUP + 1].t) / 1e6),
    // The producer's and the consumer's own CPU in their timed loops, per item (µs).
    cpu: (lines.reduce((sum, l) => sum + l.cpuMs, 0) * 1000) / ITEMS,
  };
}

export async function queuePart({ rounds, python }) {
  const s = siteSamples('raw', 'mpq', 'mpqCold');
  const failures = [];
  for (let r = 0; r < rounds; r++) {
    // With and without call sites side by side, so a noisy moment hits both alike.
    await sitePairs(s, SITE_PAIRS_PER_ROUND, r * SITE_PAIRS_PER_ROUND, (sites) =>
      retrying(() => ours(sites), failures),
    );
    s.raw.push((await runJson('node', [raw('ipc.mjs'), 'oneway', '--ops', String(ITEMS)])).perSec);
    if (python) {
      const m = await runJson(python, [py('mp_queue.py'), String(ITEMS), String(WARMUP)]);
      s.mpq.push(m.perSec);
      s.mpqCold.push(m.coldPerSec);
    }
  }
  const base = {
    part: 'Queue',
    name: 'child → child items/s, all recorded',
    unit: 'items/s',
    ours: s.ours,
    better: 'higher',
  };
  const failed = failures.length
    ? `; ${failures.length} run(s) failed and were repeated: ${failures.join(' / ')}`
    : '';
  const shape = `${ITEMS.toLocaleString('en')} items after ${WARMUP.toLocaleString('en')} warm-up items (every contender alike)`;
  const rows = [
    figure({
      ...base,
      baseline: s.raw,
      baselineName: 'raw one-way Node IPC',
      note: `bench/labs/queue.lab.mjs, ${shape}, rate on the runner's clock; raw IPC is the transport limit (context)${failed}`,
    }),
  ];
  rows.push(
    figure({
      ...base,
      name: 'child → child items/s, all recorded, call sites',
      baseline: s.noSites,
      baselineName: 'the same without call sites',
      goal: 0.91,
      paired: true,
      note: `what recording each call site costs (≥ 0.91× is within 1.1×): the same runs, with CONCURRENCY_LABS_SITES=0 in the lab processes for the baseline, ${PAIRED_METHOD}; ${pairRatioText(s.ours, s.noSites)}. The producer's and consumer's own CPU per item in their timed loops, with/without sites: ${fmt(median(s.cpu))}/${fmt(median(s.cpuNoSites))} µs, ${pairRatioText(s.cpu, s.cpuNoSites)} (with/without: above 1, sites cost CPU)`,
    }),
  );
  if (python)
    rows.push(
      figure({ ...base, baseline: s.mpq, baselineName: 'Python multiprocessing.Queue', goal: 1.0 }),
    );
  rows.push(
    figure({
      part: 'Queue',
      name: 'child → child items/s, all recorded, cold',
      unit: 'items/s',
      ours: s.cold,
      better: 'higher',
      baseline: python ? s.mpqCold : null,
      baselineName: python ? 'Python multiprocessing.Queue, cold' : null,
      note: `the warm-up items themselves, from a fresh run: what a short lab sees while V8 is still compiling`,
    }),
  );
  return rows;
}
