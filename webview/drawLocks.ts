/** Lock tracks: the owner over time and, under it, how many processes wait. */
import type { LockTrack } from '../src/model/timelineLocks';
import { forVisibleIntervals, forVisiblePoints } from './visible';
import { fitText } from './text';
import type { Frame } from './frame';

export function drawLock(f: Frame, l: LockTrack, y: number, h: number): void {
  const { ctx, vp, theme, m } = f;
  const tEnd = Math.min(f.tNow, vp.revealT);
  const barH = f.compact ? h - 6 : 15;
  const top = y + 2;
  const labels: [number, number, number][] = [];
  forVisibleIntervals(l.holdStart.a, l.holdEnd.a, l.holdStart.n, vp, tEnd, (i, x0, x1) => {
    f.batch.add(i % 2 ? theme.c.hold2 : theme.c.hold, x0, top, Math.max(1, x1 - x0), barH);
    if (x1 - x0 > 40) labels.push([i, x0, x1]);
  });
  f.batch.flush(ctx);
  for (const [i, x0, x1] of labels) {
    {
      ctx.fillStyle = theme.c.itemText;
      fitText(ctx, m.procName(l.owner.a[i]), Math.max(x0, 0) + 4, top + barH / 2, Math.min(x1, vp.width) - Math.max(x0, 0) - 8);
    }
  }
  if (f.compact || l.maxWaiters === 0) return;
  // Waiters: a step chart scaled to the most waiters ever seen, labelled with the count.
  const gy = top + barH + 2, gh = h - barH - 6;
  const n = l.waitT.n;
  forVisiblePoints(l.waitT.a, n, vp, (i, x) => {
    const k = l.waitN.a[i];
    if (k === 0) return;
    const next = i + 1 < n ? l.waitT.a[i + 1] : tEnd;
    const x1 = vp.x(Math.min(next, tEnd));
    const bh = Math.max(2, (gh * k) / l.maxWaiters);
    f.batch.add(theme.c.lockWait, x, gy + gh - bh, Math.max(1, x1 - x), bh);
  });
  f.batch.flush(ctx);
  // Counts as text where there is room (a second pass so text sits on top).
  ctx.font = `${f.theme.fontSize - 2}px ${f.theme.font}`;
  forVisiblePoints(l.waitT.a, n, vp, (i, x) => {
    const k = l.waitN.a[i];
    const next = i + 1 < n ? l.waitT.a[i + 1] : tEnd;
    const w = vp.x(Math.min(next, tEnd)) - x;
    if (k > 0 && w > 34) { ctx.fillStyle = theme.c.fg; fitText(ctx, `${k} ⧖`, Math.max(x, 0) + 3, gy + gh / 2, w - 4); }
  });
  ctx.font = `${f.theme.fontSize}px ${f.theme.font}`;
}

/** Release → acquire arrows between process lanes: who unblocked whom. */
export function drawHandoffs(f: Frame, l: LockTrack): void {
  const { ctx, vp, theme } = f;
  ctx.strokeStyle = theme.c.link;
  ctx.fillStyle = theme.c.link;
  ctx.lineWidth = 1.5;
  forVisiblePoints(l.acqT.a, l.acqT.n, vp, (i) => {
    const y0 = f.laneY.get(l.from.a[i]), y1 = f.laneY.get(l.to.a[i]);
    if (y0 === undefined || y1 === undefined) return;
    arrow(ctx, vp.x(l.relT.a[i]), y0, vp.x(l.acqT.a[i]), y1);
  });
  ctx.lineWidth = 1;
}

export function arrow(ctx: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number): void {
  const mx = (x0 + x1) / 2 + 6;
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.bezierCurveTo(mx, y0, mx, y1, x1, y1);
  ctx.stroke();
  const dir = y1 >= y0 ? 1 : -1;
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(x1 - 4, y1 - 6 * dir);
  ctx.lineTo(x1 + 4, y1 - 6 * dir);
  ctx.closePath();
  ctx.fill();
}
