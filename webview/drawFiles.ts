/** Shared-file tracks: the value between writes, each read and write with its value, and diagnoses. */
import { formatValue } from '../src/protocol/preview';
import { FileOp, type FileTrack } from '../src/model/timelineFiles';
import { forVisiblePoints, forEachPointInView, countInView } from './visible';
import { countLT, countLTFrom } from '../src/model/timelineColumns';
import { fitText, textWidth } from './text';
import { pixelOf, TRANSPARENT } from './pixels';
import { procWord, tr } from './i18n';
import { diagName, ON_LANES } from './diagNames';
import type { Frame } from './frame';

export function drawFile(f: Frame, file: FileTrack, y: number, h: number): void {
  const { ctx, vp, theme, m } = f;
  const tEnd = Math.min(f.tNow, vp.revealT);
  const mid = y + h / 2;
  // Value segments: from each write to the next.
  const wn = file.writeT.count;
  const segs: [number, number, string][] = [];
  ctx.font = `${theme.fontSize - 1}px ${theme.font}`;
  // Too many values to read: one band (the values are not even formatted).
  if (countInView(file.writeT.values, wn, vp) >= vp.width / 8)
    f.batch.add(theme.c.rowAlt, Math.max(0, vp.x(file.createdT)), y + 12, vp.width, h - 24);
  else {
    segs.push([file.createdT, wn ? file.writeT.values[0] : tEnd, formatValue(file.initial)]);
    forVisiblePoints(file.writeT.values, wn, vp, (i) => {
      segs.push([
        file.writeT.values[i],
        i + 1 < wn ? file.writeT.values[i + 1] : tEnd,
        formatValue(file.opValue[file.writeIdx.values[i]]),
      ]);
    });
  }
  for (const [a, b] of segs) {
    const x0 = Math.max(0, vp.x(a)),
      x1 = Math.min(vp.width, vp.x(Math.min(b, tEnd)));
    if (x1 <= x0) continue;
    f.batch.add(theme.c.rowAlt, x0, y + 12, x1 - x0, h - 24);
    f.batch.add(theme.c.grid, x0, y + 12, 1, h - 24);
  }
  f.batch.flush(ctx);
  ctx.fillStyle = theme.c.fg;
  for (const [a, b, text] of segs) {
    const x0 = Math.max(0, vp.x(a)),
      x1 = Math.min(vp.width, vp.x(Math.min(b, tEnd)));
    if (x1 - x0 > 24) fitText(ctx, text, x0 + 4, mid, x1 - x0 - 8);
  }
  // Reads on top (▼), writes at the bottom (▲), torn reads as a red ✕, with values when there is room.
  const inView = countInView(file.opT.values, file.opT.count, vp);
  if (inView > vp.width / 8) return; // dense: painted as ticks by paintFile
  const few = inView < vp.width / 60;
  ctx.font = `${theme.fontSize - 2}px ${theme.font}`;
  // Few enough to draw every one, even two in one pixel (a write right after a read).
  const marks: { i: number; x: number; isWrite: boolean }[] = [];
  forEachPointInView(file.opT.values, file.opT.count, vp, (i, x) => {
    const op = file.op.values[i];
    const isWrite = op === FileOp.Write;
    ctx.fillStyle =
      op === FileOp.TornRead ? theme.c.bad : isWrite ? theme.c.hold : theme.c.sleeping;
    const ty = isWrite ? y + h - 1 : y + 1;
    ctx.beginPath();
    ctx.moveTo(x - 4, ty);
    ctx.lineTo(x + 4, ty);
    ctx.lineTo(x, isWrite ? ty - 8 : ty + 8);
    ctx.fill();
    if (few) marks.push({ i, x, isWrite });
  });
  // A label only where it fits before the next mark of its row: labels never cover marks or each other.
  for (let k = 0; k < marks.length; k++) {
    const { i, x, isWrite } = marks[k];
    const op = file.op.values[i];
    const who = procWord(m.procName(file.opProc.values[i]));
    const val = op === FileOp.TornRead ? tr('tornRead') : formatValue(file.opValue[i]);
    const label = `${who} ${isWrite ? '←' : '→'} ${val}`;
    let next = vp.width + 8;
    for (let n = k + 1; n < marks.length; n++)
      if (marks[n].isWrite === isWrite) {
        next = marks[n].x;
        break;
      }
    const room = next - x - 12;
    if (room < 40) continue;
    ctx.fillStyle = op === FileOp.TornRead ? theme.c.bad : theme.c.muted;
    fitText(ctx, label, x + 6, isWrite ? y + h - 5 : y + 5, room);
  }
  ctx.font = `${theme.fontSize}px ${theme.font}`;
}

/** Dense reads and writes as 1-px ticks (reads on top, writes at the bottom, torn reads in red). */
export function paintFile(f: Frame, file: FileTrack, y: number, h: number): void {
  const { vp, theme } = f;
  if (countInView(file.opT.values, file.opT.count, vp) <= vp.width / 8) return;
  const px = f.pixels,
    dpr = f.batch.dpr;
  const reads = px.row(TRANSPARENT),
    writes = px.row(TRANSPARENT);
  const cRead = pixelOf(theme.c.sleeping),
    cWrite = pixelOf(theme.c.hold),
    cBad = pixelOf(theme.c.bad);
  // Per pixel column: a write tick if any write fell in it, a read tick if any read did, red if any read was torn.
  const { opT, writeT, tornT } = file;
  let w = countLT(writeT.values, writeT.count, vp.t0),
    torn = countLT(tornT.values, tornT.count, vp.t0);
  forVisiblePoints(opT.values, opT.count, vp, (i, x) => {
    const colEnd = vp.t(Math.floor(x) + 1);
    const j = countLTFrom(opT.values, opT.count, colEnd, i + 1);
    const w1 = countLTFrom(writeT.values, writeT.count, colEnd, w),
      torn1 = countLTFrom(tornT.values, tornT.count, colEnd, torn);
    // The tick fills its whole pixel column: a span from x (rounded) could spill into the next
    // column and be painted over by it, losing a lone torn read.
    const c = Math.floor(x);
    if (w1 > w) px.span(writes, c * dpr, (c + 1) * dpr, cWrite);
    if (torn1 > torn) px.span(reads, c * dpr, (c + 1) * dpr, cBad);
    else if (j - i > w1 - w) px.span(reads, c * dpr, (c + 1) * dpr, cRead);
    w = w1;
    torn = torn1;
  });
  px.place(reads, y + 1, 8);
  px.place(writes, y + h - 9, 8);
}

