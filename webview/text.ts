/** Text on the canvas: measured once per (font, string) and cut with an ellipsis to fit. */
const byFont = new Map<string, Map<string, number>>();

/** Widths per font: labels switch fonts many times a frame, and each font keeps its own entries. */
export function textWidth(ctx: CanvasRenderingContext2D, s: string): number {
  const font = ctx.font;
  let cache = byFont.get(font);
  if (!cache) {
    if (byFont.size > 16) byFont.clear();
    byFont.set(font, (cache = new Map()));
  }
  let w = cache.get(s);
  if (w === undefined) {
    if (cache.size > 20000) cache.clear();
    w = ctx.measureText(s).width;
    cache.set(s, w);
  }
  return w;
}

/** Draws `s` left-aligned in at most `max` px, ellipsized; returns false when nothing fit. */
export function fitText(
  ctx: CanvasRenderingContext2D,
  s: string,
  x: number,
  y: number,
  max: number,
): boolean {
  if (max < 14) return false;
  if (textWidth(ctx, s) <= max) {
    ctx.fillText(s, x, y);
    return true;
  }
  let lo = 0,
    hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (textWidth(ctx, s.slice(0, mid) + '…') <= max) lo = mid;
    else hi = mid - 1;
  }
  if (lo === 0) return false;
  ctx.fillText(s.slice(0, lo) + '…', x, y);
  return true;
}

/** Times are shown in lab seconds: the run's clock times its speed factor (as the narration and CLI do). */
let scale = 1;
export function setTimeScale(s: number): void {
  scale = s > 0 && Number.isFinite(s) ? s : 1;
}
export function timeScale(): number {
  return scale;
}

/** Short, human text for a run-clock duration or time in µs, in lab time. */
export function fmtDur(runUs: number): string {
  if (!Number.isFinite(runUs)) return '…';
  const us = runUs * scale;
  if (us < 1000) return `${Math.round(us)} µs`;
  if (us < 1e6) return `${(us / 1000).toFixed(us < 1e4 ? 2 : 1)} ms`;
  return `${(us / 1e6).toFixed(us < 1e7 ? 3 : 2)} s`;
}

/**
 * An axis label: in one unit for the whole axis, the one fmtDur gives the view's largest time
 * (`viewRunUs`: "0 s, 0.5 s, 1.0 s", not "500 ms, 1.0 s"), with the fewest decimals that tell
 * labels a grid step apart ("1.2 ms" every 0.1 ms, "2 s" every second).
 */
export function fmtAxis(runUs: number, stepRunUs: number, viewRunUs = runUs): string {
  const us = runUs * scale,
    step = stepRunUs * scale;
  // A label from a half step on: 999.9999 µs (float noise of 1 ms) says "1.0 ms".
  const top = Math.max(Math.abs(us) + step / 2, Math.abs(viewRunUs * scale));
  const [div, unit] = top < 1000 ? [1, 'µs'] : top < 1e6 ? [1000, 'ms'] : [1e6, 's'];
  // The origin without decimals ("0 s" before "0.5 s").
  if (Math.abs(us) < step / 2) return `0 ${unit}`;
  const decimals = Math.max(0, Math.ceil(-Math.log10(step / div) - 1e-9));
  return `${(us / div).toFixed(Math.min(decimals, 9))} ${unit}`;
}
