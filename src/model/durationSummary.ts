/** Min / avg / p95 / max of a set of durations, in microseconds. All zero when `count` is 0. */
export interface DurationSummary {
  count: number;
  totalUs: number;
  minUs: number;
  avgUs: number;
  /** Nearest-rank 95th percentile: the smallest value at or above 95% of the samples. */
  p95Us: number;
  maxUs: number;
}

/** Nearest-rank percentile of ascending-sorted values (p in 0..100). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarizeDurations(values: readonly number[]): DurationSummary {
  const n = values.length;
  if (n === 0) return { count: 0, totalUs: 0, minUs: 0, avgUs: 0, p95Us: 0, maxUs: 0 };
  const sorted = Float64Array.from(values).sort();
  let total = 0;
  for (let i = 0; i < n; i++) total += sorted[i];
  return {
    count: n,
    totalUs: total,
    minUs: sorted[0],
    avgUs: total / n,
    p95Us: percentile(sorted, 95),
    maxUs: sorted[n - 1],
  };
}
