/** Process lanes: state spans (LOD-merged), lock-hold bands, exit labels. */
import { LaneState, STATE_NAMES, type Lane } from '../src/model/timelineLanes';
import { laneRuns } from '../src/model/timelineLod';
import { forVisibleIntervals } from './visible';
import { fitText, textWidth } from './text';
import { inBrackets, procWord, tr, getLang } from './i18n';
import { exitReasonText } from '../src/model/exitReasonWords';
import { pixelOf, TRANSPARENT } from './pixels';
import type { Frame } from './frame';

/** Paints the lane's state columns and lock-hold band as pixel rows (drawn for all lanes at once). */
export function paintLane(f: Frame, lane: Lane, y: number, h: number, rowBg: string): void {
  const { vp, theme } = f;
  const top = y + 4,
    bh = h - 8;
  const tEnd = Math.min(f.tNow, vp.revealT);
  const px = f.pixels,
    dpr = f.batch.dpr;
  const full = px.row(pixelOf(rowBg)),
    mid = px.row(TRANSPARENT),
    band = px.row(TRANSPARENT),
    strip = px.row(TRANSPARENT);
  const colors = statePixels(f);
  laneRuns(
    lane,
    vp.t0,
    vp.usPerPx,
    vp.width,
    tEnd,
    (x0, x1, s) => {
      px.span(s === LaneState.Exited ? mid : full, x0 * dpr, x1 * dpr, colors[s]);
      if (theme.highContrast && x1 - x0 > 3) f.batch.add(theme.c.border, x0, top, 1, bh);
    },
    (x0, x1, s) => px.span(strip, x0 * dpr, x1 * dpr, colors[s]),
  );
  // Holding a lock: a band under whatever the process does meanwhile.
  const hold = pixelOf(theme.c.hold);
  forVisibleIntervals(
    lane.holdStart.values,
    lane.holdEnd.values,
    lane.holdStart.count,
    vp,
    tEnd,
    (_i, x0, x1) => px.span(band, x0 * dpr, x1 * dpr, hold),
  );
  px.place(full, top, bh);
  // A wait too brief to win its pixel column: a strip along the top of the lane, in its colour.
  px.place(strip, top, 3);
  px.place(mid, top + bh / 2 - 0.5, 1);
  px.place(band, top + bh - 5, 5);
}

let pixelsFor: Frame['theme'] | undefined;
const statePixelTable = new Uint32Array(STATE_NAMES.length);
/** The state colours as pixels, looked up once per theme rather than once per run of pixels. */
function statePixels(f: Frame): Uint32Array {
  if (pixelsFor !== f.theme) {
    pixelsFor = f.theme;
    STATE_NAMES.forEach((c, s) => {
      statePixelTable[s] = pixelOf(f.theme.c[c]);
    });
  }
  return statePixelTable;
}

/** The exit marker and code at the end of a lane. */
export function drawLaneOverlay(f: Frame, lane: Lane, y: number, h: number): void {
  const { ctx, vp, theme } = f;
  const top = y + 4,
    bh = h - 8;
  const info = lane.info;
  if (!Number.isNaN(info.exitT) && info.exitT <= vp.revealT) {
    const x = vp.x(info.exitT);
    if (x > -200 && x < vp.width) {
      ctx.fillStyle = endedAsExpected(info) ? theme.c.good : theme.c.bad;
      ctx.fillRect(x - 1, top, 2, bh);
      if (vp.width - x > 70) {
        ctx.fillStyle = theme.c.muted;
        fitText(
          ctx,
          `${tr('exit')} ${info.code ?? info.signal ?? '?'}`,
          x + 5,
          y + h / 2,
          Math.min(vp.width - x - 6, 120),
        );
      }
    }
  }
}

/** Lane label in the gutter: name, then pid, daemon mark and exit code / reason. */
export function drawLaneLabel(f: Frame, lane: Lane, y: number, h: number, gutter: number): void {
  const { ctx, theme } = f;
  const info = lane.info;
  const two = h >= 28;
  // A narrow gutter (the Live view in a thin sidebar) keeps the name and drops the pid.
  const narrow = gutter < 100;
  ctx.fillStyle = theme.c.fg;
  ctx.font = `600 ${theme.fontSize}px ${theme.font}`;
  fitText(
    ctx,
    `${info.daemon ? '◆ ' : ''}${procWord(info.name)}`,
    10,
    two ? y + 11 : y + h / 2,
    gutter - (two || narrow ? 16 : 60),
  );
  ctx.font = `${theme.fontSize - 2}px ${theme.font}`;
  const exited = !Number.isNaN(info.exitT) && info.exitT <= f.vp.revealT;
  const meta = `pid ${info.pid}${info.daemon ? ` · ${tr('daemon')}` : ''}`;
  ctx.fillStyle = theme.c.muted;
  if (!two) {
    if (!narrow) fitText(ctx, `${info.pid}`, gutter - 48, y + h / 2, 44);
    ctx.font = `${theme.fontSize}px ${theme.font}`;
    return;
  }
  fitText(ctx, meta, 10, y + 24, gutter - 16);
  if (exited) {
    const w = textWidth(ctx, meta);
    ctx.fillStyle = endedAsExpected(info) ? theme.c.good : theme.c.bad;
    fitText(
      ctx,
      ` · ${tr('exit')} ${info.code ?? info.signal ?? '?'}${inBrackets(exitReasonText(info.reason, getLang()))}`,
      10 + w,
      y + 24,
      gutter - 16 - w,
    );
  }
  ctx.font = `${theme.fontSize}px ${theme.font}`;
}

/**
 * A clean exit, or a daemon ended at its parent's exit: that is how daemons are meant to end, not
 * an error to paint red.
 */
export function endedAsExpected(info: Lane['info']): boolean {
  return info.code === 0 || info.reason === 'daemon';
}
