/**
 * Level of detail for drawing: spans wider than a pixel are drawn as they are; where
 * several spans share a pixel the pixel gets the state that fills most of it (from the
 * lane's prefix sums), so a frame costs O(pixels · log spans) however long the run.
 */
import type { Lane } from './timelineLanes';
import { countLEFrom } from './timelineColumns';

/** Called once per run of pixels with one state: [x0, x1) in pixels; span = -1 for a merged bucket. */
export type RunSink = (x0: number, x1: number, state: number, span: number) => void;

/**
 * Walks the lane between t0 and t0 + width·usPerPx, emitting runs of constant state.
 * `tNow` ends the last (open) span. Adjacent runs with the same state are merged. `hidden`, when
 * given, is told of each summarized pixel column in which the process also waited (for a lock, a
 * queue, a join) but not for most of it: [x0, x1) and that waiting state.
 */
export function laneRuns(
  lane: Lane,
  t0: number,
  usPerPx: number,
  width: number,
  tNow: number,
  sink: RunSink,
  hidden?: (x0: number, x1: number, state: number) => void,
): void {
  const n = lane.spanCount;
  if (n === 0) return;
  const starts = lane.start.values,
    states = lane.state.values;
  const t1 = Math.min(t0 + width * usPerPx, tNow);
  let i = Math.max(0, lane.spanAt(t0));
  let curX0 = -1,
    curX1 = -1,
    curS = -1,
    curSpan = -1;
  let done = t0; // time already drawn: a summarized pixel must not be drawn twice
  const flush = () => {
    if (curS >= 0 && curX1 > curX0) sink(curX0, curX1, curS, curSpan);
  };
  const emit = (x0: number, x1: number, s: number, span: number) => {
    if (s === curS && x0 <= curX1 + 1e-9) {
      curX1 = x1;
      curSpan = -1;
      return;
    }
    flush();
    curX0 = x0;
    curX1 = x1;
    curS = s;
    curSpan = span;
  };
  while (i < n) {
    const a = Math.max(starts[i], done);
    if (a >= t1) break;
    const b = Math.min(i + 1 < n ? starts[i + 1] : tNow, t1);
    const x0 = (a - t0) / usPerPx,
      x1 = (b - t0) / usPerPx;
    if (x1 - x0 >= 1 || i + 1 >= n) {
      if (b > a) emit(x0, x1, states[i], i);
      done = b;
      i++;
      continue;
    }
    // Sub-pixel span: summarize the whole pixel column it starts in, then skip past it.
    // (the epsilon keeps float error from landing back in the pixel just summarized)
    const px = Math.floor(x0 + 1e-6);
    const pa = t0 + px * usPerPx,
      pb = Math.min(pa + usPerPx, t1);
    const from = Math.max(pa, starts[0]);
    // The spans under the column's edges, found near span i instead of searching the whole lane.
    const ia = spanNear(lane, from, i);
    const ib = countLEFrom(starts, n, pb, i + 1) - 1;
    const s = lane.dominantIn(from, pb, ia, ib);
    if (s >= 0) emit(Math.max(px, x0), (pb - t0) / usPerPx, s, -1);
    if (hidden && s >= 0) {
      const w = lane.hiddenWaitIn(from, pb, ia, ib, s);
      if (w >= 0) hidden(Math.max(px, x0), (pb - t0) / usPerPx, w);
    }
    done = pb;
    i = ib > i ? ib : i + 1;
  }
  flush();
}

/** The span covering t, usually i or the one before it (the column may start in the previous, wide span). */
function spanNear(lane: Lane, t: number, i: number): number {
  const s = lane.start.values,
    n = lane.spanCount;
  if (s[i] <= t) return i + 1 >= n || t < s[i + 1] ? i : lane.spanAt(t);
  return i > 0 && s[i - 1] <= t ? i - 1 : lane.spanAt(t);
}

/** One state per pixel (-1 where the process did not exist): the LOD buckets, for tests and the hook. */
export function laneBuckets(
  lane: Lane,
  t0: number,
  usPerPx: number,
  width: number,
  tNow: number,
): Int8Array {
  const out = new Int8Array(width).fill(-1);
  laneRuns(lane, t0, usPerPx, width, tNow, (x0, x1, s) => {
    for (let x = Math.max(0, Math.floor(x0 + 0.5)); x < Math.min(width, Math.floor(x1 + 0.5)); x++)
      out[x] = s;
  });
  return out;
}
