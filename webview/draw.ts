/** One frame of the canvas: axis, rows, arrows, diagnoses and the playhead. */
import type { Frame } from './frame';
import { paintLane, drawLaneOverlay } from './drawLanes';
import { drawRaceWindows, drawPrintMarks, drawStepMarks } from './drawLaneMarks';
import { drawPreemptions } from './preemptions';
import { drawGutter } from './drawGutter';
import { paintLock, drawLock, drawHandoffs } from './drawLocks';
import { drawQueue, drawPutGet, paintQueue } from './drawQueues';
import { drawFile, drawDiags, paintFile } from './drawFiles';
import { drawSync, drawWakeups, paintSync } from './drawSyncs';
import { drawPoolTasks } from './drawPoolTasks';
import { countInView } from './visible';
import { fmtAxis, textWidth, timeScale } from './text';
import { pixelOf } from './pixels';

const MAX_ARROWS = 400;

export function drawFrame(f: Frame, hoverRow: number): void {
  const { ctx, vp, theme, lay, m } = f;
  const W = lay.gutter + vp.width,
    H = lay.height;
  ctx.textBaseline = 'middle';
  ctx.font = `${theme.fontSize}px ${theme.font}`;
  const clipW = Math.min(vp.width, Math.max(0, vp.x(vp.revealT)));
  const visibleW = Number.isFinite(clipW) ? clipW : vp.width;
  // Clearing first lets the canvas drop drawing still queued from a frame that was never shown.
  // The gutter and the plot are then covered by their own images: only the part of the plot past
  // the replay playhead is filled here.
  ctx.clearRect(0, 0, W, H);
  const restX = lay.gutter + Math.floor(visibleW * f.batch.dpr) / f.batch.dpr,
    restW = W - restX;
  if (restW > 0) {
    ctx.fillStyle = theme.c.bg;
    ctx.fillRect(restX, 0, restW, H);
  }
  f.laneY.clear();
  for (const r of lay.rows) if (r.kind === 'lane') f.laneY.set(r.proc, r.y + r.h / 2);
  // The plot's pixels: row backgrounds, grid and bars (see pixels.ts); text and marks go on top.
  const pix = f.pixels;
  pix.begin(vp.width, H, f.batch.dpr, pixelOf(theme.c.bg));
  lay.rows.forEach((r, i) => {
    if (r.kind === 'header') {
      pix.fillLines(r.y + r.h - 1, 1, pixelOf(theme.c.grid));
      if (restW > 0) {
        ctx.fillStyle = theme.c.grid;
        ctx.fillRect(restX, r.y + r.h - 1, restW, 1);
      }
    } else if ((r.kind === 'lane' && r.index % 2 === 1) || i === hoverRow) {
      pix.fillLines(r.y, r.h, pixelOf(theme.c.rowAlt));
      if (restW > 0) {
        ctx.fillStyle = theme.c.rowAlt;
        ctx.fillRect(restX, r.y, restW, r.h);
      }
    }
  });

  // The plot: translated past the gutter and clipped to it (and to the replay playhead).
  ctx.save();
  ctx.translate(lay.gutter, 0);
  ctx.beginPath();
  ctx.rect(0, 0, visibleW, H);
  ctx.clip();
  const step = axisStep(vp.usPerPx);
  drawGrid(f, step);
  const fileRows = new Map<number, { y: number; h: number }>();
  for (const r of lay.rows)
    if (r.kind === 'lane')
      paintLane(
        f,
        m.lanes[r.index],
        r.y,
        r.h,
        r.index % 2 === 1 || lay.rows[hoverRow] === r ? theme.c.rowAlt : theme.c.bg,
      );
  for (const r of lay.rows) {
    if (r.kind === 'lock') paintLock(f, m.locks.get(r.obj)!, r.y, r.h);
    else if (r.kind === 'queue') paintQueue(f, m.queues.get(r.obj)!, r.y, r.h, r.slots ?? 1);
    else if (r.kind === 'file') paintFile(f, m.files.get(r.obj)!, r.y, r.h);
    else if (r.kind === 'sync') paintSync(f, m.syncs.get(r.obj)!, r.y, r.h);
  }
  pix.flush(ctx, lay.gutter, visibleW);
  drawAxisLabels(f, step);
  f.batch.flush(ctx);
  for (const r of lay.rows) {
    if (r.kind === 'lane') {
      drawRaceWindows(f, m.lanes[r.index], r.y, r.h);
      drawLaneOverlay(f, m.lanes[r.index], r.y, r.h);
      drawPrintMarks(f, m.lanes[r.index], r.y);
      drawStepMarks(f, m.lanes[r.index], r.y, r.h);
      drawPreemptions(f, m.lanes[r.index], r.y);
    } else if (r.kind === 'lock') drawLock(f, m.locks.get(r.obj)!, r.y, r.h);
    else if (r.kind === 'queue') drawQueue(f, m.queues.get(r.obj)!, r.y, r.h, r.slots ?? 1);
    else if (r.kind === 'sync') drawSync(f, m.syncs.get(r.obj)!, r.y, r.h);
    else if (r.kind === 'file') {
      drawFile(f, m.files.get(r.obj)!, r.y, r.h);
      fileRows.set(r.obj, r);
    }
  }
  // Arrows only when few enough to read (level of detail for links).
  for (const l of m.locks.values())
    if (countInView(l.acqT.values, l.acqT.count, vp) <= MAX_ARROWS) drawHandoffs(f, l);
  for (const q of m.queues.values())
    if (countInView(q.getT.values, q.getT.count, vp) <= MAX_ARROWS) drawPutGet(f, q);
  for (const s of m.syncs.values())
    if (countInView(s.toT.values, s.toT.count, vp) <= MAX_ARROWS) drawWakeups(f, s);
  const laneH = lay.rows.find((r) => r.kind === 'lane')?.h ?? 24;
  for (const p of m.pools.values()) drawPoolTasks(f, p, laneH);
  drawDiags(f, fileRows);
  ctx.restore();
  // Text last: queued text would otherwise have to be rasterized before the pixels are put.
  drawGutter(f, hoverRow);

  if (lay.scrollTop > 0) coverAxisBand(f, step, visibleW);

  // Playhead over everything (not clipped, so it stays visible while replaying).
  const px = lay.gutter + vp.x(vp.playhead);
  if (px >= lay.gutter && px <= W) {
    ctx.fillStyle = theme.c.playhead;
    ctx.fillRect(px - 1, 0, 2, H);
    ctx.beginPath();
    ctx.moveTo(px - 6, 0);
    ctx.lineTo(px + 6, 0);
    ctx.lineTo(px, 9);
    ctx.fill();
  }
  ctx.fillStyle = theme.c.grid;
  ctx.fillRect(lay.gutter - 1, 0, 1, H);
}

