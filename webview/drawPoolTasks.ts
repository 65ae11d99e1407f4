/**
 * A Pool's tasks on its workers' lanes: a framed box from the task's start to its end, named by
 * the function and the item(s) it got, green when it returned, red when it raised; and an arrow
 * from each finished task to the moment its job's result reached the owner's get().
 */
import type { PoolTrack } from '../src/model/timelinePool';
import { arrow } from './drawLocks';
import { fitText } from './text';
import type { Frame } from './frame';

/** Below this many pixels a box has no label. */
const LABEL_PX = 28;

export function drawPoolTasks(f: Frame, p: PoolTrack, laneH: number): void {
  const { ctx, vp, theme } = f;
  const tEnd = Math.min(f.tNow, vp.revealT);
  const half = laneH / 2 - 5;
  ctx.lineWidth = theme.highContrast ? 2 : 1.5;
  ctx.font = `${theme.fontSize - 2}px ${theme.font}`;
  for (let i = 0; i < p.taskStart.count; i++) {
    const t0 = p.taskStart.values[i];
    const t1 = Math.min(p.taskEnd.values[i], tEnd);
    const y = f.laneY.get(p.taskWorker.values[i]);
    if (y === undefined || t0 > tEnd || t1 < vp.t0) continue;
    const x0 = vp.x(t0),
      x1 = Math.max(vp.x(t1), x0 + 2);
    const ok = p.taskOk.values[i];
    ctx.strokeStyle = ok === 1 ? theme.c.good : ok === 0 ? theme.c.bad : theme.c.fg;
    ctx.strokeRect(x0 + 0.5, y - half, x1 - x0 - 1, half * 2);
    if (x1 - x0 < LABEL_PX) continue;
    ctx.fillStyle = theme.c.fg;
    fitText(ctx, taskLabel(p, i), Math.max(x0, 0) + 4, y, x1 - Math.max(x0, 0) - 8);
  }
  drawResultArrows(f, p, tEnd);
  ctx.lineWidth = 1;
  ctx.font = `${theme.fontSize}px ${theme.font}`;
}

/** "slowSquare #3", task 3 of its job; "slowSquare #0 ×2" for a chunk of two items. */
export function taskLabel(p: PoolTrack, i: number): string {
  const fn = p.jobs.get(p.taskJob.values[i])?.fn ?? '?';
  const items = p.taskItems.values[i];
  return `${fn} #${p.taskIndex.values[i]}${items > 1 ? ` ×${items}` : ''}`;
}

function drawResultArrows(f: Frame, p: PoolTrack, tEnd: number): void {
  const { ctx, vp, theme } = f;
  ctx.strokeStyle = theme.highContrast ? theme.c.fg : theme.c.muted;
  ctx.fillStyle = ctx.strokeStyle;
  for (let i = 0; i < p.taskStart.count; i++) {
    const job = p.jobs.get(p.taskJob.values[i]);
    const done = p.taskEnd.values[i];
    if (!job || !(job.resultT <= tEnd) || !Number.isFinite(done)) continue;
    if (job.resultT < vp.t0 || done > vp.t0 + vp.usPerPx * vp.width) continue;
    const y0 = f.laneY.get(p.taskWorker.values[i]),
      y1 = f.laneY.get(job.owner);
    if (y0 === undefined || y1 === undefined) continue;
    arrow(ctx, vp.x(done), y0, vp.x(job.resultT), y1);
  }
}
