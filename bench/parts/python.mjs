// Part — Python labs: the Python runtime's brokered Lock and Queue between two Python processes
// (the baseline scripts themselves, run as Python labs), beside the same scripts under plain
// python3 (Manager().Lock(), multiprocessing.Queue) in the same rounds; and what starting a
// Python lab adds over plain python3 starting the same script.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { absolute, figure } from '../lib/figure.mjs';
import { runJson } from '../lib/proc.mjs';
import { py } from '../lib/paths.mjs';
import { hostKinds, retrying, runLab } from '../lib/runner.mjs';
import { perYardstick, yardstickNote, yardstickNow } from '../lib/yardstick.mjs';

const LOCK = { procs: 2, ops: 3000, warmup: 500 };
const QUEUE = { items: 20000, warmup: 2000 };
const ROUND_TRIPS = { rounds: 3000, warmup: 500 };

/**
 * The JSON line a baseline printed, run as a Python lab with `args`, read as the extension reads a
 * run (every event checked, only its kinds made into objects), as the Lock and Queue parts do.
 */
async function brokered(args) {
  const { events } = await runLab(py('brokered.py'), {
    env: { BENCH_ARGS: JSON.stringify(args) },
    speed: 100,
    kinds: hostKinds,
  });
  const line = events.find((e) => e.kind === 'log' && e.text.startsWith('{'));
  if (!line) throw new Error(`brokered ${args[0]} printed no result`);
  return JSON.parse(line.text);
}

async function wallMs(fn) {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export async function pythonPart({ rounds, python }) {
  if (!python) return [];
  const s = {
    lock: [],
    manager: [],
    queue: [],
    mpQueue: [],
    lab: [],
    plain: [],
    rtt: [],
    rttThread: [],
    yardstick: [],
  };
  const failures = [];
  const { procs, ops, warmup } = LOCK;
  const lockArgs = ['mp', String(procs), String(ops), String(warmup)];
  for (let r = 0; r < rounds; r++) {
    s.lock.push((await retrying(() => brokered(['mp_lock', ...lockArgs]), failures)).usPerOp);
    const m = await runJson(python, [
      py('mp_lock.py'),
      'manager',
      String(procs),
      String(ops),
      String(warmup),
    ]);
    s.manager.push(m.usPerOp);
    const qArgs = [String(QUEUE.items), String(QUEUE.warmup)];
    s.queue.push((await retrying(() => brokered(['mp_queue', ...qArgs]), failures)).perSec);
    s.mpQueue.push((await runJson(python, [py('mp_queue.py'), ...qArgs])).perSec);
    const { rounds: n, warmup: w } = ROUND_TRIPS;
    const rtt = await runJson(python, [py('socket_rtt.py'), String(n), String(w)]);
    s.rtt.push(rtt.directUs);
    s.rttThread.push(rtt.threadUs);
    // The start-up swings with the machine's mode: the yardstick right before it says which.
    s.yardstick.push(await yardstickNow('python', { python }));
    s.lab.push(await wallMs(() => runLab(py('empty.py'), { kinds: hostKinds })));
    s.plain.push(await wallMs(() => promisify(execFile)(python, [py('empty.py')])));
  }
  const overhead = s.lab.map((ms, i) => ms - s.plain[i]);
  const failed = failures.length ? `; ${failures.length} run(s) failed and were repeated` : '';
  const startUp = 'start-up added to a Python script (runner, wire, runtime)';
  const rows = [
    figure({
      part: 'Python',
      name: `brokered Lock acquire+release, ${procs} Python processes`,
      unit: 'µs/op',
      ours: s.lock,
      baseline: s.manager,
      baselineName: 'Manager().Lock()',
      better: 'lower',
      goal: 1.0,
      note: `bench/py/mp_lock.py run as a Python lab (multiprocessing.Lock brokered by the runner) vs the same script's Manager().Lock() under python3; ${ops} ops after ${warmup} warm-up each${failed}`,
    }),
    figure({
      part: 'Python',
      name: 'brokered Queue put→get, producer → consumer process',
      unit: 'items/s',
      ours: s.queue,
      baseline: s.mpQueue,
      baselineName: 'multiprocessing.Queue',
      better: 'higher',
      goal: 0.5,
      note: `bench/py/mp_queue.py run as a Python lab vs under python3; ${QUEUE.items} items after ${QUEUE.warmup}`,
    }),
    figure({
      part: 'Python',
      name: 'floor: a bare Unix-socket round trip between 2 Python processes, answer read by a thread',
      unit: 'µs',
      ours: s.rttThread,
      baseline: s.rtt,
      baselineName: 'read in the calling thread',
      better: 'lower',
      note: `bench/py/socket_rtt.py under python3, ${ROUND_TRIPS.rounds} round trips of one small frame: the least a brokered acquire costs (the runtime reads its answers in a reader thread); a brokered acquire+release is one round trip and one frame more, Manager().Lock() two round trips`,
    }),
    absolute({
      part: 'Python',
      name: startUp,
      unit: 'ms',
      ours: overhead,
      limit: 150,
      note: `wall time of bench/py/empty.py as a Python lab (through the runner client) minus python3 running it; ${yardstickNote('python', s.yardstick)}, the next row divides by it`,
    }),
    perYardstick({
      part: 'Python',
      name: startUp,
      unit: 'ms',
      ours: overhead,
      yardstickMs: s.yardstick,
      lang: 'python',
      better: 'lower',
    }),
  ];
  return { rows, raw: { startUpMs: overhead, yardstickMs: s.yardstick } };
}
