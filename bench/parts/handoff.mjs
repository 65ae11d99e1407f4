// Part — Hand-off instructions: what a contended lock's hand-off executes, counted by callgrind
// (bench/lib/handoff.mjs): ours (a lab process and the runner) beside the bare lock server over
// the same lab wire. A count does not swing with the machine's load as the wall time does, so
// it shows where the contended row's gap lies, run after run. Skipped without valgrind.
import { figure } from '../lib/figure.mjs';
import { countHandoffs, haveCallgrind, mean } from '../lib/handoff.mjs';

const SHAPE = { procs: 4, ops: 2000, warmup: 3000 };

export async function handoffPart() {
  if (!haveCallgrind()) return [];
  const { ours, bare } = await countHandoffs(SHAPE);
  const each = `${SHAPE.procs} processes × ${SHAPE.ops.toLocaleString('en')} ops after ${SHAPE.warmup.toLocaleString('en')} warm-up each`;
  const row = (name, o, b, baselineName, note) =>
    figure({
      part: 'Lock',
      name,
      unit: 'instructions',
      ours: [o],
      baseline: [b],
      baselineName,
      better: 'lower',
      note,
    });
  return [
    row(
      'contended hand-off, instructions: lab process',
      mean(ours.lab),
      mean(bare.lab),
      'bare client',
      `callgrind, ${each}, every process under valgrind, each counting only its timed loop (main thread): one acquire+release in a lab process (bench/labs/lock.lab.mjs through the real runner) against a client of the bare lock server (bench/raw/labPipe.mjs lock) doing the same wire work; \`node bench/handoffInstructions.mjs\` gives the same figures`,
    ),
    row(
      'contended hand-off, instructions: runner',
      ours.broker,
      bare.broker,
      'bare lock server',
      'the same runs: the runner per hand-off (reading the frame, checking, granting, recording, sending events to its parent, the log file) against the bare server (reading, granting)',
    ),
    row(
      'contended hand-off, instructions: both',
      mean(ours.lab) + ours.broker,
      mean(bare.lab) + bare.broker,
      'bare server and client',
      "the two above together: a hand-off is holder → runner → next holder, and on two cores the two sides' work adds up in the row's time",
    ),
  ];
}
