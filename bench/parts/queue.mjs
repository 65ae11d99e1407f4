// Part 2 — Queue: items/s from a child producer to a child consumer through our Queue (every put
// and get recorded as events), beside raw one-way Node IPC and Python's multiprocessing.Queue.
import { figure } from '../lib/figure.mjs';
import { runJson } from '../lib/proc.mjs';
import { lab, py, raw } from '../lib/paths.mjs';
import { retrying, runLab } from '../lib/runner.mjs';

/** Items/s on the runner's clock: first put on the bench queue → last get from it. */
async function ours(items) {
  const { events } = await runLab(lab('queue.lab.mjs'), { env: { BENCH_ITEMS: String(items) } });
  const obj = events.find((e) => e.kind === 'queue.create' && e.name === 'bench')?.obj;
  const puts = events.filter((e) => e.kind === 'queue.put' && e.obj === obj);
  const gets = events.filter((e) => e.kind === 'queue.get' && e.obj === obj);
  if (gets.length !== items + 1) throw new Error(`queue lab recorded ${gets.length} gets, expected ${items + 1}`);
  return items / ((gets[gets.length - 1].t - puts[0].t) / 1e6);
}

/** Every contender moves the same number of items: long enough that the rate is a steady one. */
const ITEMS = 50_000;

export async function queuePart({ rounds, python }) {
  const s = { ours: [], raw: [], mpq: [] };
  const failures = [];
  for (let r = 0; r < rounds; r++) {
    s.ours.push(await retrying(() => ours(ITEMS), failures));
    s.raw.push((await runJson('node', [raw('ipc.mjs'), 'oneway', '--ops', String(ITEMS)])).perSec);
    if (python) s.mpq.push((await runJson(python, [py('mp_queue.py'), String(ITEMS)])).perSec);
  }
  const base = { part: 'Queue', name: 'child → child items/s, all recorded', unit: 'items/s', ours: s.ours, better: 'higher' };
  const failed = failures.length ? `; ${failures.length} run(s) failed and were repeated: ${failures.join(' / ')}` : '';
  const rows = [figure({ ...base, baseline: s.raw, baselineName: 'raw one-way Node IPC', note: `bench/labs/queue.lab.mjs, ${ITEMS.toLocaleString('en')} items (each baseline moves as many), rate on the runner's clock; raw IPC is the transport limit (context)${failed}` })];
  if (python) rows.push(figure({ ...base, baseline: s.mpq, baselineName: 'Python multiprocessing.Queue', goal: 1.0 }));
  return rows;
}
