// One row of the bench table: our figure beside a baseline measured in the same run.
import { summarize } from './stats.mjs';

/**
 * `better`: 'lower' (a time) or 'higher' (a rate). `goal`: the ratio ours/baseline must be
 * ≤ goal (lower) or ≥ goal (higher); null when the baseline is shown for context only.
 * `paired`: sample i of `ours` and of `baseline` were measured side by side (adjacent runs); the
 * ratio is then the median of the per-pair ratios, shown with their spread (pairedRatio).
 */
export function figure({
  part,
  name,
  unit,
  ours,
  baseline,
  baselineName,
  better,
  goal = null,
  paired = false,
  note,
}) {
  const o = summarize(ours);
  const b = baseline ? summarize(baseline) : null;
  const pairRatios = paired && baseline ? pairedRatio(ours, baseline) : null;
  const ratio = pairRatios ? pairRatios.median : b ? o.median / b.median : null;
  let verdict = 'info';
  if (goal !== null && ratio !== null)
    verdict = (better === 'lower' ? ratio <= goal : ratio >= goal) ? 'PASS' : 'MISS';
  return {
    part,
    name,
    unit,
    ours: o,
    baselineName: baselineName ?? null,
    baseline: b,
    ratio,
    pairRatios,
    better,
    goal: goal === null ? null : `${better === 'lower' ? '≤' : '≥'} ${goal}×`,
    verdict,
    note: note ?? null,
  };
}

/**
 * The ratios ours[i] / baseline[i] of runs made side by side, summarized ({ median, min, max,
 * samples }). Load on a shared machine drifts over seconds: it moves both runs of a pair alike,
 * so their ratio keeps little of it, where a ratio of two medians taken over minutes keeps it all
 * (one busy moment on one side is a gap between the medians). The median of the pair ratios
 * ignores the pairs a burst of load hit in one run only, in either direction.
 */
export function pairedRatio(ours, baseline) {
  if (ours.length !== baseline.length || ours.length === 0)
    throw new Error(
      `paired figures need as many samples on each side (${ours.length}, ${baseline.length})`,
    );
  return summarize(ours.map((x, i) => x / baseline[i]));
}

/** A figure with an absolute goal (no baseline): `limit` in the figure's unit. */
export function absolute({ part, name, unit, ours, limit, better = 'lower', note }) {
  const o = summarize(ours);
  const ok = better === 'lower' ? o.median <= limit : o.median >= limit;
  return {
    part,
    name,
    unit,
    ours: o,
    baselineName: null,
    baseline: null,
    ratio: null,
    better,
    goal: `${better === 'lower' ? '≤' : '≥'} ${limit} ${unit}`,
    verdict: ok ? 'PASS' : 'MISS',
    note: note ?? null,
  };
}
