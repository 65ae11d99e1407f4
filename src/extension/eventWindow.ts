/**
 * The bounded memory a run keeps in the extension host, and the batching of events towards
 * views. No vscode imports: unit tests and the bench measure this directly.
 */
import { decodeEventColumns, joinBatches } from '../protocol/eventColumns';
import type { EventKind, LabEvent } from '../protocol/events';
import { ESSENTIAL_KINDS } from '../protocol/eventRoles';

/** The kinds the extension host decodes into objects: the structural ones and printed lines (for its log). */
export const HOST_KINDS: ReadonlySet<EventKind> = new Set<EventKind>([...ESSENTIAL_KINDS, 'log']);

/** A batch of a run as the host receives it: checked, in columns, with its events of `HOST_KINDS` decoded. */
export interface CheckedBatch {
  /** The batch in columns, in a buffer of its own (as `decodeEventColumns` returns it). */
  bytes: Uint8Array;
  count: number;
  firstSeq: number;
  /** Its events of the kinds the host decodes (at least the structural ones), in seq order. */
  events: LabEvent[];
}

/**
 * Holds at most `capacity` events of one run: every structural event (up to a quarter of the
 * capacity) plus the most recent events, kept as the batches they came in (bytes, not objects:
 * a flood costs the host no object per event). `snapshot()` decodes them, in seq order.
 */
export class EventWindow {
  private readonly structural: LabEvent[] = [];
  /** Recent batches, oldest first from `head`. */
  private batches: { bytes: Uint8Array; firstSeq: number; count: number }[] = [];
  private head = 0;
  private _total = 0;
  private nextSeq = 0;
  private readonly structuralCap: number;
  private readonly recentCap: number;

  constructor(readonly capacity: number) {
    if (!(capacity >= 4)) throw new RangeError('capacity must be at least 4');
    this.structuralCap = Math.floor(capacity / 4);
    this.recentCap = capacity - this.structuralCap;
  }

  /** Events seen since the run began. */
  get total(): number {
    return this._total;
  }
  /** Events held now. */
  get size(): number {
    const from = this.heldFrom();
    return this.structuralBefore(from) + (this.nextSeq - from);
  }
  /** Events seen but no longer held. */
  get dropped(): number {
    return this._total - this.size;
  }
  /** Bytes of the recent batches held. */
  get heldBytes(): number {
    let n = 0;
    for (let i = this.head; i < this.batches.length; i++) n += this.batches[i].bytes.byteLength;
    return n;
  }

  push(batch: CheckedBatch): void {
    if (batch.count === 0) return;
    this._total += batch.count;
    this.nextSeq = batch.firstSeq + batch.count;
    for (const e of batch.events) {
      if (ESSENTIAL_KINDS.has(e.kind) && this.structural.length < this.structuralCap)
        this.structural.push(e);
    }
    this.batches.push({ bytes: batch.bytes, firstSeq: batch.firstSeq, count: batch.count });
    const from = this.nextSeq - this.recentCap;
    while (
      this.head < this.batches.length - 1 &&
      this.batches[this.head].firstSeq + this.batches[this.head].count <= from
    )
      this.head++;
    if (this.head > 64 && this.head * 2 > this.batches.length) {
      this.batches = this.batches.slice(this.head);
      this.head = 0;
    }
  }

  /** The held events in seq order (structural and recent merged). */
  snapshot(): LabEvent[] {
    const from = this.heldFrom();
    const out: LabEvent[] = [];
    for (const e of this.structural)
      if (e.seq < from) out.push(e);
      else break;
    for (let i = this.head; i < this.batches.length; i++) {
      const b = this.batches[i];
      // Checked when it arrived; read again only here (a view opening, the run ending).
      const read = decodeEventColumns(b.bytes);
      if (!read.ok) throw new Error(`a held batch does not read back: ${read.error}`);
      for (const e of read.events) if (e.seq >= from) out.push(e);
    }
    return out;
  }

  /** The first seq held among the recent events. */
  private heldFrom(): number {
    const first = this.head < this.batches.length ? this.batches[this.head].firstSeq : this.nextSeq;
    return Math.max(first, this.nextSeq - this.recentCap);
  }

  /** Structural events held before seq `from` (the rest are among the recent batches). */
  private structuralBefore(from: number): number {
    let lo = 0,
      hi = this.structural.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.structural[mid].seq < from) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * Coalesces event batches so a view gets at most one message per interval (or per `maxBatch`
 * events), never one per event. Batches stay the runner's columns: batches are self-delimiting,
 * so coalescing is one copy of their bytes, no per-event work, and the view gets one buffer.
 */
export class EventBatcher {
  private pending: Uint8Array[] = [];
  private count = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly deliver: (cols: Uint8Array, count: number) => void,
    private readonly intervalMs = 33,
    /**
     * Only a flood fills a message before the interval ends. Then each message carries its own costs
     * on both sides (the post, its transfer, the view's check and update), which dominate below about
     * ten thousand events; 16k events are ~0.5 MB and ~15 ms of the view's time.
     */
    private readonly maxBatch = 16_384,
  ) {}

  /** Adds a batch of `count` events in columns (as the runner sent it). */
  add(batch: Uint8Array, count: number): void {
    if (count === 0) return;
    this.pending.push(batch);
    this.count += count;
    if (this.count >= this.maxBatch) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Delivers what is pending now (before an `ended` message, for instance). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.count) return;
    const { pending, count } = this;
    this.pending = [];
    this.count = 0;
    this.deliver(joinBatches(pending), count);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
    this.count = 0;
  }
}
