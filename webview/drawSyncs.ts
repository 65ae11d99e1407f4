/**
 * Tracks of Semaphores, Events, Conditions and Barriers: the level over time as a filled step
 * (a semaphore's count, an event's flag, a barrier's arrivals, a condition's waiters), its value
 * as text where it changes, broken marks, and wake-up arrows between process lanes.
 */
import type { SyncTrack } from '../src/model/timelineSyncs';
import { forVisiblePoints, forVisibleLastPoints, countInView } from './visible';
import { pixelOf, mixPixels, PALE, TRANSPARENT } from './pixels';
import { textWidth } from './text';
import { arrow } from './drawLocks';
import type { Frame } from './frame';

/** The level as bars scaled to the most it ever was: pale for a semaphore's free units. */
export function paintSync(f: Frame, s: SyncTrack, y: number, h: number): void {
  const { vp, theme } = f;
  const px = f.pixels,
    dpr = f.batch.dpr;
  const tEnd = Math.min(f.tNow, vp.revealT);
  const levels = Math.max(1, Math.min(6, s.maxLevel));
  const per = s.maxLevel / levels;
  const rows: number[] = [];
  for (let j = 0; j < levels; j++) rows.push(px.row(TRANSPARENT));
  const base = pixelOf(s.kind === 'semaphore' ? theme.c.running : theme.c.syncWait);
  const colour =
    s.kind === 'event' ? pixelOf(theme.c.good) : mixPixels(base, pixelOf(theme.c.bg), PALE / 2);
  const n = s.levelT.count;
  for (let i = 0; i < n; i++) {
    const t0 = s.levelT.values[i];
    const t1 = i + 1 < n ? s.levelT.values[i + 1] : tEnd;
    if (t1 < vp.t0 || t0 > tEnd) continue;
    const x0 = Math.max(0, vp.x(t0)),
      x1 = Math.min(vp.width, vp.x(Math.min(t1, tEnd)));
    const k = Math.ceil(s.level.values[i] / per);
    for (let j = 0; j < k && j < levels; j++) px.span(rows[j], x0 * dpr, x1 * dpr, colour);
  }
  const lh = (h - 6) / levels;
  rows.forEach((r, j) => px.place(r, y + h - 3 - (j + 1) * lh, lh));
}

/** The level's value where it changes, and a mark where a barrier broke. */
export function drawSync(f: Frame, s: SyncTrack, y: number, h: number): void {
  const { ctx, vp, theme } = f;
  const tEnd = Math.min(f.tNow, vp.revealT);
  const n = s.levelT.count;
  if (countInView(s.levelT.values, n, vp) <= vp.width / 24) {
    ctx.font = `${theme.fontSize - 2}px ${theme.font}`;
    ctx.fillStyle = theme.c.fg;
    ctx.strokeStyle = theme.c.bg;
    ctx.lineWidth = 3;
    ctx.lineJoin = 'round';
    forVisibleLastPoints(s.levelT.values, n, vp, (i, x) => {
      const next = i + 1 < n ? s.levelT.values[i + 1] : tEnd;
      const room = vp.x(Math.min(next, tEnd)) - Math.max(x, 0) - 4;
      const text = levelText(s, s.level.values[i]);
      if (textWidth(ctx, text) > room) return;
      ctx.strokeText(text, Math.max(x, 0) + 3, y + h / 2);
      ctx.fillText(text, Math.max(x, 0) + 3, y + h / 2);
    });
    ctx.lineWidth = 1;
    ctx.font = `${theme.fontSize}px ${theme.font}`;
  }
  ctx.fillStyle = theme.c.bad;
  forVisiblePoints(s.brokenT.values, s.brokenT.count, vp, (i) => {
    const x = vp.x(s.brokenT.values[i]);
    ctx.fillRect(x - 1.5, y + 2, 3, h - 4);
  });
}

function levelText(s: SyncTrack, n: number): string {
  if (s.kind === 'event') return n ? 'set' : 'clear';
  if (s.kind === 'barrier') return `${n}/${s.size}`;
  // A pipe is mostly empty (a waiting recv() takes a message at once): only messages are told.
  if (s.kind === 'pipe') return n ? String(n) : '';
  return String(n);
}

/** Wake-up arrows: set → wake, notify → wake, the last arrival → the others. */
export function drawWakeups(f: Frame, s: SyncTrack): void {
  const { ctx, vp, theme } = f;
  const colour = theme.highContrast ? theme.c.fg : theme.c.syncWait;
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = theme.highContrast ? 2 : 1.5;
  forVisiblePoints(s.toT.values, s.toT.count, vp, (i) => {
    const y0 = f.laneY.get(s.from.values[i]),
      y1 = f.laneY.get(s.to.values[i]);
    if (y0 === undefined || y1 === undefined || y0 === y1) return;
    arrow(ctx, vp.x(s.fromT.values[i]), y0, vp.x(s.toT.values[i]), y1);
  });
  ctx.lineWidth = 1;
}
