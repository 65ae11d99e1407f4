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
import type { FromRunner } from '../protocol/host';

/**
 * A batch leaves once it holds this many events, at the end of the current turn: sending takes
 * a few hundred µs, and in the middle of handling a message it would sit between two stamps as
 * time that never passed in the lab. Only a turn that records BATCH_HARD_MAX sends mid-turn.
 */
const BATCH_MAX = 256;
const BATCH_HARD_MAX = 8 * BATCH_MAX;
const FLUSH_MS = 25;
/** Kinds still recorded after maxEvents is hit, so the end of the run is never missing. */
const ESSENTIAL = new Set<EventKind>(['run.start', 'run.end', 'run.limit', 'proc.spawn', 'proc.exit', 'diag', 'error']);
const ESSENTIAL_RESERVE = 1000;

/** Kinds whose only field is `obj`. */
export type ObjOnlyKind = { [K in EventKind]: keyof EventFields[K] extends 'obj' ? ('obj' extends keyof EventFields[K] ? K : never) : never }[EventKind];

const C_REQUEST = KIND_CODES.get('lock.request')!;
const C_ACQUIRE = KIND_CODES.get('lock.acquire')!;

export class Recorder {
  /** Every batch sent so far, in seq order. */
  readonly #sent: Uint8Array[] = [];
  /** The pending batch: its columns, its JSONL text (when there is a file), how many events it holds. */
  readonly #cols = new EventColumnsWriter();
  #text = '';
  #pending = 0;
  #count = 0;
  /** The parsed log, once someone has asked for it (the end of the run); kept up to date after. */
  #parsed: LabEvent[] | null = null;
  #timer: NodeJS.Timeout | null = null;
  #flushQueued = false;
  #t0 = performance.now();
  #lastT = 0;
  #fd: number | null = null;
  #limited = false;

  /** `onLimit` runs once, when the log reaches `maxEvents`. */
  constructor(
    private readonly send: (msg: FromRunner) => void,
    private readonly maxEvents: number,
    eventsFile: string | undefined,
    private readonly onLimit: () => void,
  ) {
    if (eventsFile) this.#fd = openSync(eventsFile, 'w');
  }

