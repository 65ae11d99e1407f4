/** Small readers over an event log, for tests. */
import type { EventKind, EventOf, LabEvent } from '../../src/protocol/events';

export function ofKind<K extends EventKind>(events: readonly LabEvent[], kind: K): EventOf<K>[] {
  return events.filter((e): e is EventOf<K> & LabEvent => e.kind === kind) as EventOf<K>[];
}

/** What the lab printed, in order. */
export function printed(events: readonly LabEvent[]): string[] {
  return ofKind(events, 'log').map((e) => e.text);
}

/** The last printed line that parses as JSON (fixtures print their findings that way). */
export function printedJson<T = Record<string, unknown>>(events: readonly LabEvent[]): T {
  const lines = printed(events).filter((t) => t.startsWith('{'));
  if (lines.length === 0)
    throw new Error(`the lab printed no JSON; it printed: ${printed(events).join(' | ')}`);
  return JSON.parse(lines[lines.length - 1]) as T;
}

export function runEnd(events: readonly LabEvent[]): EventOf<'run.end'> {
  const e = events[events.length - 1];
  if (!e || e.kind !== 'run.end') throw new Error('the log does not end with run.end');
  return e;
}

/** Process index → name, from proc.spawn events. */
export function procNames(events: readonly LabEvent[]): Map<number, string> {
  return new Map(ofKind(events, 'proc.spawn').map((e) => [e.proc, e.name]));
}
