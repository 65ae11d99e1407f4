/** Writes event batches in columns (the layout is in `eventColumnsLayout.ts`). */
import type { EventFields, EventKind, LabEvent } from './events';
import { EventJsonlPrinter, type PendingColumns } from './eventColumnsJsonl';
import {
  BATCH_HEADER_BYTES,
  BATCH_MAGIC,
  columnOffsets,
  HAS_REST_ENTRY,
  KIND_CODES,
  KIND_LAYOUTS,
} from './eventColumnsLayout';

/** -0 becomes 0: the JSONL line says 0, and the two forms must not differ. */
const withoutNegativeZero = (x: number): number => x + 0;

/**
 * Builds batches one event at a time: `begin` an event, then its slots in field order, then
 * (if it has any) its rest entry; `take` returns the batch and starts the next.
 */
export class EventColumnsWriter {
  #t = new Float64Array(256);
  #proc = new Int32Array(256);
  #kinds = new Uint8Array(256);
  #slots = new Float64Array(1024);
  /** Events and slots written since the last take. */
  #eventCount = 0;
  #slotCount = 0;
  /** Each flagged event's rest entry, in event order. */
  #restEntries: string[] = [];
  readonly #encoder = new TextEncoder();
  /** Made at the first `jsonl` call: a run with no events file (an exploration's) never prints. */
  #jsonl: EventJsonlPrinter | null = null;

  /** Events in the batch being built. */
  get count(): number {
    return this.#eventCount;
  }

  begin(t: number, proc: number, code: number): void {
    if (this.#eventCount === this.#t.length) {
      const size = this.#eventCount * 2;
      this.#t = grow(this.#t, new Float64Array(size));
      this.#proc = grow(this.#proc, new Int32Array(size));
      this.#kinds = grow(this.#kinds, new Uint8Array(size));
    }
    this.#t[this.#eventCount] = t;
    this.#proc[this.#eventCount] = proc;
    this.#kinds[this.#eventCount++] = code;
  }

  /** The next numeric field of the current event (NaN: absent, or null where the field allows it). */
  slot(x: number): void {
    if (this.#slotCount === this.#slots.length)
      this.#slots = grow(this.#slots, new Float64Array(this.#slotCount * 2));
    this.#slots[this.#slotCount++] = withoutNegativeZero(x);
  }

  /** The current event's rest entry: a JSON object text of its fields that are not slots. */
  rest(json: string): void {
    this.#restEntries.push(json);
    this.#kinds[this.#eventCount - 1] |= HAS_REST_ENTRY;
  }

  /** Adds one event of any kind from its fields, as `EVENT_SHAPES` lays them out. */
  add<K extends EventKind>(t: number, proc: number, kind: K, fields: EventFields[K]): void {
    const code = KIND_CODES.get(kind);
    if (code === undefined) throw new Error(`unknown event kind ${JSON.stringify(kind)}`);
    this.begin(t, proc, code);
    const values = fields as Record<string, unknown>;
    let rest = '';
    for (const field of KIND_LAYOUTS[code].fields) {
      const v = values[field.name];
      if (field.carrier === 'slot')
        this.slot(
          v === undefined || v === null ? NaN : typeof v === 'boolean' ? +v : (v as number),
        );
      else if (field.carrier === 'json' && typeof v === 'number' && Number.isFinite(v))
        this.slot(v);
      else {
        if (field.carrier === 'json') this.slot(NaN);
        const text = v === undefined ? undefined : JSON.stringify(v);
        if (text !== undefined) rest += `${rest ? ',' : '{'}${JSON.stringify(field.name)}:${text}`;
      }
    }
    if (rest) this.rest(`${rest}}`);
  }

  /**
   * The batch of everything added since the last take (null when empty); `firstSeq` is its first
   * event's seq. With `keep`, the events stay for the next take (a look at the batch so far).
   */
  take(firstSeq: number, keep = false): Uint8Array | null {
    const count = this.#eventCount;
    if (count === 0) return null;
    const restCount = this.#restEntries.length;
    const restBytes = restCount
      ? this.#encoder.encode(`[${this.#restEntries.join(',')}]`)
      : new Uint8Array(0);
    const at = columnOffsets(count, this.#slotCount);
    const byteLength = Math.ceil((at.restAt + restBytes.length) / 8) * 8;
    const buf = new ArrayBuffer(byteLength);
    const header = new Uint32Array(buf, 0, 6);
    header[0] = BATCH_MAGIC;
    header[1] = byteLength;
    header[2] = count;
    header[3] = this.#slotCount;
    header[4] = restBytes.length;
    header[5] = restCount;
    new Float64Array(buf, 24, 1)[0] = firstSeq;
    new Float64Array(buf, BATCH_HEADER_BYTES, count).set(this.#t.subarray(0, count));
    new Float64Array(buf, at.slotsAt, this.#slotCount).set(
      this.#slots.subarray(0, this.#slotCount),
    );
    new Int32Array(buf, at.procAt, count).set(this.#proc.subarray(0, count));
    const bytes = new Uint8Array(buf);
    bytes.set(this.#kinds.subarray(0, count), at.kindAt);
    bytes.set(restBytes, at.restAt);
    if (keep) return bytes;
    this.#eventCount = 0;
    this.#slotCount = 0;
    this.#restEntries = [];
    return bytes;
  }

  /**
   * The events added since the last take as JSONL (see `EventJsonlPrinter`), `firstSeq` being the
   * first one's seq. The bytes are a view the next call reuses.
   */
  jsonl(firstSeq: number): Uint8Array {
    const pending: PendingColumns = {
      count: this.#eventCount,
      t: this.#t,
      proc: this.#proc,
      kinds: this.#kinds,
      slots: this.#slots,
      restEntries: this.#restEntries,
    };
    return (this.#jsonl ??= new EventJsonlPrinter()).print(pending, firstSeq);
  }
}

function grow<T extends Float64Array | Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** Events in columns, for tests, tools and the bench: the batch a runner would send for them. */
export function encodeEvents(events: readonly LabEvent[]): Uint8Array {
  const writer = new EventColumnsWriter();
  for (const e of events) {
    const { v: _v, seq: _seq, t, proc, kind, ...fields } = e;
    writer.add(t, proc, kind, fields as never);
  }
  return writer.take(events.length ? events[0].seq : 0) ?? new Uint8Array(0);
}

/**
 * Concatenates batches into one buffer (batches are self-delimiting). Batches read by
 * `decodeEventColumns` are already in buffers of their own, so a lone one is passed on as it is.
 */
export function joinBatches(batches: readonly Uint8Array[]): Uint8Array {
  if (batches.length === 1) return batches[0];
  let size = 0;
  for (const b of batches) size += b.byteLength;
  const out = new Uint8Array(size);
  let at = 0;
  for (const b of batches) {
    out.set(b, at);
    at += b.byteLength;
  }
  return out;
}
