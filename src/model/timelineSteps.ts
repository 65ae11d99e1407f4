/**
 * Summaries of a step function (value v[i] from t[i] until t[i + 1]) over any time range, for
 * drawing it one pixel column at a time when a column covers thousands of steps: the largest
 * value in the range (so a blip of contention stays visible) and the time-weighted mean (so
 * sustained contention reads differently from a blip). Both cost O(log n), not a scan.
 */
import { Float64Column, Int32Column } from './timelineColumns';

const SHIFT = 4;
const B = 1 << SHIFT;

export class StepStats {
  /** Maximum of each complete block of B values (the last value may still change: never cached). */
  private blocks = new Int32Column();
  /** area[i] = integral of the function from t[0] to t[i] (settled steps only). */
  private area = new Float64Column();

  constructor(
    private readonly t: Float64Column,
    private readonly v: Int32Column,
  ) {}

  /** max(v[i..j)); -Infinity for an empty range. */
  max(i: number, j: number): number {
    const a = this.v.values;
    this.extend();
    let m = -Infinity,
      k = i;
    while (k < j && (k & (B - 1)) !== 0) {
      if (a[k] > m) m = a[k];
      k++;
    }
    const cached = this.blocks.count,
      bm = this.blocks.values;
    while (k + B <= j && k >> SHIFT < cached) {
      if (bm[k >> SHIFT] > m) m = bm[k >> SHIFT];
      k += B;
    }
    while (k < j) {
      if (a[k] > m) m = a[k];
      k++;
    }
    return m;
  }

  /** Integral of the function from t[0] to time `at`, where `i` is the last step at or before it. */
  integralAt(i: number, at: number): number {
    if (i < 0) return 0;
    this.extend();
    return this.area.values[i] + this.v.values[i] * (at - this.t.values[i]);
  }

  private extend(): void {
    const a = this.v.values,
      settled = this.v.count - 1;
    for (let b = this.blocks.count; (b + 1) * B <= settled; b++) {
      let m = a[b * B];
      for (let k = b * B + 1; k < (b + 1) * B; k++) if (a[k] > m) m = a[k];
      this.blocks.push(m);
    }
    // area[i] needs v[0..i) only, and only v[n - 1] may still change: area is known up to n - 1.
    const t = this.t.values,
      n = Math.min(this.t.count, this.v.count);
    if (this.area.count === 0 && n > 0) this.area.push(0);
    for (let i = this.area.count; i < n; i++)
      this.area.push(this.area.values[i - 1] + a[i - 1] * (t[i] - t[i - 1]));
  }
}
