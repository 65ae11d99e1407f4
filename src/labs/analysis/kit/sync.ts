/** Facts about locks and semaphores read back from a finished log, for the synchronization labs. */
import type { EventOf, LabEvent, Localized } from '../../../protocol/events';
import { eventsOf } from './log';

/** The deadlock the runner found, if the run ended in one. */
export function deadlockFound(events: readonly LabEvent[]): EventOf<'diag'> | undefined {
  return eventsOf(events, 'diag').find((e) => e.code === 'deadlock');
}

/** The hang the runner found, if the run ended in one. */
export function hangFound(events: readonly LabEvent[]): EventOf<'diag'> | undefined {
  return eventsOf(events, 'diag').find((e) => e.code === 'hang');
}

/**
 * Times a process came to hold two locks at once (a meal, a transfer), and the most processes
 * that held two at the same moment.
 */
export function doubleHolds(events: readonly LabEvent[]): { count: number; mostAtOnce: number } {
  const held = new Map<number, number>();
  let count = 0;
  let now = 0;
  let mostAtOnce = 0;
  for (const e of events) {
    if (e.kind !== 'lock.acquire' && e.kind !== 'lock.release') continue;
    const before = held.get(e.proc) ?? 0;
    const after = Math.max(0, before + (e.kind === 'lock.acquire' ? 1 : -1));
    held.set(e.proc, after);
    if (before < 2 && after >= 2) {
      count++;
      now++;
      mostAtOnce = Math.max(mostAtOnce, now);
    } else if (before >= 2 && after < 2) now--;
  }
  return { count, mostAtOnce };
}

/** The most units of the first semaphore held at once, and how many acquires had to wait. */
export function semaphoreUse(events: readonly LabEvent[]): {
  units: number;
  acquires: number;
  waited: number;
  mostInUse: number;
} {
  const created = eventsOf(events, 'sem.create')[0];
  if (!created) return { units: 0, acquires: 0, waited: 0, mostInUse: 0 };
  let inUse = 0;
  let mostInUse = 0;
  let acquires = 0;
  let waited = 0;
  for (const e of events) {
    if (e.kind === 'sem.acquire' && e.obj === created.obj) {
      acquires++;
      if (e.waitedUs > 0) waited++;
      mostInUse = Math.max(mostInUse, ++inUse);
    } else if (e.kind === 'sem.release' && e.obj === created.obj) inUse--;
  }
  return { units: created.value, acquires, waited, mostInUse };
}

/** The runner's own words for a finding, or nothing. */
export function findingText(d: EventOf<'diag'> | undefined): Localized | undefined {
  return d ? { en: d.message.en, 'zh-CN': d.message['zh-CN'] } : undefined;
}
