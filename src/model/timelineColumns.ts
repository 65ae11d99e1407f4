/**
 * Growable typed-array columns and binary searches: the storage under every timeline
 * projection, so a million events cost a few flat arrays instead of a million objects.
 */

abstract class GrowableColumn<A extends Float64Array | Int32Array | Uint8Array> {
  count = 0;
  abstract push(v: number): void;
  constructor(public values: A) {}
  protected abstract make(cap: number): A;
  /** Makes room for `cap` values. Grows 4× at a time: every new buffer is external memory that can trigger a full GC. */
  reserve(cap: number): void {
    if (cap <= this.values.length) return;
    const b = this.make(Math.max(cap, 64, this.values.length * 4));
    b.set(this.values.subarray(0, this.count) as never);
    this.values = b as A;
  }
  get(i: number): number {
    return this.values[i];
  }
  set(i: number, v: number): void {
    this.values[i] = v;
  }
  last(): number {
    return this.values[this.count - 1];
  }
}

export class Float64Column extends GrowableColumn<Float64Array> {
  constructor(cap = 16) {
    super(new Float64Array(cap));
  }
  /** Defined per class so the store stays monomorphic (a shared one is a slow polymorphic store). */
  push(v: number): void {
    if (this.count === this.values.length) this.reserve(this.count + 1);
    this.values[this.count++] = v;
  }
  protected make(cap: number): Float64Array {
    return new Float64Array(cap);
  }
}
export class Int32Column extends GrowableColumn<Int32Array> {
  constructor(cap = 16) {
    super(new Int32Array(cap));
  }
  /** Defined per class so the store stays monomorphic (a shared one is a slow polymorphic store). */
  push(v: number): void {
    if (this.count === this.values.length) this.reserve(this.count + 1);
    this.values[this.count++] = v;
  }
  protected make(cap: number): Int32Array {
    return new Int32Array(cap);
  }
}
export class Uint8Column extends GrowableColumn<Uint8Array> {
  constructor(cap = 16) {
    super(new Uint8Array(cap));
  }
  /** Defined per class so the store stays monomorphic (a shared one is a slow polymorphic store). */
  push(v: number): void {
    if (this.count === this.values.length) this.reserve(this.count + 1);
    this.values[this.count++] = v;
  }
  protected make(cap: number): Uint8Array {
    return new Uint8Array(cap);
  }
}

/** Number of entries in `a[0..n)` (sorted ascending) that are <= x. */
export function countLE(a: Float64Array, n: number, x: number): number {
  let lo = 0,
    hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of entries in `a[0..n)` (sorted ascending) that are < x. */
export function countLT(a: Float64Array, n: number, x: number): number {
  let lo = 0,
    hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * countLT(a, n, x) for a caller that knows the answer is at least `from` (a[from - 1] < x):
 * gallops forward, so walking a sorted column pixel by pixel costs log(gap) per step, not log(n).
 */
export function countLTFrom(a: Float64Array, n: number, x: number, from: number): number {
  let lo = Math.max(0, from),
    step = 1,
    hi = lo;
  while (hi < n && a[hi] < x) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  if (hi > n) hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** countLE(a, n, x) knowing the answer is at least `from` (a[from - 1] <= x). */
export function countLEFrom(a: Float64Array, n: number, x: number, from: number): number {
  let lo = Math.max(0, from),
    step = 1,
    hi = lo;
  while (hi < n && a[hi] <= x) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  if (hi > n) hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Time intervals [start, end) that may still be open (end = +Infinity until closed),
 * appended in start order; `activeAt(t)` answers "who is waiting at t" in request order
 * without scanning the whole history.
 */
export class Intervals {
  start = new Float64Column();
  end = new Float64Column();
  who = new Int32Column();
  /** Indices of the intervals still open (few at a time: one per waiting process). */
  private open: number[] = [];
  private maxClosed = 0;

  begin(t: number, who: number): number {
    this.start.push(t);
    this.end.push(Infinity);
    this.who.push(who);
    this.open.push(this.start.count - 1);
    return this.start.count - 1;
  }
  /** Closes the oldest open interval of `who` (there is at most one per process). */
  close(who: number, t: number): number {
    if (this.open.length === 0) return -1;
    for (let k = 0; k < this.open.length; k++) {
      const i = this.open[k];
      if (this.who.values[i] !== who) continue;
      this.end.values[i] = t;
      this.open.splice(k, 1);
      this.maxClosed = Math.max(this.maxClosed, t - this.start.values[i]);
      return i;
    }
    return -1;
  }
  isOpen(who: number): boolean {
    for (const i of this.open) if (this.who.values[i] === who) return true;
    return false;
  }
  get length(): number {
    return this.start.count;
  }
  /** Indices of intervals with start <= t < end, in start order. */
  activeAt(t: number): number[] {
    const out: number[] = [];
    const s = this.start.values,
      e = this.end.values;
    const hi = countLE(s, this.start.count, t);
    for (let i = hi - 1; i >= 0 && s[i] >= t - this.maxClosed; i--) if (e[i] > t) out.push(i);
    for (const i of this.open) if (i < hi && s[i] < t - this.maxClosed) out.push(i);
    return out.sort((x, y) => s[x] - s[y] || x - y);
  }
}
