/**
 * Bars painted pixel by pixel: at full zoom-out every pixel column may differ, and on a software
 * canvas thousands of rects (or one path of them) cost far more than writing 32-bit pixels.
 * Each bar is one row of pixels; all rows go to a small offscreen canvas in one putImageData and
 * are stretched into place with drawImage (transparent pixels leave what is under them).
 */
const cache = new Map<string, number>();
let probe: CanvasRenderingContext2D | null = null;

/** A CSS colour as a 32-bit RGBA pixel (little-endian byte order, as ImageData stores it). */
export function pixelOf(css: string): number {
  let v = cache.get(css);
  if (v !== undefined) return v;
  probe ??= document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
  // Theme colours may be translucent (list backgrounds often are): composite them over the
  // canvas background, since a pixel row is written as-is and then drawn opaque.
  probe.fillStyle = backdrop;
  probe.fillRect(0, 0, 1, 1);
  probe.fillStyle = css;
  probe.fillRect(0, 0, 1, 1);
  const d = probe.getImageData(0, 0, 1, 1).data;
  v = ((255 << 24) | (d[2] << 16) | (d[1] << 8) | d[0]) >>> 0;
  cache.set(css, v);
  return v;
}

export function clearPixelCache(): void { cache.clear(); }

let backdrop = '#ffffff';
/** The opaque colour that translucent theme colours are composited over (the canvas background). */
export function setPixelBackdrop(css: string): void {
  if (css !== backdrop) { backdrop = css; cache.clear(); }
}
export const TRANSPARENT = 0;

export class PixelRows {
  width = 0;
  private cap = 0;
  private n = 0;
  private px = new Uint32Array(0);
  private placed: number[] = [];
  private canvas = document.createElement('canvas');
  private ctx = this.canvas.getContext('2d')!;

  /** Starts a frame whose rows are `width` device pixels wide. */
  begin(width: number): void {
    if (width !== this.width) { this.width = width; this.cap = 0; this.px = new Uint32Array(0); }
    this.n = 0;
    this.placed.length = 0;
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
    return this.n++;
  }
  /** Paints device columns [x0, x1) of a row. */
  span(row: number, x0: number, x1: number, color: number): void {
    const w = this.width, o = row * w;
    const a = Math.max(0, Math.round(x0)), b = Math.min(w, Math.max(a + 1, Math.round(x1)));
    if (a < w) this.px.fill(color, o + a, o + b);
  }
  /** Draws `row` stretched to the CSS rectangle (x, y, w, h) at flush time, in call order. */
  place(row: number, x: number, y: number, w: number, h: number): void { this.placed.push(row, x, y, w, h); }

  flush(ctx: CanvasRenderingContext2D): void {
    if (!this.n || !this.width) return;
    if (this.canvas.width !== this.width || this.canvas.height < this.n) { this.canvas.width = this.width; this.canvas.height = this.cap; }
    this.ctx.putImageData(new ImageData(new Uint8ClampedArray(this.px.buffer, 0, this.width * this.n * 4), this.width, this.n), 0, 0);
    ctx.imageSmoothingEnabled = false;
    const p = this.placed;
    for (let i = 0; i < p.length; i += 5) ctx.drawImage(this.canvas, 0, p[i], this.width, 1, p[i + 1], p[i + 2], p[i + 3], p[i + 4]);
    this.n = 0;
    this.placed.length = 0;
  }
}
