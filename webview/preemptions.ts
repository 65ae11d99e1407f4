/**
 * The preemptions of a controlled run shown (src/model/scheduleSteps.ts): drawn as a distinct mark
 * on the lane of the process that ran (and a hollow one on the lane of the one it ran instead of),
 * with a hover line "step 12: Process 3 ran instead of Process 1".
 */
import { preemptionMarks, type PreemptionMark } from '../src/model/scheduleSteps';
import type { TimelineModel } from '../src/model/timeline';
import type { Lane } from '../src/model/timelineLanes';
import type { Frame } from './frame';
import { procWord, tr } from './i18n';

let cachedFor: { model: TimelineModel; version: number } | undefined;
let cached: PreemptionMark[] = [];

/** Computed once per model version. */
export function preemptions(m: TimelineModel): PreemptionMark[] {
  if (cachedFor?.model === m && cachedFor.version === m.version) return cached;
  cachedFor = { model: m, version: m.version };
  cached = m.steps.length ? preemptionMarks(m.steps) : [];
  return cached;
}

/** A diamond at the top of the lane of the process that ran, hollow on the lane it preempted. */
export function drawPreemptions(f: Frame, lane: Lane, y: number): void {
  const marks = preemptions(f.m);
  if (!marks.length) return;
  const { ctx, vp, theme } = f;
  const tEnd = Math.min(f.tNow, vp.revealT);
  const proc = lane.info.proc;
  ctx.lineWidth = 1.5;
  for (const p of marks) {
    if ((p.proc !== proc && p.instead !== proc) || p.t < vp.t0 || p.t > vp.t1 || p.t > tEnd)
      continue;
    const x = Math.round(vp.x(p.t));
    const top = y + 1;
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x + 5, top + 5);
    ctx.lineTo(x, top + 10);
    ctx.lineTo(x - 5, top + 5);
    ctx.closePath();
    if (p.proc === proc) {
      ctx.fillStyle = theme.c.preempt;
      ctx.fill();
      ctx.strokeStyle = theme.c.bg;
    } else ctx.strokeStyle = theme.c.preempt;
    ctx.stroke();
  }
  ctx.lineWidth = 1;
}

/** Hover lines for the preemptions of `proc` (as the one that ran or the one preempted) near t. */
export function preemptionLines(m: TimelineModel, proc: number, t: number, tol: number): string[] {
  return preemptions(m)
    .filter((p) => (p.proc === proc || p.instead === proc) && Math.abs(p.t - t) <= tol)
    .map((p) =>
      tr('preemptionLine', {
        step: p.step,
        name: procWord(m.procName(p.proc)),
        instead: procWord(m.procName(p.instead)),
      }),
    );
}
