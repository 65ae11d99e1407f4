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
