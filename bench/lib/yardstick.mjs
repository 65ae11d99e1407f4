// The machine yardstick: a fixed, deterministic CPU workload (bench/raw/yardstick.mjs in Node,
// bench/py/yardstick.py in python3) timed at the start and at the end of a run, and beside the
// samples of the rows that swing with the machine. These VMs run in a fast or a slow mode: the same
// code has read 113 and 166 ms of Python start-up in two runs. The yardstick's work never changes,
// so a row that moved while the yardstick stayed put moved with the code (or with something a CPU
// loop does not see, such as wake-ups); a row that moved with it moved with the machine.
import { figure } from './figure.mjs';
import { py, raw } from './paths.mjs';
import { runJson } from './proc.mjs';
import { median } from './stats.mjs';
import { fmt } from './table.mjs';

const NAMES = { node: 'Node', python: 'Python' };

/**
 * What each workload computes, the same on every machine: a run whose work differs (a changed
 * script) is refused, since its times would no longer compare with earlier runs'.
 */
export const CHECKS = { node: 4695580, python: 3128609065 };

/** What the work is, for the notes. */
const WORK = {
  node: 'bench/raw/yardstick.mjs: JSON.stringify/parse of 2,000 event-shaped records 20 times, then FNV-1a in plain JavaScript over 1 MiB 16 times',
  python:
    'bench/py/yardstick.py: json.dumps/loads of 2,000 event-shaped records 6 times, then FNV-1a in plain Python over 64 KiB 3 times',
};

/**
 * Times the yardstick of `lang` ('node' or 'python') in a fresh process: `reps` timed runs after
 * `warmup` untimed ones (the JIT's). Returns the times, in ms.
 */
export async function yardstick(lang, { python = 'python3', reps = 5, warmup = 1 } = {}) {
  const out =
    lang === 'node'
      ? await runJson(process.execPath, [
          raw('yardstick.mjs'),
          '--reps',
          String(reps),
          '--warmup',
          String(warmup),
        ])
      : await runJson(python, [py('yardstick.py'), String(reps), String(warmup)]);
  if (out.check !== CHECKS[lang])
    throw new Error(
      `the ${NAMES[lang]} yardstick computed ${out.check}, not ${CHECKS[lang]}: its work changed`,
    );
  return out.samples;
}

/** One sample for a row measured beside it: the median of three runs, in ms. */
export async function yardstickNow(lang, options = {}) {
  return median(await yardstick(lang, { ...options, reps: 3 }));
}

/**
 * The yardstick rows, one per language measured: its times at the start of the run, beside the
 * same at its end. `times`: { node: { start, end }, python: { start, end } } (ms; a language
 * without both is left out).
 */
export function yardstickRows(times) {
  return Object.keys(NAMES)
    .filter((lang) => times[lang]?.start?.length && times[lang]?.end?.length)
    .map((lang) =>
      figure({
        part: 'Machine',
        name: `yardstick, ${NAMES[lang]}: a fixed CPU workload, at the start of the run`,
        unit: 'ms',
        ours: times[lang].start,
        baseline: times[lang].end,
        baselineName: 'the same at the end',
        better: 'lower',
        note: `${WORK[lang]}; timed in a fresh process at the start of the run and again at its end, the median of ${times[lang].start.length} runs after an untimed one each time. Not our code: how fast the machine was. The ratio is start over end: far from 1×, the machine changed mode during the run`,
      }),
    );
}

/** "Python yardstick at the time: 61.2 ms", for the note of a row measured beside it. */
export function yardstickNote(lang, ms) {
  return `${NAMES[lang]} yardstick at the time: ${fmt(median(ms))} ms (${ms.map(fmt).join(', ')})`;
}

/**
 * A row's samples divided by the yardstick timed beside each of them (`yardstickMs[i]` next to
 * `ours[i]`), so that two runs on a machine in different modes can be compared. For a time (ms,
 * `better: 'lower'`): how many yardsticks the figure takes. For a rate (`better: 'higher'`): the
 * rate over the yardstick's own rate (runs per second), that is how many the row does in the time
 * of one yardstick. The ratio is the median of the per-sample ratios.
 */
export function perYardstick({ part, name, unit, ours, yardstickMs, lang, better }) {
  const lower = better === 'lower';
  const label = NAMES[lang];
  return figure({
    part,
    name: `${name}, per ${label} yardstick`,
    unit,
    ours,
    baseline: lower ? yardstickMs : yardstickMs.map((ms) => 1000 / ms),
    baselineName: lower
      ? `${label} yardstick beside each sample, ms`
      : `${label} yardsticks/s beside each sample`,
    better,
    paired: true,
    note: `${lower ? 'the figure in yardsticks' : 'how many the row does in the time of one yardstick'}: each sample over the ${label} yardstick timed right before it; compare this ratio between runs, not the figure. ${yardstickNote(lang, yardstickMs)}`,
  });
}
