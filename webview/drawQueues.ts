/** Queue tracks: contents as slots with item values, capacity, blocked putters and getters. */
import { formatValue } from '../src/protocol/preview';
import type { QueueTrack } from '../src/model/timelineQueues';
import {
  forVisibleIntervals,
  forVisiblePoints,
  forVisibleLastPoints,
  forVisibleSteps,
} from './visible';
import { fitText, textWidth } from './text';
import type { Frame } from './frame';
import { arrow } from './drawLocks';
import { pixelOf, mixPixels, PALE, TRANSPARENT } from './pixels';

/** A queue state narrower than this is painted as depth levels, not as cells with values. */
const CELL_MIN_PX = 6;

export function drawQueue(f: Frame, q: QueueTrack, y: number, h: number, slots: number): void {
  const { ctx, vp, theme } = f;
  const tEnd = Math.min(f.tNow, vp.revealT);
  const slotH = (h - 8) / slots;
  const top = y + 4;
  // Capacity frame: a full queue fills every slot.
  ctx.strokeStyle = theme.c.grid;
  ctx.strokeRect(0.5, top - 0.5, vp.width - 1, slots * slotH + 1);
  ctx.font = `${theme.fontSize - 2}px ${theme.font}`;
  const n = q.depthT.count;
  forVisibleLastPoints(q.depthT.values, n, vp, (i, x) => {
    const t = q.depthT.values[i];
    const next = i + 1 < n ? Math.min(q.depthT.values[i + 1], tEnd) : tEnd;
    const x1 = vp.x(next);
    const w = Math.max(1, x1 - x);
    const depth = q.depthN.values[i];
    if (depth === 0) return;
    if (w < CELL_MIN_PX) return; // too narrow for cells: painted as depth levels by paintQueue
    const idx = q.contentIdxAt(t, slots); // the cells drawn; `depth` says how many there are
    for (let k = 0; k < idx.length; k++) {
      const more = k === slots - 1 && depth > slots;
      const v = q.putValue[idx[k]];
      const cy = top + k * slotH;
      ctx.fillStyle = v === null ? theme.c.none : theme.c.item;
      ctx.fillRect(x + 0.5, cy + 0.5, w - 1, slotH - 1);
      const label = more ? `+${depth - slots + 1}` : v === null ? 'None' : formatValue(v);
      if (w > 16 && slotH >= 10) {
        ctx.fillStyle = theme.c.itemText;
        fitText(
          ctx,
          label,
          Math.max(x, 0) + 3,
          cy + slotH / 2,
          Math.min(x1, vp.width) - Math.max(x, 0) - 5,
        );
      }
    }
  });
  // Blocked putters along the top edge, blocked getters along the bottom edge.
  ctx.fillStyle = theme.c.putWait;
  forVisibleIntervals(
    q.putWaits.start.values,
    q.putWaits.end.values,
    q.putWaits.length,
    vp,
    tEnd,
    (_i, x0, x1) => ctx.fillRect(x0, top - 3, Math.max(1, x1 - x0), 3),
  );
  ctx.fillStyle = theme.c.getWait;
  forVisibleIntervals(
    q.getWaits.start.values,
    q.getWaits.end.values,
    q.getWaits.length,
    vp,
    tEnd,
    (_i, x0, x1) => ctx.fillRect(x0, top + slots * slotH, Math.max(1, x1 - x0), 3),
  );
  if (q.joinable) drawUnfinished(f, q, top, slots * slotH, tEnd);
  ctx.font = `${theme.fontSize}px ${theme.font}`;
}

/** Where segments are too narrow for cells, the depth as stacked levels of pixels (one row per slot). */
export function paintQueue(f: Frame, q: QueueTrack, y: number, h: number, slots: number): void {
  const { vp, theme } = f;
  const px = f.pixels,
    dpr = f.batch.dpr;
  const tEnd = Math.min(f.tNow, vp.revealT);
  const slotH = (h - 8) / slots;
  const rows: number[] = [];
  for (let k = 0; k < slots; k++) rows.push(px.row(TRANSPARENT));
  const color = pixelOf(theme.c.item),
    pale = mixPixels(color, pixelOf(theme.c.bg), PALE);
  // Per pixel: solid to the mean depth, pale to the deepest it got; steps wide enough for cells are left to drawQueue.
  forVisibleSteps(
    q.depthT.values,
    q.depthStats,
    q.depthN.values,
    q.depthT.count,
    vp,
    tEnd,
    CELL_MIN_PX,
    (x0, x1, most, mean, narrow) => {
      if (!narrow) return;
      const solid = Math.round(mean);
      for (let k = 0; k < Math.min(slots, most); k++)
        px.span(rows[k], x0 * dpr, x1 * dpr, k < solid ? color : pale);
    },
  );
  rows.forEach((r, k) => px.place(r, y + 4 + k * slotH, slotH));
}

/** JoinableQueue: the unfinished-task count written where it changes. */
function drawUnfinished(f: Frame, q: QueueTrack, top: number, h: number, tEnd: number): void {
  const { ctx, vp, theme } = f;
  ctx.fillStyle = theme.c.fg;
  let lastX = -1e9;
  forVisiblePoints(q.unfT.values, q.unfT.count, vp, (i, x) => {
    const label = `⟳${q.unfN.values[i]}`;
    if (x - lastX < textWidth(ctx, label) + 6 || x > vp.x(tEnd)) return;
    ctx.fillStyle = theme.c.joinWait;
    ctx.fillRect(x, top + h - 2, 1, 2);
    ctx.fillStyle = theme.c.fg;
    ctx.fillText(label, x + 2, top + h + 9);
    lastX = x;
  });
}

/** Arrows from each put to the get that received the item, across process lanes. */
export function drawPutGet(f: Frame, q: QueueTrack): void {
  const { ctx, vp, theme } = f;
  ctx.strokeStyle = theme.c.item;
  ctx.fillStyle = theme.c.item;
  ctx.setLineDash([4, 3]);
  forVisiblePoints(q.getT.values, q.getT.count, vp, (i) => {
    const p = q.getPut.values[i];
    if (p < 0) return;
    const y0 = f.laneY.get(q.putProc.values[p]),
      y1 = f.laneY.get(q.getProc.values[i]);
    if (y0 === undefined || y1 === undefined || y0 === y1) return;
    arrow(ctx, vp.x(q.putT.values[p]), y0, vp.x(q.getT.values[i]), y1);
  });
  ctx.setLineDash([]);
}
