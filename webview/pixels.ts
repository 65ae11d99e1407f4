/**
 * The plot's bars, written as 32-bit pixels into one frame buffer and put on the canvas with a
 * single putImageData: at full zoom-out every pixel column may differ, and on a software canvas
 * thousands of rects (or dozens of stretched image draws) cost far more than writing pixels.
 * Each bar is one row of pixels, placed (stretched vertically) at flush time in call order;
 * transparent pixels of a row leave what is under it. Text, marks and arrows are drawn on top.
 */
import { pixelOf, TRANSPARENT } from './pixelColors';

export {
  pixelOf,
  clearPixelCache,
  setPixelBackdrop,
  mixPixels,
  TRANSPARENT,
  PALE,
} from './pixelColors';

export class PixelRows {
  /** Device pixels per row and lines in the frame buffer. */
  width = 0;
  height = 0;
  private dpr = 1;
  private cap = 0;
  private n = 0;
  private px = new Uint32Array(0);
  /** Per row: device columns [lo, hi) that may hold opaque pixels (hi = 0: none), and whether all do. */
  private lo: number[] = [];
  private hi: number[] = [];
  private opaque: boolean[] = [];
  private placed: number[] = [];
  private fb = new Uint32Array(0);
  private image: ImageData | undefined;

  /** Starts a frame of `width` × `height` CSS px at `dpr`, cleared to `bg`. */
  begin(width: number, height: number, dpr: number, bg: number): void {
    const w = Math.max(1, Math.round(width * dpr)),
      h = Math.max(1, Math.round(height * dpr));
    if (w !== this.width || h !== this.height || !this.image) {
      if (w !== this.width) {
        this.cap = 0;
        this.px = new Uint32Array(0);
      }
      this.width = w;
      this.height = h;
      this.fb = new Uint32Array(w * h);
      this.image = new ImageData(new Uint8ClampedArray(this.fb.buffer), w, h);
    }
    this.dpr = dpr;
    this.fb.fill(bg);
    this.n = 0;
    this.placed.length = 0;
  }
  /** Fills the CSS rectangle (full rows of the plot between y and y + h) now, under every bar. */
  fillLines(y: number, h: number, color: number): void {
    const [a, b] = this.lines(y, h);
    this.fb.fill(color, a * this.width, b * this.width);
  }
  /** A vertical line at CSS x of a translucent-capable colour, composited over what is there now. */
  vline(x: number, y: number, h: number, css: string): void {
    const col = Math.floor(x * this.dpr),
      w = this.width,
      fb = this.fb;
    if (col < 0 || col >= w) return;
    const [a, b] = this.lines(y, h);
    let under = -1,
      over = 0;
    for (let l = a; l < b; l++) {
      const i = l * w + col;
      if (fb[i] !== under) {
        under = fb[i];
        over = pixelOf(css, under);
      }
      fb[i] = over;
    }
  }
  /** A new row filled with `fill`; returns its index. */
  row(fill: number): number {
    if (this.n === this.cap) {
      this.cap = Math.max(16, this.cap * 2);
      const next = new Uint32Array(this.cap * this.width);
      next.set(this.px);
      this.px = next;
    }
    const o = this.n * this.width;
    this.px.fill(fill, o, o + this.width);
    const full = fill !== TRANSPARENT;
    this.opaque[this.n] = full;
    this.lo[this.n] = full ? 0 : this.width;
    this.hi[this.n] = full ? this.width : 0;
    return this.n++;
  }
  /** Paints device columns [x0, x1) of a row (at least one). */
  span(row: number, x0: number, x1: number, color: number): void {
    const w = this.width,
      o = row * w;
    const a = Math.max(0, Math.round(x0)),
      b = Math.min(w, Math.max(a + 1, Math.round(x1)));
    if (a >= w) return;
    // Most spans are a pixel or two when zoomed out: a plain loop beats the call into fill().
    const px = this.px;
    if (b - a < 16) for (let k = o + a; k < o + b; k++) px[k] = color;
    else px.fill(color, o + a, o + b);
    if (a < this.lo[row]) this.lo[row] = a;
    if (b > this.hi[row]) this.hi[row] = b;
  }
  /** Draws `row` stretched over the CSS lines [y, y + h) at flush time, in call order. */
  place(row: number, y: number, h: number): void {
    this.placed.push(row, y, h);
  }

  /** Composites the placed rows and puts the plot at CSS x `left`, only its first `visibleW` CSS px. */
  flush(ctx: CanvasRenderingContext2D, left: number, visibleW: number): void {
    const p = this.placed,
      w = this.width,
      fb = this.fb,
      px = this.px;
    for (let k = 0; k < p.length; k += 3) {
      const row = p[k],
        lo = this.lo[row],
        hi = this.hi[row];
      if (hi <= lo) continue;
      const [a, b] = this.lines(p[k + 1], p[k + 2]);
      const src = row * w;
      if (this.opaque[row]) {
        const line = px.subarray(src, src + w);
        for (let l = a; l < b; l++) fb.set(line, l * w);
        continue;
      }
      for (let l = a; l < b; l++) {
        const d = l * w - src;
        for (let x = src + lo, end = src + hi; x < end; x++) {
          const v = px[x];
          if (v !== TRANSPARENT) fb[d + x] = v;
        }
      }
    }
    const vis = Math.max(0, Math.min(w, Math.round(visibleW * this.dpr)));
    if (vis > 0)
      ctx.putImageData(this.image!, Math.round(left * this.dpr), 0, 0, 0, vis, this.height);
    this.n = 0;
    this.placed.length = 0;
  }

  /** Device lines [a, b) covered by CSS [y, y + h), at least one line, within the buffer. */
  private lines(y: number, h: number): [number, number] {
    const a = Math.max(0, Math.round(y * this.dpr));
    return [a, Math.min(this.height, Math.max(a + 1, Math.round((y + h) * this.dpr)))];
  }
}
