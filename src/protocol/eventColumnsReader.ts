/**
 * Reads event batches in columns (the layout is in `eventColumnsLayout.ts`): checks every event
 * of them as a JSONL line would be checked, that seq runs on without a gap and that time never
 * goes backwards; and builds objects for the kinds a receiver picks (`eventColumnsCursor.ts`
 * visits the others without building any).
 */
import { PROTOCOL_VERSION, type EventKind, type LabEvent } from './events';
import {
  BATCH_HEADER_BYTES,
  BATCH_MAGIC,
  columnOffsets,
  HAS_REST_ENTRY,
  IS_LITTLE_ENDIAN,
  KIND_CODES,
  KIND_LAYOUTS,
  MAX_BATCH_BYTES,
  MAX_BATCH_EVENTS,
  NUMBER_CHECK,
  NUMBER_CHECK_OPTIONAL,
  type BatchColumns,
} from './eventColumnsLayout';
import { isRecord, typeName } from './schema';

/** What a buffer of batches held, once checked. */
export interface ColumnsRead {
  ok: true;
  /** The events, or with `pick` only those of the picked kinds (every event is checked either way). */
  events: LabEvent[];
  /** Events in the buffer, the seq of the first, the stamp of the last. */
  count: number;
  firstSeq: number;
  lastT: number;
  /**
   * The buffer, 8-byte aligned and in an ArrayBuffer of its own: a copy when it arrived misaligned
   * or as a view into a larger buffer (an IPC read), which a holder would otherwise keep alive
   * whole, and which a webview transfer would send whole.
   */
  bytes: Uint8Array;
  /** Each batch's columns, and which kinds have objects in `events` (null: all), for `visitEventColumns`. */
  batches: BatchColumns[];
  picked: Uint8Array | null;
}
export type ColumnsResult = ColumnsRead | { ok: false; error: string };

/** Where a run's log stands: the seq the next event must have (unchecked when absent) and the time it may not go below. */
export interface LogPosition {
  seq?: number;
  t: number;
}

/**
 * Reads one or more concatenated batches, checking every event against protocol v1, into event
 * objects: all of them, or with `pick` just those of the kinds it names (a receiver that only
 * forwards a run and keeps a few kinds builds no object for the rest). With `from`, the first
 * event must have seq `from.seq` and no time may be below `from.t`; the batches must continue one
 * another either way. Never throws: a bad buffer is rejected whole.
 */
export function decodeEventColumns(
  bytes: unknown,
  from?: LogPosition,
  pick?: ReadonlySet<EventKind>,
): ColumnsResult {
  if (!(bytes instanceof Uint8Array)) return { ok: false, error: 'an event batch must be bytes' };
  if (!IS_LITTLE_ENDIAN) return { ok: false, error: 'event batches need a little-endian platform' };
  if (bytes.byteLength > MAX_BATCH_BYTES)
    return { ok: false, error: `an event batch of ${bytes.byteLength} bytes is too large` };
  if (bytes.byteLength === 0) return { ok: false, error: 'an event batch is empty' };
  const data =
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
  const reader: BatchReader = {
    data,
    events: [],
    picked: pick ? pickedCodes(pick) : null,
    seq: from?.seq,
    lastT: from?.t ?? 0,
  };
  const batches: BatchColumns[] = [];
  let count = 0;
  let at = 0;
  while (at < data.byteLength) {
    const batch = readBatch(reader, at);
    if (typeof batch === 'string') return { ok: false, error: batch };
    batches.push(batch.columns);
    count += batch.columns.count;
    at += batch.byteLength;
    reader.seq = batch.columns.firstSeq + batch.columns.count;
  }
  return {
    ok: true,
    events: reader.events,
    count,
    firstSeq: batches[0].firstSeq,
    lastT: reader.lastT,
    bytes: data,
    batches,
    picked: reader.picked,
  };
}

/**
 * A stateless codec, made once (making one costs more than decoding a batch's text). Bytes that
 * are not UTF-8 are refused, not replaced: the batch is then not what the runner sent.
 */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** One flag per kind code: 1 when the kind is picked. */
