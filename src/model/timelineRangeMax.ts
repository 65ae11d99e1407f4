/**
 * Maximum of any index range of a growing integer column, for drawing a step function one
 * value per pixel: a pixel that covers thousands of steps shows their maximum (a blip of
 * contention stays visible) at the cost of a few block maxima instead of a scan of every step.
 */
import { I32 } from './timelineColumns';

const SHIFT = 6;
const B = 1 << SHIFT;

export class RangeMax {
  /** Maximum of each complete block of B values (the last value may still change: never cached). */
  private blocks = new I32();

  constructor(private readonly col: I32) {}

  /** max(col[i..j)); -Infinity for an empty range. */
  max(i: number, j: number): number {
    const a = this.col.a;
    this.extend();
    let m = -Infinity, k = i;
    while (k < j && (k & (B - 1)) !== 0) { if (a[k] > m) m = a[k]; k++; }
    const cached = this.blocks.n, bm = this.blocks.a;
    while (k + B <= j && (k >> SHIFT) < cached) { if (bm[k >> SHIFT] > m) m = bm[k >> SHIFT]; k += B; }
    while (k < j) { if (a[k] > m) m = a[k]; k++; }
    return m;
  }

  private extend(): void {
    const a = this.col.a, settled = this.col.n - 1;
    for (let b = this.blocks.n; (b + 1) * B <= settled; b++) {
      let m = a[b * B];
      for (let k = b * B + 1; k < (b + 1) * B; k++) if (a[k] > m) m = a[k];
      this.blocks.push(m);
    }
  }
}
