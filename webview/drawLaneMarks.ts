/** Marks over a process lane: read→write windows (brackets), print() marks and step-mode decisions. */
import type { Lane } from '../src/model/timelineLanes';
import { raceWindows } from './raceWindows';
import { lanePrints } from './lanePrints';
import type { Frame } from './frame';

/**
 * Each read→write window as a bracket across the lane: diagonal hatching (unlike any state's
 * solid fill) with a rule on top and end ticks, so windows that overlap on different lanes line
 * up at a glance. Windows that meet within a couple of pixels are drawn as one bracket, and every
 * rule goes into one path stroked once: zoomed out over thousands of windows, a fill and a stroke
 * each made a pan frame take a tenth of a second.
 */
export function drawRaceWindows(f: Frame, lane: Lane, y: number, h: number): void {
  const list = raceWindows(f.m).get(lane.info.proc);
  if (!list) return;
  const { ctx, vp, theme } = f;
  const top = y + 3,
    bh = h - 6;
  const tEnd = Math.min(f.tNow, vp.revealT);
  const last = Math.min(vp.t1, tEnd);
  ctx.strokeStyle = theme.c.race;
  ctx.fillStyle = hatch(ctx, theme.c.race);
  ctx.lineWidth = 2;
  ctx.beginPath();
  let run: { x0: number; x1: number; closed: boolean } | null = null;
  const bracket = (r: { x0: number; x1: number; closed: boolean }) => {
    ctx.fillRect(r.x0, top, Math.max(1, r.x1 - r.x0), bh);
    ctx.moveTo(r.x0 + 1, top + bh);
    ctx.lineTo(r.x0 + 1, top + 1);
    ctx.lineTo(r.x1 - 1, top + 1);
    if (r.closed) ctx.lineTo(r.x1 - 1, top + bh);
  };
  for (const w of list) {
    if (w.t0 > last) break; // in time order of their reads
    if (w.t1 < vp.t0) continue;
    const x0 = Math.max(-2, vp.x(w.t0)),
      x1 = Math.min(vp.width + 2, vp.x(Math.min(w.t1, tEnd)));
    const closed = w.t1 <= tEnd;
    if (run && x0 <= run.x1 + 2) {
      if (x1 >= run.x1) run = { x0: run.x0, x1, closed };
      continue;
    }
    if (run) bracket(run);
    run = { x0, x1, closed };
  }
  if (run) bracket(run);
  ctx.stroke();
  ctx.lineWidth = 1;
}

/** Each print() as a small flag at the top of the lane (hover tells the text). */
export function drawPrintMarks(f: Frame, lane: Lane, y: number): void {
  const list = lanePrints(f.m, lane.info.proc);
  if (!list.length) return;
  const { ctx, vp, theme } = f;
  const tEnd = Math.min(f.tNow, vp.revealT);
  ctx.fillStyle = theme.c.print;
  ctx.strokeStyle = theme.c.bg;
  let lastX = -1e9;
  for (const t of list) {
    if (t < vp.t0 || t > vp.t1 || t > tEnd) continue;
    const x = Math.round(vp.x(t));
    if (x - lastX < 3) continue; // one flag per few pixels when zoomed out
    lastX = x;
    ctx.beginPath();
    ctx.moveTo(x, y + 2);
    ctx.lineTo(x + 6, y + 5);
    ctx.lineTo(x, y + 8);
    ctx.closePath();
    ctx.fill();
    ctx.stroke();
    ctx.fillRect(x - 0.5, y + 2, 1.5, 10);
  }
}

/**
 * Each decision of a controlled run that let this process go on: a notch at the bottom of its
 * lane, numbered where there is room, so a learner can see (and scrub through) who went when.
 */
export function drawStepMarks(f: Frame, lane: Lane, y: number, h: number): void {
  const steps = f.m.steps;
  if (!steps.length) return;
  const { ctx, vp, theme } = f;
  const tEnd = Math.min(f.tNow, vp.revealT);
  const proc = lane.info.proc;
  const bottom = y + h - 1;
  ctx.fillStyle = theme.c.link;
  ctx.font = `${theme.fontSize - 3}px ${theme.font}`;
  let lastLabel = -1e9;
  for (const s of steps) {
    if (s.chosen !== proc || s.t < vp.t0 || s.t > vp.t1 || s.t > tEnd) continue;
    const x = Math.round(vp.x(s.t));
    ctx.beginPath();
    ctx.moveTo(x - 4, bottom);
    ctx.lineTo(x + 4, bottom);
    ctx.lineTo(x, bottom - 5);
    ctx.closePath();
    ctx.fill();
    const label = String(s.step);
    if (x - lastLabel < ctx.measureText(label).width + 8) continue;
    lastLabel = x;
    ctx.fillText(label, x + 5, bottom - 5);
  }
  ctx.font = `${theme.fontSize}px ${theme.font}`;
}

let hatchFor: { colour: string; pattern: CanvasPattern } | undefined;
/** Diagonal stripes in `colour` on transparent, 6 px apart (made once per theme colour). */
function hatch(ctx: CanvasRenderingContext2D, colour: string): CanvasPattern {
  if (hatchFor?.colour === colour) return hatchFor.pattern;
  const tile = document.createElement('canvas');
  tile.width = tile.height = 6;
  const t = tile.getContext('2d')!;
  t.strokeStyle = colour;
  t.lineWidth = 1.5;
  t.beginPath();
  t.moveTo(0, 6);
  t.lineTo(6, 0);
  t.moveTo(-1, 1);
  t.lineTo(1, -1);
  t.moveTo(5, 7);
  t.lineTo(7, 5);
  t.stroke();
  hatchFor = { colour, pattern: ctx.createPattern(tile, 'repeat')! };
  return hatchFor.pattern;
}
