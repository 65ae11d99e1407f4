/**
 * The rows on screen: the canvas is only as tall as the scroll box shows (a list virtualised like
 * any other), so a recording of 50k tracks costs a viewport of pixels, not its full height. The
 * axis stays at the top; rows scroll under it.
 */
import type { Layout } from './layout';

export interface VisibleLayout extends Layout {
  /** Index in the full layout of the first row shown (rows[i] is full.rows[first + i]). */
  first: number;
  /** CSS px of the full layout scrolled past (0 at the top). */
  scrollTop: number;
  /** The height of the whole layout, for the scroll box. */
  fullHeight: number;
}

/** The rows of `full` that show in a canvas `viewH` px tall scrolled by `scrollTop`, in canvas px. */
export function visibleRows(full: Layout, scrollTop: number, viewH: number): VisibleLayout {
  const top = Math.max(0, Math.min(scrollTop, full.height - viewH));
  const rows = full.rows;
  // First row whose bottom is below the axis line: rows are in y order.
  let lo = 0,
    hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid].y + rows[mid].h - top > full.axis) hi = mid;
    else lo = mid + 1;
  }
  const shown = [];
  for (let i = lo; i < rows.length && rows[i].y - top < viewH; i++)
    shown.push({ ...rows[i], y: rows[i].y - top });
  return {
    rows: shown,
    height: Math.min(viewH, full.height),
    gutter: full.gutter,
    axis: full.axis,
    first: lo,
    scrollTop: top,
    fullHeight: full.height,
  };
}
