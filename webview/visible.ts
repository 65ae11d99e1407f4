/** Iterating only what is on screen, with at most one sub-pixel item drawn per pixel column. */
import { countLE, countLT } from '../src/model/timelineColumns';
import type { Viewport } from './viewport';

/**
 * Calls fn for intervals [start, end) (sorted by start; end may be Infinity = `tNow`)
 * that intersect the view. When intervals are narrower than a pixel, the rest of that
 * pixel column is skipped, so the cost is bounded by the width in pixels.
 */
export function forVisibleIntervals(start: Float64Array, end: Float64Array, n: number, vp: Viewport, tNow: number,
  fn: (i: number, x0: number, x1: number) => void): void {
  const t1 = Math.min(vp.t1, vp.revealT);
  let i = Math.max(0, countLE(start, n, vp.t0) - 4);
  while (i < n) {
    const s = start[i];
    if (s > t1) break;
    const e = Math.min(end[i] === Infinity ? tNow : end[i], vp.revealT);
    if (e >= vp.t0) {
      const x0 = vp.x(s), x1 = vp.x(e);
      fn(i, x0, x1);
      if (x1 - x0 < 1) {
        // Jump to the last interval starting in this pixel column: it may be a long one.
        const next = countLT(start, n, vp.t(Math.floor(x0) + 1)) - 1;
        if (next > i + 1) { i = next; continue; }
      }
    }
    i++;
  }
}

/** Calls fn for points (sorted times) in view, at most one per pixel column. */
export function forVisiblePoints(t: Float64Array, n: number, vp: Viewport, fn: (i: number, x: number) => void): void {
  const t1 = Math.min(vp.t1, vp.revealT);
  let i = countLT(t, n, vp.t0);
  while (i < n && t[i] <= t1) {
    const x = vp.x(t[i]);
    fn(i, x);
    const next = countLT(t, n, vp.t(Math.floor(x) + 1));
    i = next > i + 1 ? next : i + 1;
  }
}

/** How many points fall in the view (to decide whether to draw arrows and labels). */
export function countInView(t: Float64Array, n: number, vp: Viewport): number {
  return countLE(t, n, Math.min(vp.t1, vp.revealT)) - countLT(t, n, vp.t0);
}
