// Figures measured as a ratio of two variants of the same run (with and without call sites):
// the runs are made in adjacent pairs, and the ratio is taken per pair (figure's `paired`).
import { fmt } from './table.mjs';
import { median, medianInterval } from './stats.mjs';

/**
 * Runs `ours` and `baseline` side by side `count` times, `ours` going first in every other pair
 * (counted from `index`, so that pairs spread over rounds alternate too): a load that rises or
 * falls over the seconds of a pair then favours each side as often. Returns both sides' results,
 * sample i of each from the same pair.
 */
export async function sideBySide(count, ours, baseline, index = 0) {
  const a = [];
  const b = [];
  for (let i = 0; i < count; i++) {
    if ((index + i) % 2) {
      a.push(await ours());
      b.push(await baseline());
    } else {
      b.push(await baseline());
      a.push(await ours());
    }
  }
  return [a, b];
}

/**
 * What the pairs say, for a row's note: the median of the per-pair ratios and its 95 % interval
 * (or that there are too few pairs for one).
 */
export function pairRatioText(ours, baseline) {
  const ratios = ours.map((x, i) => x / baseline[i]);
  const ci = medianInterval(ratios);
  const head = `median pair ratio ${fmt(median(ratios))}× over ${ratios.length} pairs`;
  if (!ci) return `${head} (too few pairs for a 95 % interval)`;
  const pct = (ci.coverage * 100).toFixed(1);
  return `${head}, ${pct} % interval ${fmt(ci.low)}–${fmt(ci.high)}×`;
}

/** How a paired row was measured, for its note. */
export const PAIRED_METHOD =
  'the two run in adjacent pairs (the order alternating pair by pair), the ratio the median of the per-pair ratios, its interval from order statistics (no assumption about the distribution)';

/**
 * One round of runs with and without call sites, side by side (`count` pairs; `run(sites)` gives
 * { warm, cold, cpu }), added to `s`: ours/cold/cpu with sites, noSites/cpuNoSites without.
 */
export async function sitePairs(s, count, index, run) {
  const [withSites, without] = await sideBySide(
    count,
    () => run(true),
    () => run(false),
    index,
  );
  s.ours.push(...withSites.map((o) => o.warm));
  s.cold.push(...withSites.map((o) => o.cold));
  s.cpu.push(...withSites.map((o) => o.cpu));
  s.noSites.push(...without.map((o) => o.warm));
  s.cpuNoSites.push(...without.map((o) => o.cpu));
  // A run's typical hand-off (bench/parts/lock.mjs), when `s` keeps one: the runs with sites.
  s.handOff?.push(...withSites.map((o) => o.handOff));
}

/** Empty sample lists for sitePairs (ours, cold, noSites, cpu, cpuNoSites) and for `more`. */
export function siteSamples(...more) {
  const names = ['ours', 'cold', 'noSites', 'cpu', 'cpuNoSites', ...more];
  return Object.fromEntries(names.map((name) => [name, []]));
}
