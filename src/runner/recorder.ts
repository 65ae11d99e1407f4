/**
 * The recorder: the one clock, the event log, and its delivery. Only the runner stamps events
 * (invariant 1); they reach the parent in batches in columns (`eventColumns.ts`), and optionally
 * a JSONL file as they go. The run's log is kept here as those batches (a few thousand byte
 * arrays the garbage collector never walks), not as millions of live objects, and decoded only
 * if asked for.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { decodeEventColumns, EventColumnsWriter, KIND_CODES } from '../protocol/eventColumns';
import type { EventFields, EventKind, Json, LabEvent } from '../protocol/events';
import { ESSENTIAL_KINDS } from '../protocol/eventRoles';
import type { FromRunner } from '../protocol/host';
import { DIAGNOSED_KINDS, Diagnosis } from '../model/diagnose';

/**
 * A batch leaves once it holds this many events, at the end of the current turn: sending takes
 * a few hundred µs, and in the middle of handling a message it would sit between two stamps as
 * time that never passed in the lab. Only a turn that records BATCH_HARD_MAX sends mid-turn.
 */
const BATCH_MAX = 256;
const BATCH_HARD_MAX = 8 * BATCH_MAX;
const FLUSH_MS = 25;
/** How many essential events (`ESSENTIAL_KINDS`) are still recorded after maxEvents is hit, so the end of the run is never missing. */
const ESSENTIAL_RESERVE = 1000;

/** Kinds whose only fields are `obj` and the call's `site` (both, so the slots are two). */
export type ObjOnlyKind = {
  [K in EventKind]: keyof EventFields[K] extends 'obj' | 'site'
    ? 'obj' | 'site' extends keyof EventFields[K]
      ? K
      : never
    : never;
}[EventKind];

const C_REQUEST = KIND_CODES.get('lock.request')!;
const C_ACQUIRE = KIND_CODES.get('lock.acquire')!;

/** The seq of a batch's first event (its header's last field). */
const firstSeqOf = (batch: Uint8Array): number =>
  new DataView(batch.buffer, batch.byteOffset + 24, 8).getFloat64(0, true);

export class Recorder {
  /** Every batch sent so far, in seq order. */
  readonly #sent: Uint8Array[] = [];
  /** The pending batch (its columns; the file's lines are written from them) and how many events it holds. */
  readonly #cols = new EventColumnsWriter();
  #pending = 0;
  #count = 0;
  /** The parsed log, once someone has asked for it (the end of the run); brought up to date when asked again. */
  #parsed: LabEvent[] = [];
  #timer: NodeJS.Timeout | null = null;
  #flushQueued = false;
  #t0 = performance.now();
  #lastT = 0;
  #fd: number | null = null;
  #limited = false;
  /** The time of the latest event recorded. */
  #lastEventT = 0;
  #batchesDecoded = 0;
  /**
   * The run's diagnosis, fed each event as it is recorded: the end of the run reads its findings
   * at once instead of decoding the whole log again.
   */
  readonly diagnosis = new Diagnosis();

  /** `onLimit` runs once, when the log reaches `maxEvents`. */
  constructor(
    private readonly send: (msg: FromRunner) => void,
    private readonly maxEvents: number,
    eventsFile: string | undefined,
    private readonly onLimit: () => void,
  ) {
    if (eventsFile) this.#fd = openSync(eventsFile, 'w');
  }

  /** A controlled schedule's virtual clock (µs, never decreasing) stamps events instead of real time. */
  #virtual: (() => number) | null = null;

  useVirtualClock(clock: () => number): void {
    this.#virtual = clock;
  }

