// Median and spread of repeated measurements: these machines are noisy, one sample proves nothing.

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** { median, min, max, samples } of a list of numbers. */
export function summarize(samples) {
  return { median: median(samples), min: Math.min(...samples), max: Math.max(...samples), samples };
}

/** Runs `fn` (async, returning a number) `n` times in sequence and summarizes. */
export async function repeat(n, fn) {
  const samples = [];
  for (let i = 0; i < n; i++) samples.push(await fn(i));
  return summarize(samples);
}

/** p-th percentile (0..100) of a list, nearest rank. */
export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/**
 * A confidence interval of the median that assumes nothing about the distribution: the k-th
 * smallest and k-th largest samples, for the largest k whose coverage, 1 − 2·P(Binomial(n, ½) < k),
 * is still at least `level`. Null when even the whole range covers less (fewer than 6 samples
 * for 95 %). Returns { low, high, coverage }.
 */
export function medianInterval(xs, level = 0.95) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  let best = null;
  let ways = 1; // n choose j
  let below = 0; // P(Binomial(n, ½) ≤ j)
  for (let j = 0; j < n / 2; j++) {
    if (j > 0) ways = (ways * (n - j + 1)) / j;
    below += ways / 2 ** n;
    const coverage = 1 - 2 * below;
    if (coverage < level) break;
    best = { low: s[j], high: s[n - 1 - j], coverage };
  }
  return best;
}
