// Part 1 — Lock: acquire + release between child processes through our runner, beside a raw
// Node IPC round trip and Python's Manager().Lock() / multiprocessing.Lock(), in the same rounds.
import { figure } from '../lib/figure.mjs';
import { PAIRED_METHOD, pairRatioText, sitePairs, siteSamples } from '../lib/paired.mjs';
import { runJson } from '../lib/proc.mjs';
import { median } from '../lib/stats.mjs';
import { fmt } from '../lib/table.mjs';
import { lab, py, raw } from '../lib/paths.mjs';
import { benchLines, hostKinds, retrying, runLab } from '../lib/runner.mjs';

/**
 * Every contender makes the same number of operations before its clock starts (V8 needs a few
 * thousand to tier up our runner and runtime; Python needs none, and gets them all the same), then
 * the same number timed. The warm-up itself is timed too: that is the cold figure, shown beside.
 */
const SHAPES = [
  { procs: 1, warmup: 5000, ops: 10000, label: 'uncontended' },
  { procs: 4, warmup: 1500, ops: 2500, label: 'contended by 4' },
];
/**
 * Runs with and without call sites, side by side, per round. A ratio of two runs a few seconds
 * apart carries the load's drift between them; three pairs a round give the median of the pair
 * ratios a 95 % interval from order statistics at the default five rounds (fifteen pairs), where
 * five pairs can give none.
 */
const SITE_PAIRS_PER_ROUND = 3;

/**
 * µs per acquire+release over all children: first start → last end, divided by every op (warm and
 * cold). `sites` false turns call sites off in the lab processes, to measure what they cost.
 */
async function ours({ procs, ops, warmup }, sites = true) {
  // Read as the extension reads a run: every event checked, only its kinds made into objects.
  const { events } = await runLab(lab('lock.lab.mjs'), {
    env: {
      BENCH_PROCS: String(procs),
      BENCH_OPS: String(ops),
      BENCH_WARMUP: String(warmup),
      CONCURRENCY_LABS_SITES: sites ? '1' : '0',
    },
    kinds: hostKinds,
  });
  const lines = benchLines(events);
  if (lines.length !== procs)
    throw new Error(`lock lab printed ${lines.length} results, expected ${procs}`);
  const span = (a, b) => Math.max(...lines.map((l) => l[b])) - Math.min(...lines.map((l) => l[a]));
  return {
    warm: (span('start', 'end') * 1000) / (procs * ops),
    cold: (span('coldStart', 'coldEnd') * 1000) / (procs * warmup),
    // The children's own CPU in their timed loops: what sites cost them, without the waits.
    cpu: (lines.reduce((sum, l) => sum + l.cpuMs, 0) * 1000) / (procs * ops),
    handOff: typicalHandOff(
      lines.map((l) => l.cycleUs),
      procs,
    ),
  };
}

/**
 * A run's typical hand-off (µs), from each process's median time between two of its acquires
 * (`cycles`, µs): with FIFO grants a process's cycle is `procs` hand-offs, so the median of the
 * processes' medians over `procs`. Unlike the mean over the whole run, a preemption or a pause that
 * stretches a few hand-offs leaves it where it was: set beside the mean, it tells whether a gap
 * between two contenders is in every hand-off or in a few long ones.
 */
function typicalHandOff(cycles, procs) {
  return median(cycles) / procs;
}

