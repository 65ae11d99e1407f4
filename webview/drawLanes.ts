/** Process lanes: state spans (LOD-merged), lock-hold bands, exit labels. */
import { S, type Lane } from '../src/model/timelineLanes';
import { laneRuns } from '../src/model/timelineLod';
import { forVisibleIntervals } from './visible';
import { fitText, textWidth } from './text';
import { tr } from './i18n';
import { pixelOf } from './pixels';
import type { Frame } from './frame';

export const STATE_COLORS = ['running', 'sleeping', 'lockWait', 'putWait', 'getWait', 'joinWait', 'queueJoinWait', 'exited', 'starting'] as const;

export function drawLane(f: Frame, lane: Lane, y: number, h: number, rowBg: string): void {
  const { ctx, vp, theme } = f;
  const top = y + 4, bh = h - 8;
  const tEnd = Math.min(f.tNow, vp.revealT);
  const b = f.batch, img = f.laneImage, dpr = b.dpr;
  const W = Math.round(vp.width * dpr);
  img.begin(W, pixelOf(rowBg));
  laneRuns(lane, vp.t0, vp.usPerPx, vp.width, tEnd, (x0, x1, s) => {
    img.span(x0 * dpr, x1 * dpr, pixelOf(theme.c[STATE_COLORS[s]]), s === S.Exited);
    if (theme.highContrast && x1 - x0 > 3) b.add(theme.c.border, x0, top, 1, bh);
  });
  // putImageData ignores the transform: device pixels, offset past the gutter.
  img.put(ctx, Math.round(f.lay.gutter * dpr), Math.round(top * dpr), Math.round(bh * dpr));
  // Holding a lock is drawn as a band under whatever the process does meanwhile.
  forVisibleIntervals(lane.holdStart.a, lane.holdEnd.a, lane.holdStart.n, vp, tEnd, (_i, x0, x1) => {
    b.add(theme.c.hold, x0, top + bh - 5, Math.max(1, x1 - x0), 5);
  });
  b.flush(ctx);
  const info = lane.info;
  if (!Number.isNaN(info.exitT) && info.exitT <= vp.revealT) {
    const x = vp.x(info.exitT);
    if (x > -200 && x < vp.width) {
      ctx.fillStyle = info.code === 0 ? theme.c.good : theme.c.bad;
      ctx.fillRect(x - 1, top, 2, bh);
      if (vp.width - x > 70) {
        ctx.fillStyle = theme.c.muted;
        fitText(ctx, `${tr('exit')} ${info.code ?? info.signal ?? '?'}`, x + 5, y + h / 2, Math.min(vp.width - x - 6, 120));
      }
    }
  }
}

/** Lane label in the gutter: name, then pid, daemon mark and exit code / reason. */
export function drawLaneLabel(f: Frame, lane: Lane, y: number, h: number, gutter: number): void {
  const { ctx, theme } = f;
  const info = lane.info;
  const two = h >= 28;
  ctx.fillStyle = theme.c.fg;
  ctx.font = `600 ${theme.fontSize}px ${theme.font}`;
  fitText(ctx, `${info.daemon ? '◆ ' : ''}${info.name}`, 10, two ? y + 11 : y + h / 2, gutter - (two ? 16 : 60));
  ctx.font = `${theme.fontSize - 2}px ${theme.font}`;
  const exited = !Number.isNaN(info.exitT) && info.exitT <= f.vp.revealT;
  const meta = `pid ${info.pid}${info.daemon ? ` · ${tr('daemon')}` : ''}`;
  ctx.fillStyle = theme.c.muted;
  if (!two) { fitText(ctx, `${info.pid}`, gutter - 48, y + h / 2, 44); ctx.font = `${theme.fontSize}px ${theme.font}`; return; }
  fitText(ctx, meta, 10, y + 24, gutter - 16);
  if (exited) {
    const w = textWidth(ctx, meta);
    ctx.fillStyle = info.code === 0 ? theme.c.good : theme.c.bad;
    fitText(ctx, ` · ${tr('exit')} ${info.code ?? info.signal ?? '?'} (${info.reason})`, 10 + w, y + 24, gutter - 16 - w);
  }
  ctx.font = `${theme.fontSize}px ${theme.font}`;
}
