/**
 * Where two runs part: the first difference between two event logs (e.g. ticket-race next to
 * ticket-lock, or the passing and the failing schedule of one lab).
 *
 * The definition. Each log is read as its sequence of *steps*, in log order: every event a lab
 * process caused (bookkeeping is left out: run.*, site, sched.step, diag), reduced to its kind,
 * the name of its process and the name of the object it is about (the lock, queue, file, … by the
 * name it was created with; the joined process by its name; none for the rest). Numbers that
 * differ between any two runs (pids, object ids, process indices, times, values) are not part of
 * a step, so the processes of the two runs are aligned by name. The first difference is the first
 * position at which the two step sequences differ, or where one of them ends and the other goes
 * on. Two runs whose step sequences are equal have none.
 */
import type { LabEvent } from '../protocol/events';
import { formatDuration } from './formatDuration';
import { differenceWords } from './runDiffWords';
import { tidyChinese } from './chineseText';
import type { Localized } from '../protocol/events';

export interface RunStep {
  kind: string;
  process: string;
  /** The name of the object the step is about, if any. */
  object: string | null;
  /** Where the step's event is: its index in its log, its process index and its time. */
  at: number;
  proc: number;
  t: number;
}

export interface RunDifference {
  /** Steps that were equal before the difference. */
  position: number;
  /** The differing step of each run (undefined: that run had ended). */
  a?: RunStep;
  b?: RunStep;
  /** When the runs part on their shared time axis: the earlier of the two steps. */
  t: number;
  words: Localized;
}

const BOOKKEEPING = new Set(['run.start', 'run.end', 'run.limit', 'site', 'sched.step', 'diag']);

/** The steps of a log, as defined above. */
export function runSteps(events: readonly LabEvent[]): RunStep[] {
  const procNames = new Map<number, string>();
  const objNames = new Map<number, string>();
  for (const e of events) {
    if (e.kind === 'proc.spawn') procNames.set(e.proc, e.name);
    else if (e.kind.endsWith('.create') && 'name' in e && 'obj' in e) objNames.set(e.obj, e.name);
  }
  const procName = (p: number) => procNames.get(p) ?? (p < 0 ? 'runner' : `Process ${p}`);
  const steps: RunStep[] = [];
  events.forEach((e, at) => {
    if (BOOKKEEPING.has(e.kind) || e.kind.startsWith('sched.')) return;
    let object: string | null = null;
    if (e.kind.startsWith('proc.join') && 'target' in e) object = procName(e.target);
    else if ('obj' in e) object = objNames.get(e.obj) ?? `#${e.obj}`;
    steps.push({ kind: e.kind, process: procName(e.proc), object, at, proc: e.proc, t: e.t });
  });
  return steps;
}

export function sameStep(x: RunStep, y: RunStep): boolean {
  return x.kind === y.kind && x.process === y.process && x.object === y.object;
}

/** The first difference between run A and run B, or null when their steps are the same. */
export function firstDifference(
  a: readonly LabEvent[],
  b: readonly LabEvent[],
): RunDifference | null {
  const sa = runSteps(a),
    sb = runSteps(b);
  const n = Math.min(sa.length, sb.length);
  let i = 0;
  while (i < n && sameStep(sa[i], sb[i])) i++;
  if (i === sa.length && i === sb.length) return null;
  const x = sa[i] as RunStep | undefined,
    y = sb[i] as RunStep | undefined;
  const t = Math.min(x?.t ?? Infinity, y?.t ?? Infinity);
  const laterInB = x !== undefined && sb.slice(i + 1).some((s) => sameStep(s, x));
  const body = differenceWords(x, y, laterInB);
  return {
    position: i,
    a: x,
    b: y,
    t,
    words: {
      en: `First difference at ${formatDuration(t)}: ${body.en}`,
      // Python's process names in Chinese (进程2), without spaces around them.
      'zh-CN': tidyChinese(`第一处不同在 ${formatDuration(t)}：${body['zh-CN']}`),
    },
  };
}