  /**
   * Lab time 0 is `run.start`: the runner may have been up for a while (booting spare processes,
   * loading the lab), and that time is not the lab's: the clock restarts as `run.start` is recorded.
   */
  #startClock(): number {
    this.#t0 = performance.now();
    this.#lastT = 0;
    return 0;
  }

  /** Microseconds since the run started; never decreasing. */
  now(): number {
    if (this.#virtual) return this.#virtual();
    const t = Math.floor((performance.now() - this.#t0) * 1000);
    if (t > this.#lastT) this.#lastT = t;
    return this.#lastT;
  }

  get limited(): boolean {
    return this.#limited;
  }

  /** Events recorded so far. */
  get count(): number {
    return this.#count;
  }

  /** The time of the latest event recorded (µs). */
  get lastEventT(): number {
    return this.#lastEventT;
  }

  /** How many recorded batches were decoded back into events (`events`), all told. */
  get batchesDecoded(): number {
    return this.#batchesDecoded;
  }

  /**
   * The whole log so far, in seq order: decoded from the recorded batches when asked for (the end
   * of a run), and only the events recorded since when asked again.
   */
  get events(): LabEvent[] {
    const parsed = this.#parsed;
    if (parsed.length === this.#count) return parsed;
    const pending = this.#cols.take(this.#count - this.#pending, true);
    const batches = pending ? [...this.#sent, pending] : this.#sent;
    // The batches from the one that holds the first event not yet parsed.
    let from = batches.length;
    while (from > 0 && firstSeqOf(batches[from - 1]) >= parsed.length) from--;
    if (from > 0) from--;
    for (let b = from; b < batches.length; b++) {
      const read = decodeEventColumns(batches[b]);
      this.#batchesDecoded++;
      if (!read.ok) throw new Error(`the recorded log does not read back: ${read.error}`);
      for (const e of read.events) if (e.seq === parsed.length) parsed.push(e);
    }
    if (parsed.length !== this.#count)
      throw new Error(`the recorded log reads back ${parsed.length} of ${this.#count} events`);
    return parsed;
  }

  /** Stamps and records one event; false when a bound dropped it. */
  emit<K extends EventKind>(proc: number, kind: K, fields: EventFields[K]): boolean {
    if (this.#count >= this.maxEvents && !this.#admitPastLimit(kind)) return false;
    const t = kind === 'run.start' && this.#count === 0 ? this.#startClock() : this.now();
    this.#cols.add(t, proc, kind, fields);
    if (DIAGNOSED_KINDS.has(kind))
      this.diagnosis.add({ v: 1, seq: this.#count, t, proc, kind, ...fields } as LabEvent);
    return this.#add(t);
  }

  /*
   * The commonest events (a lock's request, acquire and release; a queue's put and get), written
   * straight into their columns: the same batch (and so the same line) `emit` makes
   * (test/unit/recorder-lines.test.ts holds them to it), without building an object per event.
   * A lock round trip records three of them.
   */

  /*
   * `at`: a stamp taken with now() just before, for events that happen at one instant (a request
   * granted at once, a release and the hand-off it makes): a batch sent between their lines
   * must not show up as time between them.
   */

  /*
   * `site`: the run's id of the call site of lab code that made the call (src/runner/sites.ts),
   * undefined when the call named none; it is every such kind's last field.
   */

  /** `lock.release`, `lock.timeout`, `queue.get.wait`, …: an event whose only fields are `obj` and `site`. */
  emitObj(
    proc: number,
    kind: ObjOnlyKind,
    obj: number,
    site: number | undefined,
    at?: number,
  ): boolean {
    if (this.#count >= this.maxEvents && !this.#admitPastLimit(kind)) return false;
    const t = at ?? this.now();
    this.#cols.begin(t, proc, KIND_CODES.get(kind)!);
    this.#cols.slot(obj);
    this.#cols.slot(site ?? NaN);
    if (kind === 'lock.release') this.diagnosis.lockRelease(obj);
    else if (kind === 'lock.timeout') this.diagnosis.lockTimeout(obj, proc, t);
    else if (DIAGNOSED_KINDS.has(kind)) {
      const fields = site === undefined ? { obj } : { obj, site };
      this.diagnosis.add({ v: 1, seq: this.#count, t, proc, kind, ...fields } as LabEvent);
    }
    return this.#add(t);
  }

  emitRequest(
    proc: number,
    obj: number,
    block: boolean,
    timeoutSec: number | undefined,
    site: number | undefined,
    at?: number,
  ): boolean {
    if (this.#count >= this.maxEvents && !this.#admitPastLimit('lock.request')) return false;
    const c = this.#cols;
    const t = at ?? this.now();
    c.begin(t, proc, C_REQUEST);
    c.slot(obj);
    c.slot(block ? 1 : 0);
    c.slot(timeoutSec ?? NaN);
    c.slot(site ?? NaN);
    this.diagnosis.lockRequest(obj, proc, this.#count, t);
    return this.#add(t);
  }

  emitAcquire(
    proc: number,
    obj: number,
    waitedUs: number,
    site: number | undefined,
    at?: number,
  ): boolean {
    if (this.#count >= this.maxEvents && !this.#admitPastLimit('lock.acquire')) return false;
    const c = this.#cols;
    const t = at ?? this.now();
    c.begin(t, proc, C_ACQUIRE);
    c.slot(obj);
    c.slot(waitedUs);
    c.slot(site ?? NaN);
    this.diagnosis.lockAcquire(obj, proc, this.#count, t, waitedUs);
    return this.#add(t);
  }

  /** `queue.put` or `queue.get`; `value` is the item's preview. */
  emitItem(
    proc: number,
    kind: 'queue.put' | 'queue.get',
    obj: number,
    item: number,
    value: Json,
    size: number,
    site: number | undefined,
    at?: number,
  ): boolean {
    if (this.#count >= this.maxEvents && !this.#admitPastLimit(kind)) return false;
    const c = this.#cols;
    const t = at ?? this.now();
    c.begin(t, proc, KIND_CODES.get(kind)!);
    c.slot(obj);
    c.slot(item);
    if (typeof value === 'number' && Number.isFinite(value)) c.slot(value);
    else {
      c.slot(NaN);
      c.rest(`{"value":${JSON.stringify(value) ?? 'null'}}`);
    }
    c.slot(size);
    c.slot(site ?? NaN);
    this.diagnosis.queueItem(kind, obj, proc, this.#count);
    return this.#add(t);
  }

  /** At maxEvents: starts ending the run once; past it, keeps only what the end of a run needs. */
  #admitPastLimit(kind: EventKind): boolean {
    if (!this.#limited) {
      this.#limited = true;
      this.onLimit(); // records run.limit and starts ending the run
    }
    return ESSENTIAL_KINDS.has(kind) && this.#count < this.maxEvents + ESSENTIAL_RESERVE;
  }

  /** Counts event #count (at `t`), whose columns are written, and sees that its batch leaves. */
  #add(t: number): true {
    this.#lastEventT = t;
    this.#count++;
    if (++this.#pending >= BATCH_HARD_MAX) this.flush();
    else if (this.#pending >= BATCH_MAX) {
      if (!this.#flushQueued) {
        this.#flushQueued = true;
        queueMicrotask(this.#endOfTurn);
      }
    } else if (!this.#timer) this.#timer = setTimeout(this.#flushDue, FLUSH_MS);
    return true;
  }

  /**
   * The flush timer is not cleared when a batch leaves early (full at the end of a turn): the next
   * events then leave when it fires, sooner than FLUSH_MS after them, never later. A flood would
   * otherwise arm and clear a timer per batch (2 % of the recorder's time in the pipeline bench).
   */
  readonly #flushDue = (): void => {
    this.#timer = null;
    this.flush();
  };

  readonly #endOfTurn = (): void => {
    this.#flushQueued = false;
    if (this.#pending >= BATCH_MAX) this.flush();
  };

  /** Sends what is batched to the parent (and the file). */
  flush(): void {
    if (this.#pending === 0) return;
    const firstSeq = this.#count - this.#pending;
    if (this.#fd !== null) writeSync(this.#fd, this.#cols.jsonl(firstSeq));
    const batch = this.#cols.take(firstSeq)!;
    this.#pending = 0;
    this.#sent.push(batch);
    this.send({ type: 'events', batch });
  }

  close(): void {
    this.flush();
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#fd !== null) closeSync(this.#fd);
    this.#fd = null;
  }
}
