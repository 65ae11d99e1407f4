/** Comparing controlled runs' logs, and reading their schedules. */
import type { EventOf, LabEvent } from '../../src/protocol/events';
import type { ReplayStep } from '../../src/protocol/host';

/** The log as text, one event per line, with OS pids (which no schedule can fix) blanked. */
export function comparable(events: readonly LabEvent[]): string[] {
  return events.map((e) => JSON.stringify(e.kind === 'proc.spawn' ? { ...e, pid: 0 } : e));
}

/** The decisions a log recorded, as a schedule to replay. */
export function stepsOf(events: readonly LabEvent[]): ReplayStep[] {
  return (events.filter((e) => e.kind === 'sched.step') as EventOf<'sched.step'>[]).map((e) => ({
    chosen: e.chosen,
    runnable: e.runnable,
    ops: e.ops as string[],
  }));
}
