/** Lock tracks: the owner over time and, under it, how many processes wait. */
import type { LockTrack } from '../src/model/timelineLocks';
import {
  forVisibleIntervals,
  forVisiblePoints,
  forVisibleLastPoints,
  forVisibleSteps,
  countInView,
} from './visible';
import { pixelOf, mixPixels, PALE, TRANSPARENT } from './pixels';
import { fitText, textWidth } from './text';
import { procWord, tr } from './i18n';
import type { Frame } from './frame';
import { textOn } from './theme';

const MAX_LEVELS = 6;

/** Owner bar (alternating shades per hold) and waiter levels, as pixel rows. */
export function paintLock(f: Frame, l: LockTrack, y: number, h: number): void {
  const { vp, theme } = f;
  const px = f.pixels,
    dpr = f.batch.dpr;
  const tEnd = Math.min(f.tNow, vp.revealT);
  const { barH, gy, gh } = geometry(f, h);
  const bar = px.row(TRANSPARENT);
  const c1 = pixelOf(theme.c.hold),
    c2 = pixelOf(theme.c.hold2);
  forVisibleIntervals(
    l.holdStart.values,
    l.holdEnd.values,
    l.holdStart.count,
    vp,
    tEnd,
    (i, x0, x1) => px.span(bar, x0 * dpr, x1 * dpr, i % 2 ? c2 : c1),
  );
  px.place(bar, y + 2, barH);
  if (f.compact || l.maxWaiters === 0) return;
  // Waiters: level k is painted where at least k processes wait (scaled to the most ever seen).
  const levels = Math.min(MAX_LEVELS, l.maxWaiters),
    per = l.maxWaiters / levels;
  const rows: number[] = [];
  for (let j = 0; j < levels; j++) rows.push(px.row(TRANSPARENT));
  const red = pixelOf(theme.c.lockWait),
    pale = mixPixels(red, pixelOf(theme.c.bg), PALE);
  // Per pixel: solid up to the mean number waiting, pale up to the most that waited at any moment
  // (brief contention is not averaged away, and is not mistaken for sustained contention).
  forVisibleSteps(
    l.waitT.values,
    l.waitStats,
    l.waitN.values,
    l.waitT.count,
    vp,
    tEnd,
    0,
    (x0, x1, most, mean) => {
      const solid = Math.round(mean / per),
        k = Math.ceil(most / per);
      for (let j = 0; j < k && j < levels; j++)
        px.span(rows[j], x0 * dpr, x1 * dpr, j < solid ? red : pale);
    },
  );
  const lh = gh / levels;
  rows.forEach((r, j) => px.place(r, y + gy + gh - (j + 1) * lh, lh));
}

function geometry(f: Frame, h: number): { barH: number; gy: number; gh: number } {
  const barH = f.compact ? h - 6 : 15;
  return { barH, gy: 2 + barH + 2, gh: h - barH - 6 };
}

/** Owner names and waiter counts as text, over the painted bars. */
export function drawLock(f: Frame, l: LockTrack, y: number, h: number): void {
  const { ctx, vp, theme, m } = f;
  const tEnd = Math.min(f.tNow, vp.revealT);
  const { barH, gy: gy0, gh } = geometry(f, h);
  const top = y + 2,
    gy = y + gy0;
  if (countInView(l.holdStart.values, l.holdStart.count, vp) < vp.width / 40) {
    // The label's colour is picked for the segment it sits on (a pale hold in high contrast).
    const onHold = [textOn(theme.c.hold), textOn(theme.c.hold2)];
    forVisibleIntervals(
      l.holdStart.values,
      l.holdEnd.values,
      l.holdStart.count,
      vp,
      tEnd,
      (i, x0, x1) => {
        ctx.fillStyle = onHold[i % 2];
        if (x1 - x0 > 40)
          fitText(
            ctx,
            procWord(m.procName(l.owner.values[i])),
            Math.max(x0, 0) + 4,
            top + barH / 2,
            Math.min(x1, vp.width) - Math.max(x0, 0) - 8,
          );
      },
    );
  }
  if (f.compact || l.maxWaiters === 0) return;
  const n = l.waitT.count;
  if (countInView(l.waitT.values, n, vp) > vp.width / 30) return;
  ctx.font = `${f.theme.fontSize - 2}px ${f.theme.font}`;
  ctx.fillStyle = theme.c.fg;
  // The count sits on the red waiting bars: a halo of the background keeps it readable.
  ctx.strokeStyle = theme.c.bg;
  ctx.lineWidth = 3;
  ctx.lineJoin = 'round';
  forVisibleLastPoints(l.waitT.values, n, vp, (i, x) => {
    const k = l.waitN.values[i];
    if (k <= 0) return;
    const next = i + 1 < n ? l.waitT.values[i + 1] : tEnd;
    const room = vp.x(Math.min(next, tEnd)) - Math.max(x, 0) - 6;
    // "4 waiting" where it fits, else just "4": a cut "4 wai…" says no more and reads worse.
    const full = `${k} ${tr('waiters')}`,
      text =
        textWidth(ctx, full) <= room ? full : textWidth(ctx, String(k)) <= room ? String(k) : '';
    if (!text) return;
    ctx.strokeText(text, Math.max(x, 0) + 3, gy + gh / 2);
    ctx.fillText(text, Math.max(x, 0) + 3, gy + gh / 2);
  });
  ctx.lineWidth = 1;
  ctx.font = `${f.theme.fontSize}px ${f.theme.font}`;
}

/** Release → acquire arrows between process lanes: who unblocked whom. */
export function drawHandoffs(f: Frame, l: LockTrack): void {
  const { ctx, vp, theme } = f;
  // High contrast themes may give links a colour close to the background: use the foreground.
  const colour = theme.highContrast ? theme.c.fg : theme.c.link;
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = theme.highContrast ? 2 : 1.5;
  forVisiblePoints(l.acqT.values, l.acqT.count, vp, (i) => {
    const y0 = f.laneY.get(l.from.values[i]),
      y1 = f.laneY.get(l.to.values[i]);
    if (y0 === undefined || y1 === undefined) return;
    arrow(ctx, vp.x(l.relT.values[i]), y0, vp.x(l.acqT.values[i]), y1);
  });
  ctx.lineWidth = 1;
}

export function arrow(
  ctx: CanvasRenderingContext2D,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
): void {
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
