/** One frame of the canvas: axis, rows, arrows, diagnoses and the playhead. */
import type { Frame } from './frame';
import { paintLane, drawLaneOverlay, drawLaneLabel } from './drawLanes';
import { paintLock, drawLock, drawHandoffs } from './drawLocks';
import { drawQueue, drawPutGet, paintQueue } from './drawQueues';
import { drawFile, drawDiags, paintFile } from './drawFiles';
import { countInView } from './visible';
import { fitText, fmtDur, timeScale } from './text';
import { tr } from './i18n';

const MAX_ARROWS = 400;

export function drawFrame(f: Frame, hoverRow: number): void {
  const { ctx, vp, theme, lay, m } = f;
  const W = lay.gutter + vp.width, H = lay.height;
  ctx.textBaseline = 'middle';
  ctx.font = `${theme.fontSize}px ${theme.font}`;
  ctx.fillStyle = theme.c.bg;
  ctx.fillRect(0, 0, W, H);
  f.laneY.clear();
  for (const r of lay.rows) if (r.kind === 'lane') f.laneY.set(r.proc, r.y + r.h / 2);

  // Gutter labels and row backgrounds.
  lay.rows.forEach((r, i) => {
    if (r.kind === 'header') {
      ctx.fillStyle = theme.c.muted;
      ctx.font = `600 ${theme.fontSize - 1}px ${theme.font}`;
      ctx.fillText(tr(r.label).toUpperCase(), 10, r.y + r.h / 2 + 2);
      ctx.fillStyle = theme.c.grid;
      ctx.fillRect(0, r.y + r.h - 1, W, 1);
      ctx.font = `${theme.fontSize}px ${theme.font}`;
      return;
    }
    if ((r.kind === 'lane' && r.index % 2 === 1) || i === hoverRow) {
      ctx.fillStyle = theme.c.rowAlt;
      ctx.fillRect(0, r.y, W, r.h);
    }
    if (r.kind === 'lane') { drawLaneLabel(f, m.lanes[r.index], r.y, r.h, lay.gutter); return; }
    ctx.fillStyle = theme.c.fg;
    ctx.font = `600 ${theme.fontSize}px ${theme.font}`;
    const name = r.kind === 'lock' ? m.locks.get(r.obj)!.name : r.kind === 'queue' ? m.queues.get(r.obj)!.name : m.files.get(r.obj)!.name;
    fitText(ctx, name, 10, r.y + 11, lay.gutter - 16);
    ctx.font = `${theme.fontSize - 2}px ${theme.font}`;
    ctx.fillStyle = theme.c.muted;
    fitText(ctx, subtitle(f, r.kind, r.obj), 10, r.y + 25, lay.gutter - 16);
    ctx.font = `${theme.fontSize}px ${theme.font}`;
  });

  // The plot: translated past the gutter and clipped to it (and to the replay playhead).
  ctx.save();
  ctx.translate(lay.gutter, 0);
  ctx.beginPath();
  const clipW = Math.min(vp.width, Math.max(0, vp.x(vp.revealT)));
  ctx.rect(0, 0, Number.isFinite(clipW) ? clipW : vp.width, H);
  ctx.clip();
  drawAxis(f);
  const fileRows = new Map<number, { y: number; h: number }>();
  f.pixels.begin(Math.round(vp.width * f.batch.dpr));
  for (const r of lay.rows) if (r.kind === 'lane') paintLane(f, m.lanes[r.index], r.y, r.h, (r.index % 2 === 1 || lay.rows[hoverRow] === r) ? theme.c.rowAlt : theme.c.bg);
  for (const r of lay.rows) {
    if (r.kind === 'lock') paintLock(f, m.locks.get(r.obj)!, r.y, r.h);
    else if (r.kind === 'queue') paintQueue(f, m.queues.get(r.obj)!, r.y, r.h, r.slots ?? 1);
    else if (r.kind === 'file') paintFile(f, m.files.get(r.obj)!, r.y, r.h);
  }
  f.pixels.flush(ctx);
  f.batch.flush(ctx);
  for (const r of lay.rows) {
    if (r.kind === 'lane') drawLaneOverlay(f, m.lanes[r.index], r.y, r.h);
    else if (r.kind === 'lock') drawLock(f, m.locks.get(r.obj)!, r.y, r.h);
    else if (r.kind === 'queue') drawQueue(f, m.queues.get(r.obj)!, r.y, r.h, r.slots ?? 1);
    else if (r.kind === 'file') { drawFile(f, m.files.get(r.obj)!, r.y, r.h); fileRows.set(r.obj, r); }
  }
  // Arrows only when few enough to read (level of detail for links).
  for (const l of m.locks.values()) if (countInView(l.acqT.a, l.acqT.n, vp) <= MAX_ARROWS) drawHandoffs(f, l);
  for (const q of m.queues.values()) if (countInView(q.getT.a, q.getT.n, vp) <= MAX_ARROWS) drawPutGet(f, q);
  drawDiags(f, fileRows);
  ctx.restore();

  // Playhead over everything (not clipped, so it stays visible while replaying).
  const px = lay.gutter + vp.x(vp.playhead);
  if (px >= lay.gutter && px <= W) {
    ctx.fillStyle = theme.c.playhead;
    ctx.fillRect(px - 1, 0, 2, H);
    ctx.beginPath();
    ctx.moveTo(px - 6, 0); ctx.lineTo(px + 6, 0); ctx.lineTo(px, 9); ctx.fill();
  }
  ctx.fillStyle = theme.c.grid;
  ctx.fillRect(lay.gutter - 1, 0, 1, H);
}

function subtitle(f: Frame, kind: 'lock' | 'queue' | 'file', obj: number): string {
  const { m } = f;
  if (kind === 'lock') { const l = m.locks.get(obj)!; return `${tr('lock')} · max ${l.maxWaiters} ${tr('waiters')}`; }
  if (kind === 'queue') {
    const q = m.queues.get(obj)!;
    return `${q.joinable ? 'JoinableQueue' : 'Queue'} · ${q.maxsize ? `${tr('maxsize')} ${q.maxsize}` : tr('unbounded')}`;
  }
  return tr('file');
}

function niceStep(usPerPx: number): number {
  const target = usPerPx * 90;
  const p = Math.pow(10, Math.floor(Math.log10(target)));
  for (const k of [1, 2, 5, 10]) if (k * p >= target) return k * p;
  return 10 * p;
}

function drawAxis(f: Frame): void {
  const { ctx, vp, theme, lay } = f;
  const step = niceStep(vp.usPerPx * timeScale()) / timeScale();
  ctx.fillStyle = theme.c.bg;
  ctx.fillRect(0, 0, vp.width, lay.axis);
  ctx.font = `${theme.fontSize - 2}px ${theme.font}`;
  for (let t = Math.ceil(vp.t0 / step) * step; t <= vp.t1; t += step) {
    const x = Math.round(vp.x(t)) + 0.5;
    ctx.fillStyle = theme.c.grid;
    ctx.fillRect(x, lay.axis - 6, 1, lay.height - lay.axis + 6);
    ctx.fillStyle = theme.c.muted;
    ctx.fillText(t < 0 ? '' : fmtDur(t), x + 3, lay.axis / 2);
  }
  ctx.fillStyle = theme.c.grid;
  ctx.fillRect(0, lay.axis - 1, vp.width, 1);
  ctx.font = `${theme.fontSize}px ${theme.font}`;
}
