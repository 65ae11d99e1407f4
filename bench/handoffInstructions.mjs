// Instructions per contended hand-off, counted by callgrind: the lock bench lab (bench/labs/
// lock.lab.mjs) through the real runner, beside the bare lock server over the same lab wire
// (bench/raw/labPipe.mjs lock), every process of both under valgrind. Wall time on these machines
// swings between runs; an instruction count does not (the same binary and input count the same,
// whatever the load), so a change to the hand-off's path shows here as a number that moves.
//
// Each worker counts only its own timed loop, and the runner (or the bare server) only the span
// of those loops: the lab asks callgrind to zero and to dump its counts (callgrind_control) around
// them, and what a zero and a dump cost by themselves is measured first and taken off.
//   node bench/handoffInstructions.mjs [--procs 4] [--ops 2000] [--warmup 3000] [--env JSON]
//     [--only ours|bare] [--keep]
// `--env` sets more of the lab processes' environment (e.g. '{"CONCURRENCY_LABS_SITES":"0"}').
// Build first (npm run build). Needs valgrind; a run takes a few minutes.
import { parseArgs } from 'node:util';
import { countHandoffs, haveCallgrind, mean } from './lib/handoff.mjs';

const { values } = parseArgs({
  options: {
    procs: { type: 'string', default: '4' },
    ops: { type: 'string', default: '2000' },
    warmup: { type: 'string', default: '3000' },
    env: { type: 'string', default: '{}' },
    only: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
if (!haveCallgrind()) {
  console.error('handoffInstructions: needs valgrind (with callgrind_control) on the PATH');
  process.exit(2);
}
const procs = Number(values.procs);
const ops = Number(values.ops);
const warmup = Number(values.warmup);
const results = await countHandoffs({
  procs,
  ops,
  warmup,
  env: JSON.parse(values.env),
  only: values.only,
  keep: values.keep,
});
if (results.dir) console.error(`callgrind output kept in ${results.dir}`);

const k = (n) => `${(n / 1000).toFixed(1)}k`;
console.log(
  `Instructions per contended hand-off (callgrind; ${procs} processes × ${ops} ops after ${warmup} warm-up each${values.env !== '{}' ? `; lab env ${values.env}` : ''})`,
);
const rows = [
  ['lab process (per acquire+release)', (r) => mean(r.lab)],
  ['runner / bare server (per hand-off)', (r) => r.broker],
  ['both', (r) => mean(r.lab) + r.broker],
];
for (const [name, of] of rows) {
  const o = results.ours && of(results.ours);
  const b = results.bare && of(results.bare);
  const ratio = o !== undefined && b !== undefined ? `  ${(o / b).toFixed(2)}×` : '';
  console.log(
    `  ${name.padEnd(38)} ours ${o === undefined ? '–' : k(o)}  bare ${b === undefined ? '–' : k(b)}${ratio}`,
  );
}
console.log(JSON.stringify({ ours: results.ours, bare: results.bare }));
