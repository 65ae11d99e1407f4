/** A controlled run's decisions as the log records them (`sched.step`): a schedule to replay or fork. */
import type { EventOf, LabEvent } from '../protocol/events';
import type { ReplayStep } from '../protocol/host';

/** The decisions a log recorded, in order, as a schedule to replay. */
export function stepsOf(events: readonly LabEvent[]): ReplayStep[] {
  return (events.filter((e) => e.kind === 'sched.step') as EventOf<'sched.step'>[]).map((e) => ({
    chosen: e.chosen,
    runnable: e.runnable,
    ops: e.ops as string[],
  }));
}

/** One decision of a controlled run, where the timeline shows it. */
export interface StepMark {
  t: number;
  step: number;
  chosen: number;
  runnable: number[];
  ops: string[];
}

export function stepMark(e: EventOf<'sched.step'>): StepMark {
  return { t: e.t, step: e.step, chosen: e.chosen, runnable: e.runnable, ops: e.ops as string[] };
}
