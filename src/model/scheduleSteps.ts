/** A controlled run's decisions as the log records them (`sched.step`): a schedule to replay or fork. */
import type { EventOf, LabEvent, RunLang } from '../protocol/events';
import type { ReplayStep } from '../protocol/host';

/** The decisions a log recorded, in order, as a schedule to replay. */
export function stepsOf(events: readonly LabEvent[]): ReplayStep[] {
  return (events.filter((e) => e.kind === 'sched.step') as EventOf<'sched.step'>[]).map((e) => ({
    chosen: e.chosen,
    runnable: e.runnable,
    ops: e.ops as string[],
  }));
}

/** Chinese characters: a log whose names hold them ran in Chinese. */
const CJK = /[\u3400-\u9fff]/;

/**
 * The language a run was recorded in: a lab names its processes and objects in the run's
 * language, and each recorded decision names them, so its schedule replays only in that language
 * (in the other, the first step already differs). `run.start` says it; a log written before it
 * did is read from its names (Chinese characters in any name: Chinese).
 */
export function recordedLang(events: readonly LabEvent[]): RunLang {
  const start = events.find((e) => e.kind === 'run.start');
  if (start?.kind === 'run.start' && start.lang) return start.lang;
  const named = events.some((e) => 'name' in e && typeof e.name === 'string' && CJK.test(e.name));
  return named ? 'zh-CN' : 'en';
}

/** One decision of a controlled run, where the timeline shows it. */
export interface StepMark {
  t: number;
  step: number;
  chosen: number;
  runnable: number[];
  ops: string[];
  /** The runnable process that had waited longest, when the log says. */
  fallback?: number;
}

export function stepMark(e: EventOf<'sched.step'>): StepMark {
  const mark: StepMark = {
    t: e.t,
    step: e.step,
    chosen: e.chosen,
    runnable: e.runnable,
    ops: e.ops as string[],
  };
  if (e.fallback !== undefined) mark.fallback = e.fallback;
  return mark;
}

/** A step where another process ran than the plain schedule would have run. */
export interface PreemptionMark {
  t: number;
  step: number;
  /** The process that ran, and the one the plain schedule would have run. */
  proc: number;
  instead: number;
}

/**
 * The preemptions of a controlled run, as exploring counts them: the plain schedule lets the
 * process that went last go on while it can, else the one that waited longest (`fallback`); a
 * step that ran another is a preemption. A log without `fallback` counts only the switches away
 * from a process that could have gone on.
 */
export function preemptionMarks(steps: readonly StepMark[]): PreemptionMark[] {
  const marks: PreemptionMark[] = [];
  let last: number | undefined;
  for (const s of steps) {
    const plain = last !== undefined && s.runnable.includes(last) ? last : s.fallback;
    if (plain !== undefined && plain !== s.chosen)
      marks.push({ t: s.t, step: s.step, proc: s.chosen, instead: plain });
    last = s.chosen;
  }
  return marks;
}
