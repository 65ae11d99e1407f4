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
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runJson } from './lib/proc.mjs';
import { lab, raw } from './lib/paths.mjs';
import { benchLines, runLab } from './lib/runner.mjs';

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
const procs = Number(values.procs);
const ops = Number(values.ops);
const warmup = Number(values.warmup);
const labEnv = JSON.parse(values.env);

try {
  execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
  execFileSync('callgrind_control', ['-h'], { stdio: 'ignore' });
} catch {
  console.error('handoffInstructions: needs valgrind (with callgrind_control) on the PATH');
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'cl-handoff-'));
/** Runs its arguments (a Node program and its own) under callgrind, and every process they start. */
const wrapper = join(dir, 'callgrind-node');
writeFileSync(
  wrapper,
  [
    '#!/bin/sh',
    `exec valgrind --tool=callgrind --trace-children=yes --smc-check=all-non-file --separate-threads=yes \\`,
    `  --trace-children-skip='*callgrind_control*,*vgdb*,*perl*' \\`,
    `  --callgrind-out-file='${dir}/%p.out' '${process.execPath}' "$@"`,
    '',
  ].join('\n'),
);
chmodSync(wrapper, 0o755);

/**
 * The instructions of process `pid`'s main thread in its dump `part` (the `summary` line). Only
 * the main thread: V8 compiles on threads of its own, and under valgrind, which runs a process's
 * threads one at a time and many times slower, that compiling lands in the counted loop, where
 * at full speed it was over during the warm-up.
 */
function counted(pid, part) {
  const file = join(dir, `${pid}.out.${part}-01`);
  if (!existsSync(file)) throw new Error(`no callgrind dump ${part} for process ${pid}`);
  const line = readFileSync(file, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('summary:') || l.startsWith('totals:'));
  return Number(line?.split(/\s+/)[1]);
}

/** What process `pid` executed in its counted span, less what zeroing and dumping cost. */
const span = (pid) => counted(pid, 2) - counted(pid, 1);

async function ours() {
  let runnerPid;
  const { events } = await runLab(lab('lock.lab.mjs'), {
    env: {
      BENCH_PROCS: String(procs),
      BENCH_OPS: String(ops),
      BENCH_WARMUP: String(warmup),
      BENCH_CALLGRIND: '1',
      ...labEnv,
    },
    timeoutSec: 3600,
    execPath: wrapper,
    onStart: (pid) => (runnerPid = pid),
  });
  const lines = benchLines(events);
  if (lines.length !== procs) throw new Error(`the lab printed ${lines.length} results`);
  return {
    lab: lines.map((l) => span(l.pid) / ops),
    broker: span(runnerPid) / (procs * ops),
  };
}

async function bare() {
  const out = await runJson(
    wrapper,
    [
      raw('labPipe.mjs'),
      'lock',
      '--clients',
      String(procs),
      '--ops',
      String(ops),
      '--warmup',
      String(warmup),
    ],
    { env: { BENCH_CALLGRIND: '1' }, timeoutMs: 3_600_000 },
  );
  const files = readdirPids();
  const server = files.find(
    (pid) => !out.pids.includes(pid) && existsSync(join(dir, `${pid}.out.2-01`)),
  );
  return {
    lab: out.pids.map((pid) => span(pid) / ops),
    broker: span(server) / (procs * ops),
  };
}

function readdirPids() {
  return [
    ...new Set(
      execFileSync('ls', [dir])
        .toString()
        .split('\n')
        .map((f) => Number(f.split('.')[0]))
        .filter((n) => n > 0),
    ),
  ];
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const k = (n) => `${(n / 1000).toFixed(1)}k`;

const results = {};
try {
  if (values.only !== 'bare') results.ours = await ours();
  if (values.only !== 'ours') results.bare = await bare();
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
  else console.error(`callgrind output kept in ${dir}`);
}

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
console.log(JSON.stringify(results));
