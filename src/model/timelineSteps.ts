/**
 * Summaries of a step function (value v[i] from t[i] until t[i + 1]) over any time range, for
 * drawing it one pixel column at a time when a column covers thousands of steps: the largest
 * value in the range (so a blip of contention stays visible) and the time-weighted mean (so
 * sustained contention reads differently from a blip). Both cost O(log n), not a scan.
 */
import { F64, I32 } from './timelineColumns';

const SHIFT = 4;
const B = 1 << SHIFT;

export class StepStats {
  /** Maximum of each complete block of B values (the last value may still change: never cached). */
  private blocks = new I32();
  /** area[i] = integral of the function from t[0] to t[i] (settled steps only). */
  private area = new F64();

  constructor(
    private readonly t: F64,
    private readonly v: I32,
  ) {}

  /** max(v[i..j)); -Infinity for an empty range. */
  max(i: number, j: number): number {
    const a = this.v.a;
    this.extend();
    let m = -Infinity,
      k = i;
    while (k < j && (k & (B - 1)) !== 0) {
      if (a[k] > m) m = a[k];
      k++;
    }
    const cached = this.blocks.n,
      bm = this.blocks.a;
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
    return this.area.a[i] + this.v.a[i] * (at - this.t.a[i]);
  }

  private extend(): void {
    const a = this.v.a,
      settled = this.v.n - 1;
    for (let b = this.blocks.n; (b + 1) * B <= settled; b++) {
      let m = a[b * B];
      for (let k = b * B + 1; k < (b + 1) * B; k++) if (a[k] > m) m = a[k];
      this.blocks.push(m);
    }
    // area[i] needs v[0..i) only, and only v[n - 1] may still change: area is known up to n - 1.
    const t = this.t.a,
      n = Math.min(this.t.n, this.v.n);
    if (this.area.n === 0 && n > 0) this.area.push(0);
    for (let i = this.area.n; i < n; i++)
      this.area.push(this.area.a[i - 1] + a[i - 1] * (t[i] - t[i - 1]));
  }
}
