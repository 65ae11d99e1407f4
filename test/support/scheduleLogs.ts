/** Comparing controlled runs' logs, and reading their schedules. */
import type { LabEvent } from '../../src/protocol/events';
export { stepsOf } from '../../src/model/scheduleSteps';

/** The log as text, one event per line, with OS pids (which no schedule can fix) blanked. */
export function comparable(events: readonly LabEvent[]): string[] {
  return events.map((e) => JSON.stringify(e.kind === 'proc.spawn' ? { ...e, pid: 0 } : e));
}
