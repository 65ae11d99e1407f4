/** The first difference drawn over one run's canvas: a line at its step's time, a ring on its lane. */
import type { RunStep } from '../../src/model/runDiff';
import type { Theme } from '../theme';
import type { Viewport } from '../viewport';
import type { VisibleLayout } from '../visibleRows';

export function drawDifference(
  canvas: HTMLCanvasElement,
  shown: VisibleLayout,
  vp: Viewport,
  theme: Theme,
  step: RunStep,
  label: string,
): void {
  const ctx = canvas.getContext('2d')!;
  const x = shown.gutter + vp.x(step.t);
  if (x < shown.gutter || x > shown.gutter + vp.width) return;
  ctx.save();
  ctx.strokeStyle = theme.c.bad;
  ctx.fillStyle = theme.c.bad;
  ctx.lineWidth = 2;
  ctx.setLineDash([5, 3]);
  ctx.beginPath();
  ctx.moveTo(x, shown.axis);
  ctx.lineTo(x, shown.height);
  ctx.stroke();
  ctx.setLineDash([]);
  const lane = shown.rows.find((r) => r.kind === 'lane' && r.proc === step.proc);
  if (lane) {
    ctx.beginPath();
    ctx.arc(x, lane.y + lane.h / 2, Math.min(10, lane.h / 2 - 1), 0, Math.PI * 2);
    ctx.stroke();
  }
  ctx.font = `600 ${theme.fontSize}px ${theme.font}`;
  ctx.textBaseline = 'top';
  const w = ctx.measureText(label).width;
  const left = x + 4 + w > shown.gutter + vp.width ? x - 4 - w : x + 4;
  ctx.fillText(label, left, shown.axis + 2);
  ctx.restore();
}