/** A diagnosis label as drawn: where it starts (CSS px in the plot), its text and width. */
export interface DiagPill {
  x: number;
  text: string;
  w: number;
  count: number;
}

/** The pills of the last frame, for tests (see testHook.ts). */
export const lastPills: DiagPill[] = [];

/**
 * Labels that would overlap on one row become one pill: "lost update ×3 · torn read ×2", starting
 * at the first of them (each diagnosis keeps its own red line and lane dots). Pills are kept inside
 * the plot and apart: near the right edge they move left, and two that still cannot fit merge.
 * Pure, for tests.
 */
export function clusterPills(
  marks: { x: number; label: string }[],
  width: (text: string) => number,
  plotW: number,
): DiagPill[] {
  const GAP = 4;
  type Group = { start: number; counts: Map<string, number> };
  const text = (g: Group) => [...g.counts].map(([l, n]) => (n > 1 ? `${l} ×${n}` : l)).join(' · ');
  const w = (g: Group) => width(text(g)) + 10;
  const merge = (a: Group, b: Group) => {
    for (const [l, n] of b.counts) a.counts.set(l, (a.counts.get(l) ?? 0) + n);
  };
  // Marks whose labels would overlap where they happened share a group.
  const groups: Group[] = [];
  for (const m of [...marks].sort((a, b) => a.x - b.x)) {
    const g = groups[groups.length - 1];
    if (g && m.x + 3 < g.start + 3 + w(g) + GAP)
      merge(g, { start: m.x, counts: new Map([[m.label, 1]]) });
    else groups.push({ start: m.x, counts: new Map([[m.label, 1]]) });
  }
  // Right to left, each pill ends before the next one starts (and before the plot's edge);
  // a pill pushed past the left edge merges with the one after it, and the row is placed again.
  for (;;) {
    const xs: number[] = new Array(groups.length);
    let limit = plotW;
    for (let i = groups.length - 1; i >= 0; i--) {
      xs[i] = Math.min(groups[i].start + 3, limit - w(groups[i]));
      limit = xs[i] - GAP;
    }
    if (groups.length > 1 && xs[0] < 0) {
      merge(groups[0], groups[1]);
      groups.splice(1, 1);
      continue;
    }
    return groups.map((g, i) => ({
      x: Math.max(0, xs[i]),
      text: text(g),
      w: w(g),
      count: [...g.counts.values()].reduce((a, b) => a + b, 0),
    }));
  }
}

export function drawDiags(f: Frame, rowsByFile: Map<number, { y: number; h: number }>): void {
  const { ctx, vp, theme, m } = f;
  ctx.font = `600 ${theme.fontSize - 1}px ${theme.font}`;
  const byRow = new Map<{ y: number; h: number }, { x: number; label: string }[]>();
  for (const d of m.diags) {
    if (d.t < 0 || d.t > vp.revealT) continue;
    const x = vp.x(d.t);
    if (x < -2 || x > vp.width + 2) continue;
    const row = d.objs.map((o) => rowsByFile.get(o)).find((r) => r);
    ctx.fillStyle = theme.c.bad;
    // Dots on the lanes only for races on data; contention and the like are listed in words.
    if (ON_LANES.has(d.code))
      for (const p of d.procs) {
        const ly = f.laneY.get(p);
        if (ly !== undefined) {
          ctx.beginPath();
          ctx.arc(x, ly, 5, 0, Math.PI * 2);
          ctx.fill();
          if (d === f.pickedDiag) ringDot(f, x, ly);
        }
      }
    if (!row) continue;
    ctx.fillRect(x - 1, row.y, 2, row.h);
    const label = diagName(d.code);
    let list = byRow.get(row);
    if (!list) byRow.set(row, (list = []));
    list.push({ x, label });
  }
  lastPills.length = 0;
  for (const [row, marks] of byRow) {
    for (const p of clusterPills(marks, (t) => textWidth(ctx, t), vp.width)) {
      ctx.fillStyle = theme.c.bad;
      ctx.fillRect(p.x, row.y + row.h / 2 - 8, p.w, 16);
      ctx.fillStyle = theme.c.bg;
      ctx.fillText(p.text, p.x + 5, row.y + row.h / 2);
      lastPills.push(p);
    }
  }
  ctx.font = `${theme.fontSize}px ${theme.font}`;
}

/** The picked finding's dots get a ring in the playhead colour. */
function ringDot(f: Frame, x: number, y: number): void {
  const { ctx, theme } = f;
  ctx.strokeStyle = theme.c.playhead;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.arc(x, y, 9, 0, Math.PI * 2);
  ctx.stroke();
  ctx.lineWidth = 1;
  ctx.fillStyle = theme.c.bad;
}