  /** Microseconds since the run started; never decreasing. */
  now(): number {
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

  /** The whole log so far, in seq order (decoded from the recorded batches the first time it is asked for). */
  get events(): LabEvent[] {
    if (!this.#parsed) {
      const pending = this.#cols.take(this.#count - this.#pending, true);
      const parsed: LabEvent[] = [];
      for (const batch of pending ? [...this.#sent, pending] : this.#sent) {
        const read = decodeEventColumns(batch, { seq: parsed.length, t: parsed.length ? parsed[parsed.length - 1].t : 0 });
        if (!read.ok) throw new Error(`the recorded log does not read back: ${read.error}`);
        for (const e of read.events) parsed.push(e);
      }
      this.#parsed = parsed;
    }
    return this.#parsed;
  }

  /** Stamps and records one event; false when a bound dropped it. */
  emit<K extends EventKind>(proc: number, kind: K, fields: EventFields[K]): boolean {
    if (this.#count >= this.maxEvents && !this.#admitPastLimit(kind)) return false;
    const t = this.now();
    this.#cols.add(t, proc, kind, fields);
    // The line of `{ v, seq, t, proc, kind, ...fields }`, without building that object.
    const body = JSON.stringify(fields);
    return this.#add(`{"v":1,"seq":${this.#count},"t":${t},"proc":${proc},"kind":"${kind}"${body.length > 2 ? `,${body.slice(1)}` : '}'}`);
  }

  /*
   * The commonest events (a lock's request, acquire and release; a queue's put and get), written
   * straight into their line and columns: the same text and batch `emit` makes
   * (test/unit/recorder-lines.test.ts holds them to it), without building an object per event.
   * A lock round trip records three of them.
   */

  /*
   * `at`: a stamp taken with now() just before, for events that happen at one instant (a request
   * granted at once, a release and the hand-off it makes): a batch sent between their lines
   * must not show up as time between them.
   */

  /** `lock.release`, `lock.timeout`, `queue.get.wait`, …: an event whose only field is `obj`. */
  emitObj(proc: number, kind: ObjOnlyKind, obj: number, at?: number): boolean {
    if (this.#count >= this.maxEvents && !this.#admitPastLimit(kind)) return false;
    const head = this.#head(proc, KIND_CODES.get(kind)!, kind, at);
    this.#cols.slot(obj);
    return this.#add(`${head},"obj":${obj}}`);
  }

  emitRequest(proc: number, obj: number, block: boolean, timeoutSec: number | undefined, at?: number): boolean {
    if (this.#count >= this.maxEvents && !this.#admitPastLimit('lock.request')) return false;
    const head = this.#head(proc, C_REQUEST, 'lock.request', at);
    const c = this.#cols;
    c.slot(obj); c.slot(block ? 1 : 0); c.slot(timeoutSec ?? NaN);
    const tail = timeoutSec === undefined ? '}' : `,"timeoutSec":${JSON.stringify(timeoutSec)}}`;
    return this.#add(`${head},"obj":${obj},"block":${block}${tail}`);
  }

  emitAcquire(proc: number, obj: number, waitedUs: number, at?: number): boolean {
    if (this.#count >= this.maxEvents && !this.#admitPastLimit('lock.acquire')) return false;
    const head = this.#head(proc, C_ACQUIRE, 'lock.acquire', at);
    this.#cols.slot(obj); this.#cols.slot(waitedUs);
    return this.#add(`${head},"obj":${obj},"waitedUs":${waitedUs}}`);
  }

  /** `queue.put` or `queue.get`; `value` is the item's preview. */
  emitItem(proc: number, kind: 'queue.put' | 'queue.get', obj: number, item: number, value: Json, size: number, at?: number): boolean {
    if (this.#count >= this.maxEvents && !this.#admitPastLimit(kind)) return false;
    const head = this.#head(proc, KIND_CODES.get(kind)!, kind, at);
    const c = this.#cols;
    const json = JSON.stringify(value) ?? 'null';
    c.slot(obj); c.slot(item);
    if (typeof value === 'number' && Number.isFinite(value)) c.slot(value);
    else { c.slot(NaN); c.rest(`{"value":${json}}`); }
    c.slot(size);
    return this.#add(`${head},"obj":${obj},"item":${item},"value":${json},"size":${size}}`);
  }

  /** Opens the event in the columns and returns its line up to its kind, stamped `at` (default: now) with the next seq. */
  #head(proc: number, code: number, kind: EventKind, at = this.now()): string {
    this.#cols.begin(at, proc, code);
    return `{"v":1,"seq":${this.#count},"t":${at},"proc":${proc},"kind":"${kind}"`;
  }

  /** At maxEvents: starts ending the run once; past it, keeps only what the end of a run needs. */
  #admitPastLimit(kind: EventKind): boolean {
    if (!this.#limited) {
      this.#limited = true;
      this.onLimit(); // records run.limit and starts ending the run
    }
    return ESSENTIAL.has(kind) && this.#count < this.maxEvents + ESSENTIAL_RESERVE;
  }

  /** Records the line of event #count (its columns are written). */
  #add(line: string): true {
    this.#count++;
    if (this.#fd !== null) this.#text += line + '\n';
    // Kept as read back from its line, like every other event of the parsed log.
    this.#parsed?.push(JSON.parse(line) as LabEvent);
    if (++this.#pending >= BATCH_HARD_MAX) this.flush();
    else if (this.#pending >= BATCH_MAX) {
      if (!this.#flushQueued) {
        this.#flushQueued = true;
        queueMicrotask(this.#endOfTurn);
      }
    } else if (!this.#timer) this.#timer = setTimeout(() => this.flush(), FLUSH_MS);
    return true;
  }

  readonly #endOfTurn = (): void => {
    this.#flushQueued = false;
    if (this.#pending >= BATCH_MAX) this.flush();
  };

  /** Sends what is batched to the parent (and the file). */
  flush(): void {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    if (this.#pending === 0) return;
    const batch = this.#cols.take(this.#count - this.#pending)!;
    this.#pending = 0;
    this.#sent.push(batch);
    if (this.#fd !== null) {
      writeSync(this.#fd, this.#text);
      this.#text = '';
    }
    this.send({ type: 'events', batch });
  }

  close(): void {
    this.flush();
    if (this.#fd !== null) closeSync(this.#fd);
    this.#fd = null;
  }
}
