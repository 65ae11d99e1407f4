/**
 * Tracks of Semaphores, Events, Conditions and Barriers: a level over time (a semaphore's count,
 * an event's flag, a barrier's arrivals in its generation, a condition's waiters), who waits in
 * it, and the wake-up arrows (notify → wake, set → wake, last arrival → the others).
 */
import type { LabEvent } from '../protocol/events';
import { Float64Column, Int32Column, Intervals, countLE } from './timelineColumns';
import { LaneState, type Lane } from './timelineLanes';
import type { LockTrack } from './timelineLocks';

export type SyncKind = 'semaphore' | 'event' | 'condition' | 'barrier' | 'pipe';

export class SyncTrack {
  /** The level after each change, as a step function. */
  readonly levelT = new Float64Column();
  readonly level = new Int32Column();
  /** Waits, from the wait's start to its end. */
  readonly waits = new Intervals();
  /** Wake-ups: at `fromT` process `from` (set, notify, the last arrival) woke `to` at `toT`. */
  readonly fromT = new Float64Column();
  readonly toT = new Float64Column();
  readonly from = new Int32Column();
  readonly to = new Int32Column();
  /** When the barrier broke, and when it was reset (unbroken again). */
  readonly brokenT = new Float64Column();
  readonly resetT = new Float64Column();
  /** The barrier's generation after each change (arrive, pass, break). */
  readonly genT = new Float64Column();
  readonly gen = new Int32Column();
  /** A BoundedSemaphore. */
  bounded = false;
  maxLevel = 1;
  /** The last release of a semaphore: a waiter that acquires at that instant was handed its unit. */
  lastRelease = { t: -1, proc: -1 };

  constructor(
    readonly obj: number,
    readonly name: string,
    readonly kind: SyncKind,
    /** The semaphore's initial count, the barrier's parties; 1 for the others. */
    readonly size: number,
  ) {
    this.step(0, kind === 'semaphore' ? size : 0);
  }

  step(t: number, n: number): void {
    this.maxLevel = Math.max(this.maxLevel, n);
    if (this.levelT.count > 0 && this.levelT.last() === t) this.level.set(this.level.count - 1, n);
    else {
      this.levelT.push(t);
      this.level.push(n);
    }
  }

  levelAt(t: number): number {
    const i = countLE(this.levelT.values, this.levelT.count, t) - 1;
    return i >= 0 ? this.level.values[i] : 0;
  }

  /** Processes waiting at t, first first. */
  waitersAt(t: number): number[] {
    return this.waits.activeAt(t).map((i) => this.waits.who.values[i]);
  }

  setGen(t: number, gen: number): void {
    if (this.gen.count > 0 && this.gen.values[this.gen.count - 1] === gen) return;
    this.genT.push(t);
    this.gen.push(gen);
  }

  genAt(t: number): number {
    const i = countLE(this.genT.values, this.genT.count, t) - 1;
    return i >= 0 ? this.gen.values[i] : 0;
  }

  /** Whether the barrier is broken at t: it broke, and was not reset since. */
  brokenAt(t: number): boolean {
    const b = countLE(this.brokenT.values, this.brokenT.count, t);
    if (b === 0) return false;
    const r = countLE(this.resetT.values, this.resetT.count, t);
    return r === 0 || this.resetT.values[r - 1] < this.brokenT.values[b - 1];
  }

  woke(fromT: number, from: number, toT: number, to: number): void {
    this.fromT.push(fromT);
    this.toT.push(toT);
    this.from.push(from);
    this.to.push(to);
  }
}

/** What applying a sync event needs from the model. */
export interface SyncTarget {
  syncs: Map<number, SyncTrack>;
  addSyncTrack(track: SyncTrack): void;
  laneFor(proc: number, t: number): Lane;
  lockFor(obj: number): LockTrack;
}

/** Applies one event of a Semaphore, Event, Condition or Barrier; false when `e` is not one. */
export function applySyncEvent(m: SyncTarget, e: LabEvent, t: number): boolean {
  const proc = e.proc;
  const lane = () => m.laneFor(proc, t);
  switch (e.kind) {
    case 'lock.depth':
      m.lockFor(e.obj).setDepth(t, e.depth);
      return true;
    case 'sem.create': {
      const s = new SyncTrack(e.obj, e.name, 'semaphore', e.value);
      s.bounded = e.bounded;
      m.addSyncTrack(s);
      return true;
    }
    case 'event.create':
      m.addSyncTrack(new SyncTrack(e.obj, e.name, 'event', 1));
      return true;
    case 'cond.create':
      m.addSyncTrack(new SyncTrack(e.obj, e.name, 'condition', 1));
      return true;
    case 'barrier.create':
      m.addSyncTrack(new SyncTrack(e.obj, e.name, 'barrier', e.parties));
      return true;
  }
  if (!('obj' in e)) return false;
  const s = m.syncs.get(e.obj);
  if (!s)
    return (
      e.kind.startsWith('sem.') ||
      e.kind.startsWith('event.') ||
      e.kind.startsWith('cond.') ||
      e.kind.startsWith('barrier.')
    );
  switch (e.kind) {
    case 'sem.request':
    case 'event.wait':
    case 'barrier.arrive':
      s.waits.begin(t, proc);
      lane().enter(t, LaneState.SyncWait, s.obj);
      if (e.kind === 'barrier.arrive') {
        s.step(t, e.index + 1);
        s.setGen(t, e.gen);
      }
      return true;
    case 'cond.wait':
      s.waits.begin(t, proc);
      s.step(t, s.level.values[s.level.count - 1] + 1);
      lane().enter(t, LaneState.SyncWait, s.obj);
      return true;
    case 'sem.acquire':
    case 'sem.timeout':
    case 'event.wake':
    case 'cond.wake':
      s.waits.close(proc, t);
      if (e.kind === 'sem.acquire') {
        s.step(t, e.value);
        const r = s.lastRelease;
        if (e.waitedUs > 0 && r.t === t && r.proc !== proc) s.woke(r.t, r.proc, t, proc);
      }
      if (e.kind === 'cond.wake') s.step(t, Math.max(0, s.level.values[s.level.count - 1] - 1));
      lane().enter(t, LaneState.Running);
      return true;
    case 'sem.release':
      s.step(t, e.value);
      s.lastRelease = { t, proc };
      return true;
    case 'event.set':
    case 'cond.notify':
      if (e.kind === 'event.set') s.step(t, 1);
      for (const to of e.woke) s.woke(t, proc, t, to);
      return true;
    case 'event.clear':
      s.step(t, 0);
      return true;
    case 'barrier.pass':
    case 'barrier.broken':
    case 'barrier.reset':
      for (const who of s.waitersAt(t)) {
        s.waits.close(who, t);
        m.laneFor(who, t).enter(t, LaneState.Running);
        if (e.kind === 'barrier.pass' && who !== proc) s.woke(t, proc, t, who);
      }
      s.waits.close(proc, t);
      if (e.kind === 'barrier.pass') lane().enter(t, LaneState.Running);
      if (e.kind === 'barrier.broken') s.brokenT.push(t);
      if (e.kind === 'barrier.reset') s.resetT.push(t);
      if (e.kind === 'barrier.pass') s.setGen(t, e.gen + 1);
      s.step(t, 0);
      return true;
    default:
      return false;
  }
}
