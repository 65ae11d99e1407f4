/**
 * The recorder: the one clock, the event log, and its delivery. Only the runner stamps events
 * (invariant 1); they reach the parent in batches, and optionally a JSONL file as they go.
 * Each event is serialized once, into the JSONL line that the file, the parent and the log
 * kept here all share: the run's log is held as batch texts (a few thousand strings the garbage
 * collector never walks), not as millions of live objects, and parsed only if asked for.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseEventBatch } from '../protocol/eventBatch';
import type { EventFields, EventKind, LabEvent } from '../protocol/events';
import type { FromRunner } from '../protocol/host';

const BATCH_MAX = 256;
const FLUSH_MS = 25;
/** Kinds still recorded after maxEvents is hit, so the end of the run is never missing. */
const ESSENTIAL = new Set<EventKind>(['run.start', 'run.end', 'run.limit', 'proc.spawn', 'proc.exit', 'diag', 'error']);
const ESSENTIAL_RESERVE = 1000;

export class Recorder {
  /** Every batch sent so far, as JSONL text, in seq order. */
  readonly #sent: string[] = [];
  /** The pending batch as JSONL text, and how many events it holds. */
  #text = '';
  #pending = 0;
  #count = 0;
  /** The parsed log, once someone has asked for it (the end of the run); kept up to date after. */
  #parsed: LabEvent[] | null = null;
  #timer: NodeJS.Timeout | null = null;
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

  /** The whole log so far, in seq order (parsed from the recorded text the first time it is asked for). */
  get events(): LabEvent[] {
    if (!this.#parsed) {
      const parsed: LabEvent[] = [];
      for (const text of [...this.#sent, this.#text]) {
        const batch = parseEventBatch(text, parsed.length);
        if (!batch.ok) throw new Error(`the recorded log does not read back: ${batch.error}`);
        for (const e of batch.events) parsed.push(e);
      }
      this.#parsed = parsed;
    }
    return this.#parsed;
  }

  /** Stamps and records one event; returns it, or null when a bound dropped it. */
  emit<K extends EventKind>(proc: number, kind: K, fields: EventFields[K]): LabEvent | null {
    if (this.#count >= this.maxEvents) {
      if (!this.#limited) {
        this.#limited = true;
        this.onLimit(); // records run.limit and starts ending the run
      }
      if (!ESSENTIAL.has(kind) || this.#count >= this.maxEvents + ESSENTIAL_RESERVE) return null;
    }
    const e = { v: 1, seq: this.#count++, t: this.now(), proc, kind, ...fields } as unknown as LabEvent;
    const line = JSON.stringify(e);
    this.#text += line + '\n';
    // Kept as read back from its line, like every other event of the parsed log.
    this.#parsed?.push(JSON.parse(line) as LabEvent);
    if (++this.#pending >= BATCH_MAX) this.flush();
    else if (!this.#timer) this.#timer = setTimeout(() => this.flush(), FLUSH_MS);
    return e;
  }

  /** Sends what is batched to the parent (and the file). */
  flush(): void {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    if (this.#pending === 0) return;
    const jsonl = this.#text;
    this.#text = '';
    this.#pending = 0;
    this.#sent.push(jsonl);
    if (this.#fd !== null) writeSync(this.#fd, jsonl);
    this.send({ type: 'events', jsonl });
  }

  close(): void {
    this.flush();
    if (this.#fd !== null) closeSync(this.#fd);
    this.#fd = null;
  }
}
