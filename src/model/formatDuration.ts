/** A duration in microseconds as short human text: "850 µs", "1.25 ms", "15.2 s", "2 min 5 s". */
export function formatDuration(us: number): string {
  if (!Number.isFinite(us)) return '—';
  if (us < 0) return `-${formatDuration(-us)}`;
  if (us < 999.5) return `${Math.round(us)} µs`;
  if (us < 999_500) return `${threeDigits(us / 1_000)} ms`;
  if (us < 59_950_000) return `${threeDigits(us / 1_000_000)} s`;
  const totalSec = Math.round(us / 1_000_000);
  if (totalSec < 3_600) return `${Math.floor(totalSec / 60)} min ${totalSec % 60} s`;
  const totalMin = Math.round(totalSec / 60);
  return `${Math.floor(totalMin / 60)} h ${totalMin % 60} min`;
}

/** Three significant digits without trailing zeros: 1.50 → "1.5", 125.4 → "125". */
function threeDigits(x: number): string {
  return String(Number(x.toPrecision(3)));
}
