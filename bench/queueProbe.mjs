// Queue get throughput, with and without queue leases, beside Python's multiprocessing.Queue,
// measured in turns in the same run:   npx tsx bench/queueProbe.mjs [rounds] [items]
// Uses bench/labs/queue.lab.mjs (child producer → child consumer, every put and get recorded);
// the rate is on the runner's clock (first put → last get). Build first (node scripts/build.mjs).
import { execFileSync } from 'node:child_process';
import { checkLog } from '../src/protocol/validateEvent.ts';
import { lab, py } from './lib/paths.mjs';
import { runLab } from './lib/runner.mjs';

const rounds = Number(process.argv[2] ?? 5);
const items = Number(process.argv[3] ?? 20000);

async function ours(lease) {
  const { events } = await runLab(lab('queue.lab.mjs'), {
    env: { BENCH_ITEMS: String(items), CONCURRENCY_LABS_QUEUE_LEASE: lease ? 'on' : 'off' },
  });
  const obj = events.find((e) => e.kind === 'queue.create' && e.name === 'bench')?.obj;
  const puts = events.filter((e) => e.kind === 'queue.put' && e.obj === obj);
  const gets = events.filter((e) => e.kind === 'queue.get' && e.obj === obj);
  if (gets.length !== items + 1)
    throw new Error(`${gets.length} gets recorded, expected ${items + 1}`);
  gets.forEach((g, i) => {
    if (g.item !== puts[i].item)
      throw new Error(`get ${i} took item ${g.item}, not ${puts[i].item}`);
  });
  const check = checkLog(events);
  if (!check.ok) throw new Error(`checkLog: ${JSON.stringify(check).slice(0, 300)}`);
  return items / ((gets[gets.length - 1].t - puts[0].t) / 1e6);
}

function python() {
  try {
    return JSON.parse(
      execFileSync('python3', [py('mp_queue.py'), String(items)], { encoding: 'utf8' }),
    ).perSec;
  } catch {
    return NaN;
  }
}

const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const s = { off: [], on: [], mpq: [] };
for (let r = 0; r < rounds; r++) {
  s.off.push(await ours(false));
  s.on.push(await ours(true));
  s.mpq.push(python());
}
const fmt = (a) => `median ${Math.round(median(a))}/s  [${a.map((x) => Math.round(x)).join(', ')}]`;
console.log(`items ${items}, rounds ${rounds}`);
console.log(
  `leases off : ${fmt(s.off)}  = ${(median(s.off) / median(s.mpq)).toFixed(2)}× mp.Queue`,
);
console.log(`leases on  : ${fmt(s.on)}  = ${(median(s.on) / median(s.mpq)).toFixed(2)}× mp.Queue`);
console.log(`mp.Queue   : ${fmt(s.mpq)}`);
