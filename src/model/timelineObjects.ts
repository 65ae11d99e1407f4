/**
 * The events of the primitives beyond Lock, Queue and shared file, each kind applied by its own
 * module: semaphores, events, conditions and barriers (timelineSyncs.ts), pools
 * (timelinePool.ts), values and pipes (timelineShared.ts).
 */
import type { LabEvent } from '../protocol/events';
import { applyPoolEvent, type PoolTarget } from './timelinePool';
import { applySharedEvent, type SharedTarget } from './timelineShared';
import { applySyncEvent } from './timelineSyncs';

/** Applies `e` when one of those modules knows its kind; false when none does. */
export function applyObjectEvent(m: SharedTarget & PoolTarget, e: LabEvent, t: number): boolean {
  return applySyncEvent(m, e, t) || applyPoolEvent(m, e, t) || applySharedEvent(m, e, t);
}
