/** Theme colours as the 32-bit pixels the plot's frame buffer is written with. */
const cache = new Map<string, number>();
let probe: CanvasRenderingContext2D | null = null;

/** A CSS colour as a 32-bit RGBA pixel (little-endian byte order, as ImageData stores it). */
export function pixelOf(css: string, under?: number): number {
  const key = under === undefined ? css : `${css}@${under}`;
  let v = cache.get(key);
  if (v !== undefined) return v;
  probe ??= document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
  // Theme colours may be translucent (list backgrounds often are): composite them over what is
  // under them (the canvas background unless told), since a pixel is written as-is.
  probe.fillStyle = backdrop;
  probe.fillRect(0, 0, 1, 1);
  if (under !== undefined)
    probe.fillStyle = `rgb(${under & 255},${(under >>> 8) & 255},${(under >>> 16) & 255})`;
  probe.fillRect(0, 0, 1, 1);
  probe.fillStyle = css;
  probe.fillRect(0, 0, 1, 1);
  const d = probe.getImageData(0, 0, 1, 1).data;
  v = ((255 << 24) | (d[2] << 16) | (d[1] << 8) | d[0]) >>> 0;
  cache.set(key, v);
  return v;
}

export function clearPixelCache(): void {
  cache.clear();
}

let backdrop = '#ffffff';
/** The opaque colour that translucent theme colours are composited over (the canvas background). */
export function setPixelBackdrop(css: string): void {
  if (css !== backdrop) {
    backdrop = css;
    cache.clear();
  }
}
export const TRANSPARENT = 0;

/** How much of the background a pale shade keeps (for "at some moment in this pixel" marks). */
export const PALE = 0.6;
/** `a` mixed with `b` (opaque pixels): `share` of b. */
export function mixPixels(a: number, b: number, share: number): number {
  let out = 255 << 24;
  for (let s = 0; s < 24; s += 8)
    out |= Math.round(((a >>> s) & 255) * (1 - share) + ((b >>> s) & 255) * share) << s;
  return out >>> 0;
}
