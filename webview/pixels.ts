/**
 * Process lanes are painted pixel by pixel into an ImageData: at full zoom-out every pixel column
 * may hold a different state, and writing 32-bit pixels is far cheaper than thousands of rects.
 */
const cache = new Map<string, number>();
let probe: CanvasRenderingContext2D | null = null;

/** A CSS colour as a 32-bit RGBA pixel (little-endian byte order, as ImageData stores it). */
export function pixelOf(css: string): number {
  let v = cache.get(css);
  if (v !== undefined) return v;
  probe ??= document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
  probe.clearRect(0, 0, 1, 1);
  probe.fillStyle = css;
  probe.fillRect(0, 0, 1, 1);
  const d = probe.getImageData(0, 0, 1, 1).data;
  v = ((255 << 24) | (d[2] << 16) | (d[1] << 8) | d[0]) >>> 0;
  cache.set(css, v);
  return v;
}

export function clearPixelCache(): void { cache.clear(); }

/** One lane's bar: `full` is the colour of each column, `mid` the column's colour on the middle row. */
export class LaneImage {
  full = new Uint32Array(0);
  mid = new Uint32Array(0);
  private img: ImageData | null = null;

  begin(width: number, bg: number): void {
    if (this.full.length !== width) { this.full = new Uint32Array(width); this.mid = new Uint32Array(width); }
    this.full.fill(bg);
    this.mid.fill(bg);
  }
  span(x0: number, x1: number, color: number, midOnly = false): void {
    const w = this.full.length;
    const a = Math.max(0, Math.round(x0)), b = Math.min(w, Math.max(a + 1, Math.round(x1)));
    if (!midOnly) this.full.fill(color, a, b);
    this.mid.fill(color, a, b);
  }
  /** Writes the bar at device pixel (dx, dy), `h` device rows high. */
  put(ctx: CanvasRenderingContext2D, dx: number, dy: number, h: number): void {
    const w = this.full.length;
    if (!this.img || this.img.width !== w || this.img.height !== h) this.img = new ImageData(w, h);
    const px = new Uint32Array(this.img.data.buffer);
    const midRow = h >> 1;
    for (let r = 0; r < h; r++) px.set(r === midRow ? this.mid : this.full, r * w);
    ctx.putImageData(this.img, dx, dy);
  }
}
