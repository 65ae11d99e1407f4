/** Iterating only what is on screen, with at most one sub-pixel item drawn per pixel column. */
import { countLE, countLT, countLTFrom } from '../src/model/timelineColumns';
import type { StepStats } from '../src/model/timelineSteps';
import type { Viewport } from './viewport';

/**
 * Calls fn for intervals [start, end) (sorted by start; end may be Infinity = `tNow`)
 * that intersect the view. When intervals are narrower than a pixel, the rest of that
 * pixel column is skipped, so the cost is bounded by the width in pixels.
 */
export function forVisibleIntervals(
  start: Float64Array,
  end: Float64Array,
  n: number,
  vp: Viewport,
  tNow: number,
  fn: (i: number, x0: number, x1: number) => void,
): void {
  const t1 = Math.min(vp.t1, vp.revealT);
  let i = Math.max(0, countLE(start, n, vp.t0) - 4);
  while (i < n) {
    const s = start[i];
    if (s > t1) break;
    const e = Math.min(end[i] === Infinity ? tNow : end[i], vp.revealT);
    if (e >= vp.t0) {
      const x0 = vp.x(s),
        x1 = vp.x(e);
      fn(i, x0, x1);
      if (x1 - x0 < 1) {
        // Jump to the last interval starting in this pixel column: it may be a long one.
        const next = countLTFrom(start, n, vp.t(Math.floor(x0) + 1), i + 1) - 1;
        if (next > i + 1) {
          i = next;
          continue;
        }
      }
    }
    i++;
  }
}

/** Calls fn for points (sorted times) in view, at most one per pixel column. */
export function forVisiblePoints(
  t: Float64Array,
  n: number,
  vp: Viewport,
  fn: (i: number, x: number) => void,
): void {
  const t1 = Math.min(vp.t1, vp.revealT);
  let i = countLT(t, n, vp.t0);
  while (i < n && t[i] <= t1) {
    const x = vp.x(t[i]);
    fn(i, x);
    i = countLTFrom(t, n, vp.t(Math.floor(x) + 1), i + 1);
  }
}

/** Calls fn for the last point of each pixel column in view: the only one that may begin a step wider than a pixel. */
export function forVisibleLastPoints(
  t: Float64Array,
  n: number,
  vp: Viewport,
  fn: (i: number, x: number) => void,
): void {
  const t1 = Math.min(vp.t1, vp.revealT);
  let i = countLT(t, n, vp.t0);
  while (i < n && t[i] <= t1) {
    const next = countLTFrom(t, n, vp.t(Math.floor(vp.x(t[i])) + 1), i + 1);
    const last = t[next - 1] <= t1 ? next - 1 : countLE(t, next, t1) - 1;
    fn(last, vp.x(t[last]));
    i = next;
  }
}

/** Calls fn for every point in view (for tracks with few enough points to draw each one). */
export function forEachPointInView(
  t: Float64Array,
  n: number,
  vp: Viewport,
  fn: (i: number, x: number) => void,
): void {
  const t1 = Math.min(vp.t1, vp.revealT);
  for (let i = countLT(t, n, vp.t0); i < n && t[i] <= t1; i++) fn(i, vp.x(t[i]));
}

/**
 * A step function (value v[i] from t[i] to t[i + 1], the last to tEnd) as runs [x0, x1) of whole
 * pixel columns: the largest value the column saw (a change shorter than a pixel still shows)
 * and its time-weighted mean. `narrow` is false for a run inside one step at least `wide` px long
 * (room to draw that step itself). Cost: O(columns · log), however many steps are in view.
 */
export function forVisibleSteps(
  t: Float64Array,
  stats: StepStats,
  v: Int32Array,
  n: number,
  vp: Viewport,
  tEnd: number,
  wide: number,
  fn: (x0: number, x1: number, max: number, mean: number, narrow: boolean) => void,
): void {
  const t1 = Math.min(vp.t1, vp.revealT, tEnd);
  const xEnd = vp.x(t1);
  if (n === 0) return;
  let i = countLE(t, n, vp.t0); // steps [0, i) began at or before the column being drawn
  let col = i === 0 ? Math.floor(vp.x(t[0])) : 0;
  let runX0 = 0,
    runX1 = 0,
    runMax = -1,
    runMean = -1,
    runNarrow = false;
  const emit = (x0: number, x1: number, max: number, mean: number, narrow: boolean) => {
    if (x1 <= x0) return;
    if (max === runMax && mean === runMean && narrow === runNarrow && x0 <= runX1) {
      runX1 = x1;
      return;
    }
    if (runX1 > runX0) fn(runX0, runX1, runMax, runMean, runNarrow);
    runX0 = x0;
    runX1 = x1;
    runMax = max;
    runMean = mean;
    runNarrow = narrow;
  };
  while (col < xEnd && col < vp.width) {
    let j = countLTFrom(t, n, vp.t(col + 1), i);
    if (j > i && t[j - 1] > t1) j = countLE(t, j, t1); // not past the run's end or the replay playhead
    const x0 = i === 0 ? Math.max(col, vp.x(t[0])) : col;
    if (j === i) {
      if (i === 0) {
        col++;
        continue;
      }
      // No change in this column: step i - 1 goes on to the column of the next change.
      const stepEnd = i < n ? Math.min(vp.x(t[i]), xEnd) : xEnd;
      const narrow = stepEnd - vp.x(t[i - 1]) < wide;
      const last = i < n ? Math.floor(vp.x(t[i])) : Math.ceil(xEnd);
      emit(x0, Math.min(last, xEnd), v[i - 1], v[i - 1], narrow);
      col = Math.max(last, col + 1);
      continue;
    }
    const inner = stats.max(i, j);
    const a = Math.max(vp.t(col), t[0]),
      b = Math.min(vp.t(col + 1), t1);
    const mean =
      b > a ? (stats.integralAt(j - 1, b) - stats.integralAt(i - 1, a)) / (b - a) : inner;
    emit(x0, Math.min(col + 1, xEnd), i > 0 && v[i - 1] > inner ? v[i - 1] : inner, mean, true);
    i = j;
    col++;
  }
  if (runX1 > runX0) fn(runX0, runX1, runMax, runMean, runNarrow);
}

/** How many points fall in the view (to decide whether to draw arrows and labels). */
export function countInView(t: Float64Array, n: number, vp: Viewport): number {
  return countLE(t, n, Math.min(vp.t1, vp.revealT)) - countLT(t, n, vp.t0);
}
