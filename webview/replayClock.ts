/** Replay: the playhead advances in run time at the chosen speed; nothing after it is drawn. */
import type { Viewport } from './viewport';

/** A frame late by more than this moves the playhead only this far (a hidden page, a long GC). */
const MAX_TICK_MS = 100;
/** Where the playhead lands when it runs off the view: this fraction of the view from the left. */
const PAGE_LEAD = 0.5;
/** The same without motion: a page at a time. */
const PAGE_LEAD_REDUCED_MOTION = 0.05;

export class ReplayClock {
  private running = false;
  private factor = 1;
  private lastTick = 0;

  get playing(): boolean {
    return this.running;
  }
  get speed(): number {
    return this.factor;
  }
  setSpeed(speed: number): void {
    this.factor = speed > 0 && Number.isFinite(speed) ? speed : 1;
  }

  /** Starts from the playhead (from the beginning when it is at the end). */
  start(vp: Viewport, tNow: number): void {
    this.running = true;
    if (vp.playhead >= tNow) vp.playhead = vp.tStart;
    vp.follow = false;
    this.lastTick = 0;
  }
  stop(vp: Viewport): void {
    this.running = false;
    vp.revealT = Infinity;
  }

  /** Moves the playhead for a frame drawn at `now`; false when the replay reached the end. */
  tick(now: number, vp: Viewport, tNow: number, reducedMotion: boolean): boolean {
    const dt = this.lastTick ? Math.min(now - this.lastTick, MAX_TICK_MS) : 0;
    this.lastTick = now;
    vp.playhead = Math.min(tNow, vp.playhead + dt * 1000 * this.factor);
    vp.revealT = vp.playhead;
    const w = vp.width * vp.usPerPx;
    if (vp.playhead > vp.t1 || vp.playhead < vp.t0)
      vp.t0 = vp.playhead - w * (reducedMotion ? PAGE_LEAD_REDUCED_MOTION : PAGE_LEAD);
    if (vp.playhead < tNow) return true;
    this.stop(vp);
    return false;
  }
}
