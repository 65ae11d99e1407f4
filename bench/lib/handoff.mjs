// Instructions per contended hand-off, counted by callgrind (see bench/handoffInstructions.mjs):
// the lock bench lab through the real runner and the bare lock server over the same lab wire,
// every process under valgrind, each counting only its timed loop (main thread).
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runJson } from './proc.mjs';
import { lab, raw } from './paths.mjs';
import { benchLines, runLab } from './runner.mjs';

/** Whether valgrind and callgrind_control are on the PATH. */
export function haveCallgrind() {
  try {
    execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
    execFileSync('callgrind_control', ['-h'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Instructions per acquire+release in each lab process (`lab`, one per process) and per hand-off
 * in the runner (`broker`), for ours and for the bare lock server (`only`: one of the two).
 * `env`: more of the lab processes' environment. `keep`: leave the callgrind files (their folder
 * is returned as `dir`).
 */
export async function countHandoffs({
  procs = 4,
  ops = 2000,
  warmup = 3000,
  env = {},
  only,
  keep = false,
} = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'cl-handoff-'));
  /** Runs its arguments (a Node program and its own) under callgrind, and every process they start. */
  const wrapper = join(dir, 'callgrind-node');
  writeFileSync(
    wrapper,
    [
      '#!/bin/sh',
      `exec valgrind -q --tool=callgrind --trace-children=yes --smc-check=all-non-file --separate-threads=yes \\`,
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
        ...env,
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
    return {
      lab: out.pids.map((pid) => span(pid) / ops),
      broker: span(out.server) / (procs * ops),
    };
  }

  const results = {};
  try {
    if (only !== 'bare') results.ours = await ours();
    if (only !== 'ours') results.bare = await bare();
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
  return { ...results, dir: keep ? dir : undefined };
}

export const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
