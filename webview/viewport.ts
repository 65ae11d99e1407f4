/** The visible time window, the playhead and live follow. Pure arithmetic, no DOM. */
export class Viewport {
  t0 = 0;
  usPerPx = 1000;
  /** Width of the plotting area in CSS px (right of the label gutter). */
  width = 800;
  follow = true;
  /** True until the user zooms while following: then the window keeps its width and slides. */
  fitWhileFollowing = true;
  playhead = 0;
  /** Time beyond which nothing is drawn (replay); Infinity = everything. */
  revealT = Infinity;

  get t1(): number {
    return this.t0 + this.width * this.usPerPx;
  }
  x(t: number): number {
    return (t - this.t0) / this.usPerPx;
  }
  t(x: number): number {
    return this.t0 + x * this.usPerPx;
  }

  setRange(a: number, b: number): void {
    const span = Math.max(b - a, 10);
    this.usPerPx = span / Math.max(1, this.width);
    this.t0 = a;
  }
  /** First time of the log: the runner's own start-up before it is not part of the run. */
  tStart = 0;
  fit(tEnd: number): void {
    const span = Math.max(tEnd - this.tStart, 1000);
    this.setRange(this.tStart - span * 0.01, this.tStart + span * 1.02);
  }

  /** Zooms by `factor` (>1 = in) keeping the time under pixel `x` in place. */
  zoom(factor: number, x = this.width / 2): void {
    const at = this.t(x);
    this.usPerPx = Math.min(Math.max(this.usPerPx / factor, 0.01), 1e9);
    this.t0 = at - x * this.usPerPx;
    this.fitWhileFollowing = false;
  }
  pan(dx: number): void {
    this.t0 += dx * this.usPerPx;
  }

  /** Keeps the newest time in view while following a live run. */
  followTo(tEnd: number, reducedMotion: boolean): void {
    if (this.fitWhileFollowing) {
      this.fit(tEnd);
      return;
    }
    const w = this.width * this.usPerPx;
    if (!reducedMotion) {
      this.t0 = tEnd - w * 0.95;
      return;
    }
    // Without motion: jump a page at a time instead of sliding every frame.
    if (tEnd > this.t1 || tEnd < this.t0) this.t0 = tEnd - w * 0.1;
  }
  clamp(tEnd: number): void {
    const w = this.width * this.usPerPx;
    const lo = this.tStart - w * 0.5,
      hi = Math.max(tEnd, 1) + w * 0.5 - w;
    if (this.t0 < lo) this.t0 = lo;
    if (this.t0 > Math.max(lo, hi)) this.t0 = Math.max(lo, hi);
  }
}
