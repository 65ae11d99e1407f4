/**
 * The bounded memory a run keeps in the extension host, and the batching of events towards
 * views. No vscode imports: unit tests and the bench measure this directly.
 */
import { joinBatches } from '../protocol/eventColumns';
import type { EventKind, LabEvent } from '../protocol/events';

/** Events a late-opened view needs to draw lanes and objects; kept while the rest scrolls away. */
const STRUCTURAL: ReadonlySet<EventKind> = new Set<EventKind>([
  'run.start', 'run.end', 'run.limit', 'proc.spawn', 'proc.exit',
  'lock.create', 'queue.create', 'file.create', 'diag', 'error',
]);

/**
 * Holds at most `capacity` events of one run: every structural event (up to a quarter of the
 * capacity) plus the most recent others in a ring. `snapshot()` returns them in seq order.
 */
export class EventWindow {
  private readonly structural: LabEvent[] = [];
  private readonly ring: (LabEvent | undefined)[];
  private ringStart = 0;
  private ringSize = 0;
  private _total = 0;
  private readonly structuralCap: number;

  constructor(readonly capacity: number) {
    if (!(capacity >= 4)) throw new RangeError('capacity must be at least 4');
    this.structuralCap = Math.floor(capacity / 4);
    this.ring = new Array(capacity - this.structuralCap);
  }

  /** Events seen since the run began. */
  get total(): number { return this._total; }
  /** Events held now. */
  get size(): number { return this.structural.length + this.ringSize; }
  /** Events seen but no longer held. */
  get dropped(): number { return this._total - this.size; }

  push(events: readonly LabEvent[]): void {
    for (const e of events) {
      this._total++;
      if (STRUCTURAL.has(e.kind) && this.structural.length < this.structuralCap) {
        this.structural.push(e);
        continue;
      }
      const cap = this.ring.length;
      if (this.ringSize < cap) {
        this.ring[(this.ringStart + this.ringSize) % cap] = e;
        this.ringSize++;
      } else {
        this.ring[this.ringStart] = e;
        this.ringStart = (this.ringStart + 1) % cap;
      }
    }
  }

  /** The held events in seq order (structural and recent merged). */
  snapshot(): LabEvent[] {
    const recent: LabEvent[] = [];
    for (let i = 0; i < this.ringSize; i++) recent.push(this.ring[(this.ringStart + i) % this.ring.length]!);
    const out: LabEvent[] = [];
    let a = 0;
    let b = 0;
    while (a < this.structural.length || b < recent.length) {
      const takeA = b >= recent.length || (a < this.structural.length && this.structural[a].seq < recent[b].seq);
      out.push(takeA ? this.structural[a++] : recent[b++]);
    }
    return out;
  }

  /** The first event of a kind still held (run.start, run.end). */
  find<K extends EventKind>(kind: K): Extract<LabEvent, { kind: K }> | undefined {
    const hit = this.structural.find((e) => e.kind === kind);
    if (hit) return hit as Extract<LabEvent, { kind: K }>;
    for (let i = 0; i < this.ringSize; i++) {
      const e = this.ring[(this.ringStart + i) % this.ring.length]!;
      if (e.kind === kind) return e as Extract<LabEvent, { kind: K }>;
    }
    return undefined;
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
    private readonly maxBatch = 5000,
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
