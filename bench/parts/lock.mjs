// Part 1 — Lock: acquire + release between child processes through our runner, beside a raw
// Node IPC round trip and Python's Manager().Lock() / multiprocessing.Lock(), in the same rounds.
import { figure } from '../lib/figure.mjs';
import { runJson } from '../lib/proc.mjs';
import { lab, py, raw } from '../lib/paths.mjs';
import { benchLines, retrying, runLab } from '../lib/runner.mjs';

/** µs per acquire+release over all children: first start → last end, divided by every op. */
async function ours(procs, ops) {
  const { events } = await runLab(lab('lock.lab.mjs'), { env: { BENCH_PROCS: String(procs), BENCH_OPS: String(ops) } });
  const lines = benchLines(events);
  if (lines.length !== procs) throw new Error(`lock lab printed ${lines.length} results, expected ${procs}`);
  const wallMs = Math.max(...lines.map((l) => l.end)) - Math.min(...lines.map((l) => l.start));
  return (wallMs * 1000) / (procs * ops);
}

export async function lockPart({ rounds, python }) {
  const rows = [];
  const failures = [];
  for (const [procs, ops, label] of [[1, 2000, 'uncontended'], [4, 500, 'contended by 4']]) {
    const s = { ours: [], raw: [], manager: [], mp: [] };
    for (let r = 0; r < rounds; r++) {
      // Interleaved, so a noisy moment hits every contender alike.
      s.ours.push(await retrying(() => ours(procs, ops), failures));
      s.raw.push((await runJson('node', [raw('ipc.mjs'), 'rtt', '--clients', String(procs), '--ops', String(ops * 2)])).usPerOp);
      if (python) {
        s.manager.push((await runJson(python, [py('mp_lock.py'), 'manager', String(procs), String(ops)])).usPerOp);
        s.mp.push((await runJson(python, [py('mp_lock.py'), 'mp', String(procs), String(ops * 10)])).usPerOp);
      }
    }
    const failed = failures.length ? `; ${failures.length} run(s) failed and were repeated: ${failures.join(' / ')}` : '';
    failures.length = 0;
    const base = { part: 'Lock', name: `acquire+release, ${label}`, unit: 'µs/op', ours: s.ours, better: 'lower' };
    rows.push(figure({ ...base, baseline: s.raw, baselineName: 'raw Node IPC round trip', goal: 1.2, note: `bench/labs/lock.lab.mjs through the real runner, ${procs} child process(es) × ${ops} ops${failed}` }));
    if (python) {
      rows.push(figure({ ...base, baseline: s.manager, baselineName: 'Python Manager().Lock()', goal: 0.6 }));
      rows.push(figure({ ...base, baseline: s.mp, baselineName: 'Python multiprocessing.Lock()', note: 'shared-memory semaphore, no broker: context only' }));
    }
  }
  return rows;
}