/** Scrolled: rows pass under the axis, which stays on top (its band is drawn again over them). */
function coverAxisBand(f: Frame, step: number, visibleW: number): void {
  const { ctx, theme, lay, vp } = f;
  ctx.fillStyle = theme.c.bg;
  ctx.fillRect(0, 0, lay.gutter + vp.width, lay.axis);
  ctx.fillStyle = theme.c.grid;
  ctx.fillRect(0, lay.axis - 1, lay.gutter + vp.width, 1);
  ctx.save();
  ctx.translate(lay.gutter, 0);
  ctx.beginPath();
  ctx.rect(0, 0, visibleW, lay.axis);
  ctx.clip();
  drawAxisLabels(f, step);
  ctx.restore();
}

function niceStep(usPerPx: number): number {
  const target = usPerPx * 90;
  const p = Math.pow(10, Math.floor(Math.log10(target)));
  for (const k of [1, 2, 5, 10]) if (k * p >= target) return k * p;
  return 10 * p;
}

/** Time between grid lines: a round number of lab seconds about 90 px apart. */
function axisStep(usPerPx: number): number {
  return niceStep(usPerPx * timeScale()) / timeScale();
}

/** Grid lines and the axis rule, as pixels under the bars. */
function drawGrid(f: Frame, step: number): void {
  const { vp, theme, lay } = f;
  for (let k = Math.ceil(vp.t0 / step); k * step <= vp.t1; k++) {
    const x = Math.round(vp.x(k * step));
    f.pixels.vline(x, lay.axis - 6, lay.height - lay.axis + 6, theme.c.grid);
  }
  f.pixels.fillLines(lay.axis - 1, 1, pixelOf(theme.c.grid));
}

/**
 * A label right of each grid line; one that would run past the plot's right edge is left out
 * rather than cut, since a cut label ("10.8") reads as another time.
 */
function drawAxisLabels(f: Frame, step: number): void {
  const { ctx, vp, theme, lay } = f;
  ctx.font = `${theme.fontSize - 2}px ${theme.font}`;
  ctx.fillStyle = theme.c.muted;
  const view = Math.max(Math.abs(vp.t0), Math.abs(vp.t1));
  // Each line at k steps (not a running sum, whose rounding errors would reach the labels).
  for (let k = Math.ceil(vp.t0 / step); k * step <= vp.t1; k++) {
    const t = k * step;
    if (t < 0) continue;
    const text = fmtAxis(t, step, view);
    const x = Math.round(vp.x(t)) + 3.5;
    if (x + textWidth(ctx, text) > vp.width) continue;
    ctx.fillText(text, x, lay.axis / 2);
  }
  ctx.font = `${theme.fontSize}px ${theme.font}`;
}
