/** When frames are drawn: at once for the learner's input, paced for a live stream. */

/**
 * A live frame that took d ms is followed by LIVE_GAP × d ms without one, or LIVE_WAIT_MAX_MS if
 * that is less: in a flood the page's time goes to taking the events in, not to drawing
 * the same picture a little further on. At 3 (a quarter of the page's time spent drawing) the
 * pipeline bench's page spent 0.3 µs per event drawing; at 7, 0.17–0.2.
 */
export const LIVE_GAP = 7;
/** However slow frames become, a live run is drawn again at least this often. */
export const LIVE_WAIT_MAX_MS = 250;
/** Frame draw times kept for the bench and tests (halved when full). */
const FRAME_TIMES_KEPT = 2000;

export class FramePacing {
  private raf = 0;
  /** A paced live frame waiting its turn (see scheduleLive). */
  private liveTimer = 0;
  private lastAt = 0;
  private lastMs = 0;
  private readonly times: number[] = [];

  constructor(private readonly draw: () => void) {}

  /** The next animation frame draws (once, however often this is called before it). */
  schedule(): void {
    if (!this.raf) this.raf = requestAnimationFrame(() => this.draw());
  }

  /**
   * A live run's new events are drawn in the next frame, unless frames have become slow (a run of
   * millions of events): then the next one waits LIVE_GAP times the last one's draw time, so
   * drawing takes at most about an eighth of the page's time and the rest goes to taking the
   * stream in and to the learner's input (which draws at once, through `schedule`).
   */
  scheduleLive(): void {
    if (this.raf || this.liveTimer) return;
    const gap = Math.min(LIVE_GAP * this.lastMs, LIVE_WAIT_MAX_MS);
    const wait = this.lastAt + this.lastMs + gap - performance.now();
    if (wait <= 0) this.schedule();
    else
      this.liveTimer = window.setTimeout(() => {
        this.liveTimer = 0;
        this.schedule();
      }, wait);
  }

  /** A frame begins now: one already requested would only draw the same again. Returns its start. */
  begin(): number {
    if (this.raf) cancelAnimationFrame(this.raf);
    this.raf = 0;
    return performance.now();
  }
  /** The frame that began at `start` is drawn. */
  end(start: number): void {
    this.lastAt = start;
    this.lastMs = performance.now() - start;
    this.times.push(this.lastMs);
    if (this.times.length > FRAME_TIMES_KEPT) this.times.splice(0, FRAME_TIMES_KEPT / 2);
  }

  frameTimes(): number[] {
    return this.times.slice();
  }
  lastFrame(): { at: number; ms: number; count: number } {
    return { at: this.lastAt, ms: this.lastMs, count: this.times.length };
  }
}