function pickedCodes(kinds: ReadonlySet<EventKind>): Uint8Array {
  const picked = new Uint8Array(KIND_LAYOUTS.length);
  for (const k of kinds) picked[KIND_CODES.get(k)!] = 1;
  return picked;
}

/** The state of one `decodeEventColumns` call, carried from batch to batch. */
interface BatchReader {
  data: Uint8Array;
  events: LabEvent[];
  picked: Uint8Array | null;
  /** The seq the next batch must start at (unchecked when undefined), and the latest stamp. */
  seq: number | undefined;
  lastT: number;
}

// Plain constants, not property loads: these are compared for every numeric field of a flood.
const CHECK_INT = NUMBER_CHECK.int,
  CHECK_UINT = NUMBER_CHECK.uint,
  CHECK_BOOL = NUMBER_CHECK.bool,
  CHECK_INT_OR_NULL = NUMBER_CHECK['int|null'];

/** Whether an event's slots `slots[first…]` hold valid values for the fields `checks` describes (see KindLayout.numbersOnlyCheck). */
function numbersAreValid(checks: Uint8Array, slots: Float64Array, first: number): boolean {
  for (let j = 0; j < checks.length; j++) {
    const check = checks[j],
      x = slots[first + j];
    if (x !== x) {
      // NaN: absent, or null
      if (check & NUMBER_CHECK_OPTIONAL || check === CHECK_INT_OR_NULL) continue;
      return false;
    }
    switch (check & 7) {
      case CHECK_INT:
      case CHECK_INT_OR_NULL:
        if (!Number.isSafeInteger(x)) return false;
        break;
      case CHECK_UINT:
        if (!Number.isSafeInteger(x) || x < 0) return false;
        break;
      case CHECK_BOOL:
        if (x !== 0 && x !== 1) return false;
        break;
      default:
        if (!Number.isFinite(x)) return false; // num, and a json value that is a number
    }
  }
  return true;
}

/** The header and columns of the batch at `at`, or what is wrong with them. */
function readColumns(
  reader: BatchReader,
  at: number,
): { byteLength: number; columns: BatchColumns } | string {
  const { data } = reader;
  const left = data.byteLength - at;
  if (left < BATCH_HEADER_BYTES)
    return `an event batch is cut short (${left} bytes where a header needs ${BATCH_HEADER_BYTES})`;
  const buf = data.buffer;
  const base = data.byteOffset + at;
  const header = new Uint32Array(buf, base, 6);
  if (header[0] !== BATCH_MAGIC) return 'not an event batch (wrong magic number)';
  const byteLength = header[1],
    count = header[2],
    slotCount = header[3],
    restBytes = header[4],
    restCount = header[5];
  const firstSeq = new Float64Array(buf, base + 24, 1)[0];
  if (byteLength % 8 !== 0 || byteLength > left)
    return `an event batch says it is ${byteLength} bytes where ${left} are left`;
  if (count === 0 || count > MAX_BATCH_EVENTS) return `an event batch of ${count} events`;
  if (!Number.isSafeInteger(firstSeq) || firstSeq < 0)
    return `an event batch starts at seq ${firstSeq}`;
  if (reader.seq !== undefined && firstSeq !== reader.seq)
    return `seq ${firstSeq} where ${reader.seq} was expected`;
  const offsets = columnOffsets(count, slotCount);
  if (offsets.restAt + restBytes > byteLength)
    return `an event batch's columns need ${offsets.restAt + restBytes} bytes where it has ${byteLength}`;
  let rest: unknown[] = [];
  if (restCount > 0) {
    try {
      const text = UTF8.decode(new Uint8Array(buf, base + offsets.restAt, restBytes));
      rest = JSON.parse(text) as unknown[];
    } catch (err) {
      return `an event batch's text fields do not read (${(err as Error).message})`;
    }
    if (!Array.isArray(rest) || rest.length !== restCount)
      return `an event batch's text fields are not ${restCount} entries`;
  } else if (restBytes !== 0) return 'an event batch has text fields but no entries for them';
  const columns: BatchColumns = {
    firstSeq,
    count,
    t: new Float64Array(buf, base + BATCH_HEADER_BYTES, count),
    slots: new Float64Array(buf, base + offsets.slotsAt, slotCount),
    proc: new Int32Array(buf, base + offsets.procAt, count),
    kinds: new Uint8Array(buf, base + offsets.kindAt, count),
    rest,
  };
  return { byteLength, columns };
}