export async function lockPart({ rounds, python }) {
  const rows = [];
  const failures = [];
  for (const shape of SHAPES) {
    const { procs, ops, warmup, label } = shape;
    const s = siteSamples(
      'raw',
      'rawLock',
      'pipeRtt',
      'pipeRttBlocked',
      'pipeLock',
      'manager',
      'managerCold',
      'mp',
      'handOff',
      'pipeLockHandOff',
    );
    for (let r = 0; r < rounds; r++) {
      // Interleaved, so a noisy moment hits every contender alike (with and without sites in turn).
      await sitePairs(s, SITE_PAIRS_PER_ROUND, r * SITE_PAIRS_PER_ROUND, (sites) =>
        retrying(() => ours(shape, sites), failures),
      );
      const sizes = ['--clients', String(procs), '--ops', String(ops), '--warmup', String(warmup)];
      const bare = async (file, mode) =>
        (await runJson('node', [raw(file), mode, ...sizes])).usPerOp;
      s.raw.push(await bare('ipc.mjs', 'rtt'));
      if (procs > 1) {
        s.rawLock.push(await bare('ipc.mjs', 'lock'));
        const pipe = await runJson('node', [raw('labPipe.mjs'), 'lock', ...sizes]);
        s.pipeLock.push(pipe.usPerOp);
        s.pipeLockHandOff.push(typicalHandOff([pipe.cycleUs], procs));
      } else {
        s.pipeRtt.push(await bare('labPipe.mjs', 'rtt'));
        s.pipeRttBlocked.push(await bare('labPipe.mjs', 'rtt-sync'));
      }
      if (python) {
        const m = await runJson(python, [
          py('mp_lock.py'),
          'manager',
          String(procs),
          String(ops),
          String(warmup),
        ]);
        s.manager.push(m.usPerOp);
        s.managerCold.push(m.coldUsPerOp);
        s.mp.push(
          (
            await runJson(python, [
              py('mp_lock.py'),
              'mp',
              String(procs),
              String(ops * 10),
              String(warmup),
            ])
          ).usPerOp,
        );
      }
    }
    const failed = failures.length
      ? `; ${failures.length} run(s) failed and were repeated: ${failures.join(' / ')}`
      : '';
    failures.length = 0;
    const each = `${procs} child process(es) × ${ops.toLocaleString('en')} ops after ${warmup.toLocaleString('en')} warm-up ops each (every contender alike)`;
    const base = {
      part: 'Lock',
      name: `acquire+release, ${label}`,
      unit: 'µs/op',
      ours: s.ours,
      better: 'lower',
    };
    // Uncontended, a lock is a round trip. Contended, a hand-off is two wake-ups in series (holder →
    // runner → next holder), which a round trip never pays: there the bare lock server, measured in
    // the same run, is the floor, and our goal is the cost of recording and checks above it.
    const contended = procs > 1;
    rows.push(
      figure({
        ...base,
        baseline: s.raw,
        baselineName: 'raw Node IPC round trip',
        goal: contended ? null : 1.2,
        note: `bench/labs/lock.lab.mjs through the real runner, read as the extension reads it, ${each}${failed}`,
      }),
    );
    rows.push(
      figure({
        ...base,
        name: `acquire+release, ${label}, call sites`,
        baseline: s.noSites,
        baselineName: 'the same without call sites',
        goal: 1.1,
        paired: true,
        note: `what recording each call site costs: the same runs, with CONCURRENCY_LABS_SITES=0 in the lab processes for the baseline, ${PAIRED_METHOD}; ${pairRatioText(s.ours, s.noSites)}. The children's own CPU per op in their timed loops, with/without sites: ${fmt(median(s.cpu))}/${fmt(median(s.cpuNoSites))} µs, ${pairRatioText(s.cpu, s.cpuNoSites)}`,
      }),
    );
    if (contended) {
      // Like with like: the bare server over the lab wire's own pipe and frames carries the goal;
      // the one over fork IPC (JSON messages, another transport) stays beside it for context.
      rows.push(
        figure({
          ...base,
          baseline: s.pipeLock,
          baselineName: 'bare lock server, lab wire',
          goal: 1.1,
          note: `bench/raw/labPipe.mjs lock: a bare lock server over the lab wire's transport (each client's fd-3 pipe, the wire's binary lock frames, a release travelling with the next acquire as the runtime sends it; FIFO grants, nothing recorded or checked), ${each}: the least a contended hand-off costs on our transport`,
        }),
      );
      rows.push(
        figure({
          ...base,
          name: `typical hand-off (median), ${label}`,
          unit: 'µs',
          ours: s.handOff,
          baseline: s.pipeLockHandOff,
          baselineName: 'bare lock server, lab wire, the same',
          note: `the same runs as the row above, read otherwise: each process times its acquires, takes the median time from one to its next (a cycle of ${procs} hand-offs with FIFO grants) and divides it by ${procs}; the figure is the median over the processes. The bare clients time theirs the same way. The µs/op rows are means over the whole timed span, so a few long hand-offs (a preemption on this 2-core machine, a collection, a batch of events leaving) weigh in them; this row leaves those out. Context only: the goal is on the mean`,
        }),
      );
      rows.push(
        figure({
          ...base,
          baseline: s.rawLock,
          baselineName: 'bare lock server, fork IPC',
          note: 'bench/raw/ipc.mjs lock: a bare lock server over fork IPC (JSON messages, release as a notice, nothing recorded or checked): another transport than the lab wire, context only',
        }),
      );
    } else {
      // The floor under the uncontended goal: what a Node responder that does nothing else
      // answers in over the same pipe and frames, with the client reading as a lab process does
      // (an event-loop wake-up on each side) and blocked in read() (one side's wake-up only).
      rows.push(
        figure({
          ...base,
          baseline: s.pipeRtt,
          baselineName: 'bare round trip, lab wire, async client',
          note: `bench/raw/labPipe.mjs rtt: one acquire frame over a child's fd-3 pipe answered by a \`T\` reply, the responder reading and writing as the runner does and doing nothing else, the client reading as a lab process does; ${ops.toLocaleString('en')} round trips after ${warmup.toLocaleString('en')}: the floor under this row`,
        }),
      );
      rows.push(
        figure({
          ...base,
          baseline: s.pipeRttBlocked,
          baselineName: 'bare round trip, lab wire, client in readSync',
          note: 'bench/raw/labPipe.mjs rtt-sync: the same round trip with the client blocked in fs.readSync (no event loop on its side): the least a Node responder answers in on this machine',
        }),
      );
    }
    if (python) {
      rows.push(
        figure({
          ...base,
          baseline: s.manager,
          baselineName: 'Python Manager().Lock()',
          goal: contended ? 1.0 : 0.6,
        }),
      );
      if (!contended) {
        // How far the floor itself is from the goal above: no runner can beat its transport.
        rows.push(
          figure({
            part: 'Lock',
            name: 'floor: bare lab-wire round trip, client in readSync',
            unit: 'µs/op',
            ours: s.pipeRttBlocked,
            better: 'lower',
            baseline: s.manager,
            baselineName: 'Python Manager().Lock()',
            note: 'the floor row above set against the uncontended goal (≤ 0.6× Manager().Lock()): context; when this ratio is above 0.6, no Node runner on this transport can meet that goal on this machine',
          }),
        );
      }
      rows.push(
        figure({
          ...base,
          baseline: s.mp,
          baselineName: 'Python multiprocessing.Lock()',
          note: 'shared-memory semaphore, no broker: context only',
        }),
      );
    }
    rows.push(
      figure({
        part: 'Lock',
        name: `acquire+release, ${label}, cold`,
        unit: 'µs/op',
        ours: s.cold,
        better: 'lower',
        baseline: python ? s.managerCold : null,
        baselineName: python ? 'Python Manager().Lock(), cold' : null,
        note: `the warm-up ops themselves, from a fresh run (${warmup.toLocaleString('en')} per process): what a short lab sees while V8 is still compiling`,
      }),
    );
  }
  return rows;
}
