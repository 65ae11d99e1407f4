// What call sites cost on the lock bench lab, measured in A/B pairs: each pair runs the lab once
// with call sites and once without (CONCURRENCY_LABS_SITES=0), the order alternating pair by pair.
// Beside the wall time per op (as the bench row takes it) it gives the CPU per op of each process
// during the workers' timed loops: the workers (their own process.cpuUsage()), the runner (read
// from /proc while it runs) and this process, which reads every event as the extension does.
//   node bench/sitesProbe.mjs [pairs=10] [procs=1] [ops=10000] [warmup=5000]
// PROBE_VARY=NAME compares NAME=1 against NAME=0 instead (another switch of the lab processes);
// PROBE_ENV='{"NAME":"0"}' sets more of their environment on both sides.
// Build first (node scripts/build.mjs). Linux only (the runner's CPU comes from /proc).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { median } from './lib/stats.mjs';
import { lab, REPO } from './lib/paths.mjs';
import { benchLines, hostKinds } from './lib/runner.mjs';

const { RunnerClient } = await tsImport('../src/runnerClient/runnerClient.ts', import.meta.url);

const [pairs = 10, procs = 1, ops = 10_000, warmup = 5000] = process.argv.slice(2).map(Number);
/** Linux's clock ticks per second for /proc times (USER_HZ, 100 on every Linux we run on). */
const TICKS_PER_SEC = 100;
const SAMPLE_MS = 10;
const now = () => performance.timeOrigin + performance.now();

/** CPU ms used so far by process `pid` (user + system), or NaN once it is gone. */
function cpuMsOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat (utime, stime); `fields` starts at field 3.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SEC;
  } catch {
    return NaN;
  }
}

/** The CPU a sampled counter gained between wall times `from` and `to` (ms), interpolated. */
function gained(samples, from, to) {
  const at = (t) => {
    const i = samples.findIndex((s) => s.t >= t);
    if (i <= 0) return NaN;
    const [a, b] = [samples[i - 1], samples[i]];
    return a.v + ((b.v - a.v) * (t - a.t)) / (b.t - a.t);
  };
  return at(to) - at(from);
}

const VARY = process.env.PROBE_VARY || 'CONCURRENCY_LABS_SITES';
const BOTH = JSON.parse(process.env.PROBE_ENV || '{}');

async function runOnce(sites) {
  const events = [];
  const runner = [];
  const host = [];
  const client = new RunnerClient(
    {
      runnerPath: join(REPO, 'dist', 'runner.js'),
      env: {
        BENCH_PROCS: String(procs),
        BENCH_OPS: String(ops),
        BENCH_WARMUP: String(warmup),
        ...BOTH,
        [VARY]: sites ? '1' : '0',
      },
      kinds: hostKinds,
      config: {
        lab: lab('lock.lab.mjs'),
        seed: 1,
        speed: 100,
        timeoutSec: 120,
        maxEvents: 5_000_000,
        lang: 'en',
        maxProcs: 64,
        schedule: 'realtime',
      },
    },
    {
      onEvents: (batch) => {
        for (const e of batch.events) events.push(e);
      },
      onProblem: (text) => console.error(text),
      onOutput: (text) => process.stderr.write(text),
    },
  );
  client.start();
  const sample = () => {
    const t = now();
    runner.push({ t, v: cpuMsOf(client.pid) });
    const c = process.cpuUsage();
    host.push({ t, v: (c.user + c.system) / 1000 });
  };
  sample();
  const timer = setInterval(sample, SAMPLE_MS);
  const end = await client.done;
  clearInterval(timer);
  if (end.by !== 'done' || end.status !== 'ok') throw new Error(`run ended ${end.status}`);
  const lines = benchLines(events);
  const start = Math.min(...lines.map((l) => l.start));
  const stop = Math.max(...lines.map((l) => l.end));
  const all = procs * ops;
  const perOpUs = (ms) => (ms * 1000) / all;
  return {
    wall: perOpUs(stop - start),
    worker: perOpUs(lines.reduce((sum, l) => sum + l.cpuMs, 0)),
    runner: perOpUs(
      gained(
        runner.filter((s) => !Number.isNaN(s.v)),
        start,
        stop,
      ),
    ),
    host: perOpUs(gained(host, start, stop)),
    siteEvents: events.filter((e) => e.kind === 'site').length,
  };
}

const keys = ['wall', 'worker', 'runner', 'host'];
const withSites = [];
const without = [];
for (let p = 0; p < pairs; p++) {
  // Alternating which goes first, so a trend in the machine's load lands on both sides alike.
  if (p % 2) {
    withSites.push(await runOnce(true));
    without.push(await runOnce(false));
  } else {
    without.push(await runOnce(false));
    withSites.push(await runOnce(true));
  }
  const [a, b] = [withSites[p], without[p]];
  console.log(
    `pair ${p + 1}: ` +
      keys.map((k) => `${k} ${a[k].toFixed(2)}/${b[k].toFixed(2)}`).join('  ') +
      `  (µs/op with/without; site events ${a.siteEvents}/${b.siteEvents})`,
  );
}
console.log(
  `\n${procs} proc(s) × ${ops} ops after ${warmup}; ${pairs} pairs; ${VARY} 1 vs 0; ${JSON.stringify(BOTH)}`,
);
for (const k of keys) {
  const ratios = withSites.map((a, i) => a[k] / without[i][k]).sort((x, y) => x - y);
  console.log(
    `${k.padEnd(7)} with ${median(withSites.map((r) => r[k])).toFixed(2)} µs/op, without ` +
      `${median(without.map((r) => r[k])).toFixed(2)}; pair ratio median ${median(ratios).toFixed(3)}` +
      ` (${ratios[0].toFixed(3)}–${ratios[ratios.length - 1].toFixed(3)})`,
  );
}
