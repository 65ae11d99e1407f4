/** Findings in words ("Lost update" / "丢失更新"), never their codes. */
import type { DiagCode } from '../src/protocol/events';
import type { DiagMark } from '../src/model/timelineFiles';
import type { TimelineModel } from '../src/model/timeline';
import { findingTitle } from '../src/model/findingWords';
import { getLang, logText, procWord, tr } from './i18n';
import { fmtDur } from './text';

export function diagName(code: DiagCode): string {
  return findingTitle(code)[getLang()];
}

/** Races on data get dots on the lanes of the processes involved; the rest are listed in words. */
export const ON_LANES = new Set<DiagCode>(['lost-update', 'torn-read', 'oversold']);

/** The diagnosis whose lane dot for `proc` is within `tol` µs of t, nearest first. */
export function diagDotAt(
  m: TimelineModel,
  proc: number,
  t: number,
  tol: number,
): DiagMark | undefined {
  let best: DiagMark | undefined;
  for (const d of m.diags) {
    if (d.t < 0 || !ON_LANES.has(d.code) || !d.procs.includes(proc)) continue;
    if (Math.abs(d.t - t) <= tol && (!best || Math.abs(d.t - t) < Math.abs(best.t - t))) best = d;
  }
  return best;
}

/** What the Details panel says of a picked finding: its name, moment, words and processes. */
export function diagDetail(m: TimelineModel, d: DiagMark): { title: string; lines: string[] } {
  const lines = [`${tr('at')} ${fmtDur(Math.max(0, d.t))}`, logText(d.message)];
  if (d.procs.length) lines.push(d.procs.map((p) => procWord(m.procName(p))).join(', '));
  return { title: diagName(d.code), lines };
}
