/** Queue tracks: contents over time (FIFO windows over the puts), depth, blocked putters/getters. */
import type { Json } from '../protocol/events';
import { Float64Column, Int32Column, Intervals, countLE } from './timelineColumns';
import { StepStats } from './timelineSteps';

export class QueueTrack {
  readonly putT = new Float64Column();
  readonly putProc = new Int32Column();
  readonly putItem = new Int32Column();
  readonly putValue: Json[] = [];
  /** Index of the get that received each put (-1 until got). */
  readonly putGet = new Int32Column();
  readonly getT = new Float64Column();
  readonly getProc = new Int32Column();
  readonly getPut = new Int32Column();
  /** Depth after each change (step function), from the events' `size`. */
  readonly depthT = new Float64Column();
  readonly depthN = new Int32Column();
  readonly depthStats = new StepStats(this.depthT, this.depthN);
  /** JoinableQueue unfinished-task counter (step function). */
  readonly unfT = new Float64Column();
  readonly unfN = new Int32Column();
  readonly putWaits = new Intervals();
  readonly getWaits = new Intervals();
  readonly joinWaits = new Intervals();
  /** True while every get took the oldest item (then contents are a window of the puts). */
  fifo = true;
  maxDepth = 0;
  /** Puts of None (null): a sentinel, which the legend explains. */
  nonePuts = 0;
  private unfinished = 0;
  /** Put index by item, for gets that do not take the oldest item (built the first time one does not). */
  private byItem: Map<number, number> | null = null;

  constructor(
    readonly obj: number,
    readonly name: string,
    readonly maxsize: number,
    readonly joinable: boolean,
  ) {}

  put(t: number, proc: number, item: number, value: Json, size: number): void {
    this.putWaits.close(proc, t);
    this.byItem?.set(item, this.putT.count);
    this.putT.push(t);
    this.putProc.push(proc);
    this.putItem.push(item);
    this.putValue.push(value);
    if (value === null) this.nonePuts++;
    this.putGet.push(-1);
    this.depth(t, size);
    if (this.joinable) this.unf(t, ++this.unfinished);
  }
  get(t: number, proc: number, item: number, size: number): void {
    this.getWaits.close(proc, t);
    let p: number;
    const g = this.getT.count;
    // While every get takes the oldest item, get #g matches put #g: no lookup needed.
    if (!this.byItem && g < this.putT.count && this.putItem.values[g] === item) p = g;
    else {
      if (!this.byItem) {
        this.byItem = new Map();
        for (let i = g; i < this.putT.count; i++) this.byItem.set(this.putItem.values[i], i);
      }
      p = this.byItem.get(item) ?? -1;
      this.byItem.delete(item);
    }
    if (p !== g) this.fifo = false;
    if (p >= 0) this.putGet.set(p, this.getT.count);
    this.getT.push(t);
    this.getProc.push(proc);
    this.getPut.push(p);
    this.depth(t, size);
  }
  taskDone(t: number, unfinished: number): void {
    this.unfinished = unfinished;
    this.unf(t, unfinished);
  }
  private depth(t: number, n: number): void {
    this.depthT.push(t);
    this.depthN.push(n);
    if (n > this.maxDepth) this.maxDepth = n;
  }
  private unf(t: number, n: number): void {
    this.unfT.push(t);
    this.unfN.push(n);
  }

  depthAt(t: number): number {
    const i = countLE(this.depthT.values, this.depthT.count, t) - 1;
    return i >= 0 ? this.depthN.values[i] : 0;
  }
  unfinishedAt(t: number): number {
    const i = countLE(this.unfT.values, this.unfT.count, t) - 1;
    return i >= 0 ? this.unfN.values[i] : 0;
  }
  /** Indices (into the puts) of the oldest `limit` items in the queue at t, oldest first. */
  contentIdxAt(t: number, limit = Infinity): number[] {
    const nPut = countLE(this.putT.values, this.putT.count, t);
    const nGet = countLE(this.getT.values, this.getT.count, t);
    const out: number[] = [];
    if (this.fifo) {
      for (let i = nGet; i < nPut && out.length < limit; i++) out.push(i);
      return out;
    }
    for (let i = 0; i < nPut && out.length < limit; i++) {
      const g = this.putGet.values[i];
      if (g < 0 || this.getT.values[g] > t) out.push(i);
    }
    return out;
  }
  /** The values of the oldest `limit` items in the queue at t (all of them by default). */
  contentsAt(t: number, limit = Infinity): Json[] {
    return this.contentIdxAt(t, limit).map((i) => this.putValue[i]);
  }
}
