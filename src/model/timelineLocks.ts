/** Lock tracks: owner over time, waiters in request order, and release → acquire handoffs. */
import { Float64Column, Int32Column, Intervals, countLE } from './timelineColumns';
import { StepStats } from './timelineSteps';
import type { EventOf } from '../protocol/events';

/** The track of a `lock.create`: a Lock's, or an RLock's, which also counts its depth. */
export function lockTrackOf(e: EventOf<'lock.create'>): LockTrack {
  return new LockTrack(e.obj, e.name, e.proc, e.recursive === true);
}

export class LockTrack {
  /** Hold spans: start, end (Infinity while held), owner process. */
  readonly holdStart = new Float64Column();
  readonly holdEnd = new Float64Column();
  readonly owner = new Int32Column();
  /** The call site of each hold's acquire (-1 when none). */
  readonly holdSite = new Int32Column();
  /** Blocking requests, from request to acquire or timeout. */
  readonly waits = new Intervals();
  /** Waiter count after each change: a step function for "contention at a glance". */
  readonly waitT = new Float64Column();
  readonly waitN = new Int32Column();
  /** Most and mean waiters over any time range (per-pixel summaries when zoomed out). */
  readonly waitStats = new StepStats(this.waitT, this.waitN);
  /** Handoffs: a release at relT by `from` let `to` acquire at acqT. */
  readonly relT = new Float64Column();
  readonly acqT = new Float64Column();
  readonly from = new Int32Column();
  readonly to = new Int32Column();
  private lastRelT = -1;
  private lastRelProc = -1;
  private waiting = 0;
  totalWaitUs = 0;
  private maxSeen = 0;
  private maxUpTo = 0;

  /** An RLock's depth after each change (1 from its first acquire, 0 once fully released). */
  readonly depthT = new Float64Column();
  readonly depth = new Int32Column();

  constructor(
    readonly obj: number,
    readonly name: string,
    readonly createdBy: number,
    /** An RLock. */
    readonly recursive = false,
  ) {}

  request(t: number, proc: number): void {
    this.waits.begin(t, proc);
    this.step(t, ++this.waiting);
  }
  acquire(t: number, proc: number, site = -1): void {
    const w = this.waits.close(proc, t);
    if (w >= 0) {
      this.step(t, --this.waiting);
      const reqT = this.waits.start.values[w];
      this.totalWaitUs += t - reqT;
      // The previous release let this acquire through if the process was already waiting then.
      if (this.lastRelProc >= 0 && reqT <= this.lastRelT && this.lastRelProc !== proc) {
        this.relT.push(this.lastRelT);
        this.acqT.push(t);
        this.from.push(this.lastRelProc);
        this.to.push(proc);
      }
    }
    this.holdStart.push(t);
    this.holdEnd.push(Infinity);
    this.owner.push(proc);
    this.holdSite.push(site);
    if (this.recursive) this.setDepth(t, 1);
  }
  /** An RLock's owner took it again or gave back one level (`lock.depth`). */
  setDepth(t: number, depth: number): void {
    this.depthT.push(t);
    this.depth.push(depth);
  }
  /** How many times the owner holds it at t (0 or 1 for a Lock). */
  depthAt(t: number): number {
    if (!this.recursive) return this.ownerAt(t) >= 0 ? 1 : 0;
    const i = countLE(this.depthT.values, this.depthT.count, t) - 1;
    return i >= 0 && this.ownerAt(t) >= 0 ? this.depth.values[i] : 0;
  }
  giveUp(t: number, proc: number): void {
    if (this.waits.close(proc, t) >= 0) this.step(t, --this.waiting);
  }
  release(t: number, proc: number): void {
    const n = this.holdStart.count;
    if (n > 0 && this.holdEnd.values[n - 1] === Infinity) this.holdEnd.values[n - 1] = t;
    if (this.recursive) this.setDepth(t, 0);
    this.lastRelT = t;
    this.lastRelProc = proc;
  }
  private step(t: number, n: number): void {
    // Changes at the same instant collapse: a request granted at once never counts as waiting.
    if (this.waitT.count > 0 && this.waitT.last() === t) this.waitN.set(this.waitN.count - 1, n);
    else {
      this.waitT.push(t);
      this.waitN.push(n);
    }
  }
  /** The most processes ever waiting at once. */
  get maxWaiters(): number {
    // Settled steps are folded in once; the last may still change within its instant.
    for (; this.maxUpTo < this.waitN.count - 1; this.maxUpTo++)
      this.maxSeen = Math.max(this.maxSeen, this.waitN.values[this.maxUpTo]);
    return Math.max(this.maxSeen, this.waitN.count ? this.waitN.values[this.waitN.count - 1] : 0);
  }

  /** Owner process at t, or -1 when free. */
  ownerAt(t: number): number {
    const i = countLE(this.holdStart.values, this.holdStart.count, t) - 1;
    return i >= 0 && this.holdEnd.values[i] > t ? this.owner.values[i] : -1;
  }
  /** Processes waiting at t, first requester first. */
  waitersAt(t: number): number[] {
    return this.waits.activeAt(t).map((i) => this.waits.who.values[i]);
  }
  waitCountAt(t: number): number {
    const i = countLE(this.waitT.values, this.waitT.count, t) - 1;
    return i >= 0 ? this.waitN.values[i] : 0;
  }
}
