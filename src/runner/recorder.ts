/**
 * The recorder: the one clock, the event log, and its delivery. Only the runner stamps events
 * (invariant 1); they reach the parent in batches, and optionally a JSONL file as they go.
 * Each event is serialized once, into the JSONL line that both the file and the parent get.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { EventFields, EventKind, LabEvent } from '../protocol/events';
import type { FromRunner } from '../protocol/host';

const BATCH_MAX = 256;
const FLUSH_MS = 25;
/** Kinds still recorded after maxEvents is hit, so the end of the run is never missing. */
const ESSENTIAL = new Set<EventKind>(['run.start', 'run.end', 'run.limit', 'proc.spawn', 'proc.exit', 'diag', 'error']);
const ESSENTIAL_RESERVE = 1000;

export class Recorder {
  readonly events: LabEvent[] = [];
  /** The pending batch as JSONL text, and how many events it holds. */
  #text = '';
  #count = 0;
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

  /** Stamps and records one event; returns it, or null when a bound dropped it. */
  emit<K extends EventKind>(proc: number, kind: K, fields: EventFields[K]): LabEvent | null {
    if (this.events.length >= this.maxEvents) {
      if (!this.#limited) {
        this.#limited = true;
        this.onLimit(); // records run.limit and starts ending the run
      }
      if (!ESSENTIAL.has(kind) || this.events.length >= this.maxEvents + ESSENTIAL_RESERVE) return null;
    }
    const seq = this.events.length;
    const e = { v: 1, seq, t: this.now(), proc, kind, ...fields } as unknown as LabEvent;
    this.events.push(e);
    this.#text += JSON.stringify(e) + '\n';
    if (++this.#count >= BATCH_MAX) this.flush();
    else if (!this.#timer) this.#timer = setTimeout(() => this.flush(), FLUSH_MS);
    return e;
  }

  /** Sends what is batched to the parent (and the file). */
  flush(): void {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    if (this.#count === 0) return;
    const jsonl = this.#text;
    this.#text = '';
    this.#count = 0;
    if (this.#fd !== null) writeSync(this.#fd, jsonl);
    this.send({ type: 'events', jsonl });
  }

  close(): void {
    this.flush();
    if (this.#fd !== null) closeSync(this.#fd);
    this.#fd = null;
  }
}
