// One row of the bench table: our figure beside a baseline measured in the same run.
import { summarize } from './stats.mjs';

/**
 * `better`: 'lower' (a time) or 'higher' (a rate). `goal`: the ratio ours/baseline must be
 * ≤ goal (lower) or ≥ goal (higher); null when the baseline is shown for context only.
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
  note,
}) {
  const o = summarize(ours);
  const b = baseline ? summarize(baseline) : null;
  const ratio = b ? o.median / b.median : null;
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
    better,
    goal: goal === null ? null : `${better === 'lower' ? '≤' : '≥'} ${goal}×`,
    verdict,
    note: note ?? null,
  };
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
