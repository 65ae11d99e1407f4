/**
 * The state at one instant of the primitives beyond Lock and Queue, for the "At the playhead"
 * panel: an RLock's owner and depth, a semaphore's count, an event's flag, a condition's and a
 * barrier's waiters. Pure: names come from the model, nothing is localized here.
 */
import type { TimelineModel } from './timeline';
import type { SyncKind } from './timelineSyncs';

export interface RLockState {
  name: string;
  ownerName: string | null;
  depth: number;
  waiterNames: string[];
}

export interface SyncState {
  kind: SyncKind;
  name: string;
  /** Processes waiting in it at t, first first. */
  waiterNames: string[];
  /** A semaphore's count; an event's flag (1 set, 0 clear); a barrier's arrivals; a condition's waiters. */
  level: number;
  /** A semaphore's initial count; a barrier's parties. */
  size: number;
  bounded: boolean;
  /** A barrier's generation (rounds passed) and whether it is broken at t. */
  generation: number;
  broken: boolean;
}

export function rlockStateAt(m: TimelineModel, obj: number, t: number): RLockState | undefined {
  const l = m.locks.get(obj);
  if (!l) return undefined;
  const owner = l.ownerAt(t);
  return {
    name: l.name,
    ownerName: owner >= 0 ? m.procName(owner) : null,
    depth: l.depthAt(t),
    waiterNames: l.waitersAt(t).map((p) => m.procName(p)),
  };
}

export function syncStateAt(m: TimelineModel, obj: number, t: number): SyncState | undefined {
  const s = m.syncs.get(obj);
  if (!s) return undefined;
  return {
    kind: s.kind,
    name: s.name,
    waiterNames: s.waitersAt(t).map((p) => m.procName(p)),
    level: s.levelAt(t),
    size: s.size,
    bounded: s.bounded,
    generation: s.genAt(t),
    broken: s.brokenAt(t),
  };
}