/** Reads and checks the batch at `at`, adding the picked events to `reader.events`. */
function readBatch(
  reader: BatchReader,
  at: number,
): { byteLength: number; columns: BatchColumns } | string {
  const read = readColumns(reader, at);
  if (typeof read === 'string') return read;
  const { firstSeq, count, t, slots, proc, kinds, rest } = read.columns;
  const { picked, events } = reader;
  // Imports read once per batch, not once per event (a test runner's module shim makes each a call).
  const layouts = KIND_LAYOUTS,
    restFlag = HAS_REST_ENTRY;
  let lastT = reader.lastT;
  let slot = 0;
  let restIndex = 0;
  const where = (i: number) => `event ${i + 1} of the batch (seq ${firstSeq + i})`;
  for (let i = 0; i < count; i++) {
    const code = kinds[i] & ~restFlag;
    const layout = layouts[code];
    if (!layout) return `${where(i)}: unknown event kind code ${code}`;
    const ti = t[i];
    if (!Number.isSafeInteger(ti) || ti < 0)
      return `${where(i)}: ${layout.kind}: field "t" is not uint`;
    if (ti < lastT) return `${where(i)}: time went backwards (${ti} < ${lastT})`;
    lastT = ti;
    let entry: Record<string, unknown> | undefined;
    if (kinds[i] & restFlag) {
      const x = rest[restIndex++];
      if (!isRecord(x)) return `${where(i)}: ${layout.kind}: its text fields are not an object`;
      for (const k in x)
        if (!layout.restFieldNames.has(k))
          return `${where(i)}: ${layout.kind}: unknown field "${k}"`;
      entry = x;
    } else if (layout.alwaysHasRest)
      return `${where(i)}: ${layout.kind}: its text fields are missing`;
    if (slot + layout.slotCount > slots.length)
      return `${where(i)}: the batch has too few numeric fields`;
    const wanted = !picked || picked[code] === 1;
    // An event of a kind not picked, with numbers only: checked straight from its slots. Anything
    // wrong, and the full check below runs to say what.
    if (!wanted && !entry && layout.numbersOnlyCheck) {
      if (numbersAreValid(layout.numbersOnlyCheck, slots, slot)) {
        slot += layout.slotCount;
        continue;
      }
    }
    // An event of a kind not picked is checked all the same, but no object is built for it.
    const e: Record<string, unknown> | null = wanted
      ? { v: PROTOCOL_VERSION, seq: firstSeq + i, t: ti, proc: proc[i], kind: layout.kind }
      : null;
    for (const field of layout.fields) {
      let v: unknown;
      if (field.carrier === 'rest') v = entry?.[field.name];
      else {
        const x = slots[slot++];
        if (field.carrier === 'json') {
          const fromRest = entry?.[field.name];
          if (x === x) {
            // a number
            if (fromRest !== undefined)
              return `${where(i)}: ${layout.kind}: field "${field.name}" is given twice`;
            v = x;
          } else v = fromRest;
        } else if (x !== x) v = field.slotReads === 'null' ? null : undefined;
        else v = field.slotReads === 'bool' ? (x === 1 ? true : x === 0 ? false : x) : x;
      }
      if (v === undefined) {
        if (field.optional) continue;
        return `${where(i)}: ${layout.kind}: missing field "${field.name}"`;
      }
      if (!field.test(v))
        return `${where(i)}: ${layout.kind}: field "${field.name}" is not ${typeName(field.type)}`;
      if (e) e[field.name] = v;
    }
    if (e) events.push(e as unknown as LabEvent);
  }
  if (slot !== slots.length)
    return `an event batch has ${slots.length} numeric fields where its events use ${slot}`;
  if (restIndex !== rest.length)
    return `an event batch has ${rest.length} text entries where its events use ${restIndex}`;
  reader.lastT = lastT;
  return read;
}
