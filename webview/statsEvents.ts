/** The run's events kept for the statistics table, up to a bound. */
import { decodeEventColumns } from '../src/protocol/eventColumns';
import type { LabEvent } from '../src/protocol/events';

/** Runs with more events than this get no statistics table (the raw events would not be kept). */
export const STATS_MAX_EVENTS = 300_000;

/**
 * The objects decoded so far and the batches not yet decoded (only an open table decodes them),
 * up to STATS_MAX_EVENTS events in all.
 */
export class StatsEvents {
  private readonly events: LabEvent[] = [];
  private pending: Uint8Array[] = [];
  private count = 0;

  /** Whether `n` more events still fit (past the bound none are kept any more). */
  fits(n: number): boolean {
    if (this.count + n > STATS_MAX_EVENTS) return false;
    this.count += n;
    return true;
  }
  push(events: readonly LabEvent[]): void {
    for (const e of events) this.events.push(e);
  }
  keep(batch: Uint8Array): void {
    this.pending.push(batch);
  }
  all(): LabEvent[] {
    for (const b of this.pending) {
      const read = decodeEventColumns(b);
      if (read.ok) for (const e of read.events) this.events.push(e);
    }
    this.pending = [];
    return this.events;
  }
}
