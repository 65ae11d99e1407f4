/**
 * Event batches in columns: the binary form a run's events travel in, from the runner to its
 * parent and on to webviews. The log file stays JSONL (one event per line); on the wire a batch
 * is a few typed arrays and one short JSON text, so no receiver parses a line per event:
 *
 *   header (32 bytes, little-endian)  u32 magic, u32 byteLength (a multiple of 8), u32 count,
 *                                     u32 slots, u32 restBytes, u32 restCount, f64 firstSeq
 *   t       f64 × count               the runner's stamp of each event (µs)
 *   slots   f64 × slots               the numeric fields of every event, in field order
 *   proc    i32 × count
 *   kind    u8  × count               index into EVENT_KINDS; bit 7 set when the event has a rest entry
 *   rest    UTF-8 JSON array          one object per flagged event: its fields that are not numbers
 *   (zero padding up to byteLength)
 *
 * Which field goes where follows from `EVENT_SHAPES`, the one protocol definition: int, uint,
 * num and bool fields (and required int|null) take one slot each, NaN when absent (or null); a
 * `json` field takes a slot too, holding its value when that is a number and NaN otherwise,
 * the value then going in the rest entry; every other field (text, enums, arrays) goes in the
 * rest entry. Batches are self-delimiting, so a receiver may concatenate them. Decoding checks
 * everything a JSONL line would be checked for, and that seq runs on without a gap and time
 * never goes backwards. Typed arrays are read in the platform's byte order: every platform VS
 * Code runs on is little-endian, and a big-endian one is refused with a clear error.
 */
import {
  EVENT_KINDS,
  PROTOCOL_VERSION,
  type EventFields,
  type EventKind,
  type LabEvent,
} from './events';
import { compileShape, isRecord, typeName, type FieldTest, type FieldType } from './schema';
import { EVENT_SHAPES } from './validateEvent';

const MAGIC = 0x31434c45; // the bytes "ELC1"
const HEADER_BYTES = 32;
const REST_FLAG = 0x80;
/** Most events and bytes one batch may hold (a runner batch is a few hundred to a few thousand). */
export const MAX_BATCH_EVENTS = 1 << 20;
export const MAX_BATCH_BYTES = 64 * 2 ** 20;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** How one field of a kind travels. */
interface FieldPlan {
  name: string;
  type: FieldType;
  optional: boolean;
  test: FieldTest;
  /** 'slot': a number in the slots; 'json': a slot when the value is a number, else the rest; 'rest': the rest entry. */
  via: 'slot' | 'json' | 'rest';
  /** For slots: 'bool' (1/0), 'null' (NaN is null), 'num' (NaN is absent). */
  slot: 'bool' | 'null' | 'num';
}

interface KindPlan {
  kind: EventKind;
  fields: FieldPlan[];
  slots: number;
  /** Every event of the kind has a rest entry (a required field that is never a slot). */
  alwaysRest: boolean;
  /** Field names allowed in the rest entry. */
  restNames: ReadonlySet<string>;
  /**
   * For a kind whose fields are all numbers (slots, or `json` values that are numbers): one code
   * per field (FAST_* | OPTIONAL) for the check of an event without a rest entry and without an
   * object to build, the commonest case by far; null for the other kinds.
   */
  fast: Uint8Array | null;
}

const FAST_INT = 1,
  FAST_UINT = 2,
  FAST_NUM = 3,
  FAST_BOOL = 4,
  FAST_INT_OR_NULL = 5,
  FAST_JSON = 6,
  FAST_OPTIONAL = 8;
const FAST_CODES: Partial<Record<string, number>> = {
  int: FAST_INT,
  uint: FAST_UINT,
  num: FAST_NUM,
  bool: FAST_BOOL,
  'int|null': FAST_INT_OR_NULL,
  json: FAST_JSON,
};

const NUMERIC: readonly FieldType[] = ['int', 'uint', 'num', 'bool'];

function planKind(kind: EventKind): KindPlan {
  const fields = compileShape(EVENT_SHAPES[kind]).fields.map((f): FieldPlan => {
    const slotted =
      (typeof f.type === 'string' && NUMERIC.includes(f.type)) ||
      (f.type === 'int|null' && !f.optional);
    const via = slotted ? 'slot' : f.type === 'json' ? 'json' : 'rest';
    return { ...f, via, slot: f.type === 'bool' ? 'bool' : f.type === 'int|null' ? 'null' : 'num' };
  });
  const fast = fields.every(
    (f) => f.via !== 'rest' && typeof f.type === 'string' && FAST_CODES[f.type],
  )
    ? Uint8Array.from(
        fields,
        (f) => FAST_CODES[f.type as string]! | (f.optional ? FAST_OPTIONAL : 0),
      )
    : null;
  return {
    kind,
    fields,
    fast,
    slots: fields.filter((f) => f.via !== 'rest').length,
    alwaysRest: fields.some((f) => f.via === 'rest' && !f.optional),
    restNames: new Set(fields.filter((f) => f.via !== 'slot').map((f) => f.name)),
  };
}

const PLANS: readonly KindPlan[] = EVENT_KINDS.map(planKind);
/** Each kind's index in EVENT_KINDS: its code in a batch. */
export const KIND_CODES: ReadonlyMap<EventKind, number> = new Map(
  EVENT_KINDS.map((k, i) => [k, i]),
);

/** -0 becomes 0: the JSONL line says 0, and the two forms must not differ. */
const plain = (x: number): number => x + 0;

/**
 * Builds batches one event at a time: `begin` an event, then its slots in field order, then
 * (if it has any) its rest entry; `take` returns the batch and starts the next.
 */
export class EventColumnsWriter {
  #t = new Float64Array(256);
  #proc = new Int32Array(256);
  #kind = new Uint8Array(256);
  #slots = new Float64Array(1024);
  #n = 0;
  #s = 0;
  /** Each flagged event's rest entry, in event order. */
  #rest: string[] = [];
  /** The JSONL text of the pending events, built by `jsonl` (grown as needed, reused). */
  #line = new Uint8Array(64 * 1024);

  /** Events in the batch being built. */
  get count(): number {
    return this.#n;
  }

  begin(t: number, proc: number, code: number): void {
    if (this.#n === this.#t.length) {
      const size = this.#n * 2;
      this.#t = grow(this.#t, new Float64Array(size));
      this.#proc = grow(this.#proc, new Int32Array(size));
      this.#kind = grow(this.#kind, new Uint8Array(size));
    }
    this.#t[this.#n] = t;
    this.#proc[this.#n] = proc;
    this.#kind[this.#n++] = code;
  }

  /** The next numeric field of the current event (NaN: absent, or null where the field allows it). */
  slot(x: number): void {
    if (this.#s === this.#slots.length)
      this.#slots = grow(this.#slots, new Float64Array(this.#s * 2));
    this.#slots[this.#s++] = plain(x);
  }

  /** The current event's rest entry: a JSON object text of its fields that are not slots. */
  rest(json: string): void {
    this.#rest.push(json);
    this.#kind[this.#n - 1] |= REST_FLAG;
  }

  /** Adds one event of any kind from its fields, as `EVENT_SHAPES` lays them out. */
  add<K extends EventKind>(t: number, proc: number, kind: K, fields: EventFields[K]): void {
    const code = KIND_CODES.get(kind);
    if (code === undefined) throw new Error(`unknown event kind ${JSON.stringify(kind)}`);
    this.begin(t, proc, code);
    const f = fields as Record<string, unknown>;
    let rest = '';
    for (const p of PLANS[code].fields) {
      const v = f[p.name];
      if (p.via === 'slot')
        this.slot(
          v === undefined || v === null
            ? NaN
            : typeof v === 'boolean'
              ? v
                ? 1
                : 0
              : (v as number),
        );
      else if (p.via === 'json' && typeof v === 'number' && Number.isFinite(v)) this.slot(v);
      else {
        if (p.via === 'json') this.slot(NaN);
        const text = v === undefined ? undefined : JSON.stringify(v);
        if (text !== undefined) rest += `${rest ? ',' : '{'}${JSON.stringify(p.name)}:${text}`;
      }
    }
    if (rest) this.rest(`${rest}}`);
  }

  /**
   * The batch of everything added since the last take (null when empty); `firstSeq` is its first
   * event's seq. With `keep`, the events stay for the next take (a look at the batch so far).
   */
  take(firstSeq: number, keep = false): Uint8Array | null {
    const n = this.#n;
    if (n === 0) return null;
    const restCount = this.#rest.length;
    const restBytes = restCount
      ? utf8Encoder().encode(`[${this.#rest.join(',')}]`)
      : new Uint8Array(0);
    const slotsAt = HEADER_BYTES + 8 * n;
    const procAt = slotsAt + 8 * this.#s;
    const kindAt = procAt + 4 * n;
    const restAt = kindAt + n;
    const byteLength = Math.ceil((restAt + restBytes.length) / 8) * 8;
    const buf = new ArrayBuffer(byteLength);
    const head = new Uint32Array(buf, 0, 6);
    head[0] = MAGIC;
    head[1] = byteLength;
    head[2] = n;
    head[3] = this.#s;
    head[4] = restBytes.length;
    head[5] = restCount;
    new Float64Array(buf, 24, 1)[0] = firstSeq;
    new Float64Array(buf, HEADER_BYTES, n).set(this.#t.subarray(0, n));
    new Float64Array(buf, slotsAt, this.#s).set(this.#slots.subarray(0, this.#s));
    new Int32Array(buf, procAt, n).set(this.#proc.subarray(0, n));
    const bytes = new Uint8Array(buf);
    bytes.set(this.#kind.subarray(0, n), kindAt);
    bytes.set(restBytes, restAt);
    if (keep) return bytes;
    this.#n = 0;
    this.#s = 0;
    this.#rest = [];
    return bytes;
  }

  /**
   * The events added since the last take as JSONL (one line per event, UTF-8, each ending in a
   * newline), `firstSeq` being the first one's seq: the log file's text, written from the columns
   * without a string per event. Each line has `v`, `seq`, `t`, `proc`, `kind`, then the event's
   * numeric fields in field order, then its text fields. The bytes are a view the next call reuses.
   */
  jsonl(firstSeq: number): Uint8Array {
    const n = this.#n,
      t = this.#t,
      proc = this.#proc,
      kinds = this.#kind,
      slots = this.#slots,
      rest = this.#rest;
    let out = this.#line;
    let at = 0;
    let s = 0;
    let r = 0;
    for (let i = 0; i < n; i++) {
      const raw = kinds[i];
      const line = LINES[raw & ~REST_FLAG];
      const entry = raw & REST_FLAG ? rest[r++] : '';
      // Room for the longest line this event can make: the fixed text, 24 bytes per number, 3 per UTF-16 unit of text.
      const need = at + line.most + 3 * entry.length;
      if (need > out.length) {
        const grown = new Uint8Array(Math.max(need, out.length * 2));
        grown.set(out.subarray(0, at));
        out = this.#line = grown;
      }
      out.set(HEAD_SEQ, at);
      at = putNumber(out, at + HEAD_SEQ.length, firstSeq + i);
      at = put(out, at, HEAD_T);
      at = putNumber(out, at, t[i]);
      at = put(out, at, HEAD_PROC);
      at = putNumber(out, at, proc[i]);
      out.set(line.kind, at);
      at += line.kind.length;
      const fields = line.slots;
      for (let j = 0; j < fields.length; j++) {
        const f = fields[j];
        const x = slots[s++];
        if (x !== x) {
          // NaN: absent, or null where the field allows it (a json field's value is then in the entry)
          if (f.null) {
            at = put(out, at, f.name);
            at = put(out, at, NULL);
          }
          continue;
        }
        at = put(out, at, f.name);
        at = f.bool ? put(out, at, x === 1 ? TRUE : FALSE) : putNumber(out, at, x);
      }
      if (entry.length > 2) {
        // `{"name":…}`: its fields follow the numeric ones
        out[at++] = 0x2c; // ','
        at += utf8Encoder().encodeInto(entry.slice(1), out.subarray(at)).written!;
      } else out[at++] = 0x7d; // '}'
      out[at++] = 0x0a; // '\n'
    }
    return out.subarray(0, at);
  }
}

/** How a kind's JSONL line is written: its fixed texts as bytes. */
interface LinePlan {
  kind: Uint8Array;
  slots: { name: Uint8Array; bool: boolean; null: boolean }[];
  most: number;
}

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
const HEAD_SEQ = ascii(`{"v":${PROTOCOL_VERSION},"seq":`);
const HEAD_T = ascii(',"t":');
const HEAD_PROC = ascii(',"proc":');
const NULL = ascii('null');
const TRUE = ascii('true');
const FALSE = ascii('false');
const LINES: readonly LinePlan[] = PLANS.map((p) => {
  const slots = p.fields
    .filter((f) => f.via !== 'rest')
    .map((f) => ({
      name: ascii(`,${JSON.stringify(f.name)}:`),
      bool: f.slot === 'bool',
      null: f.slot === 'null',
    }));
  const kind = ascii(`,"kind":${JSON.stringify(p.kind)}`);
  const fixed = HEAD_SEQ.length + HEAD_T.length + HEAD_PROC.length + 3 * 24 + 2; // '}' and the newline
  return {
    kind,
    slots,
    most: fixed + kind.length + slots.reduce((a, f) => a + f.name.length + 24, 0),
  };
});

function put(out: Uint8Array, at: number, bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) out[at++] = bytes[i];
  return at;
}

/** "00" to "99": two digits at a time. */
const PAIRS = Uint8Array.from(
  { length: 200 },
  (_, i) => 48 + (i % 2 ? (i >> 1) % 10 : Math.floor((i >> 1) / 10)),
);
/** The last number that was not a small integer, and its text (a run's sleeps and timeouts repeat). */
let lastX = NaN;
let lastText: Uint8Array = new Uint8Array(0);

/** A number as JSON writes it (at most 24 bytes). */
function putNumber(out: Uint8Array, at: number, x: number): number {
  if (x >>> 0 === x) {
    // Most numbers: seq, stamps, processes, object and item ids. Integer arithmetic, digits from the right.
    let v = x;
    const end =
      at +
      (v < 10
        ? 1
        : v < 100
          ? 2
          : v < 1e3
            ? 3
            : v < 1e4
              ? 4
              : v < 1e5
                ? 5
                : v < 1e6
                  ? 6
                  : v < 1e7
                    ? 7
                    : v < 1e8
                      ? 8
                      : v < 1e9
                        ? 9
                        : 10);
    let i = end;
    while (v >= 100) {
      const q = (v / 100) >>> 0;
      const r = (v - q * 100) << 1;
      out[--i] = PAIRS[r + 1];
      out[--i] = PAIRS[r];
      v = q;
    }
    if (v >= 10) {
      out[i - 1] = PAIRS[2 * v + 1];
      out[i - 2] = PAIRS[2 * v];
    } else out[i - 1] = 48 + v;
    return end;
  }
  if (x !== lastX) {
    // (-0 took the integer path: it prints as "0")
    lastX = x;
    lastText = ascii(JSON.stringify(x)); // as JavaScript prints numbers
  }
  return put(out, at, lastText);
}

function grow<T extends Float64Array | Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

let encoder:
  | {
      encode(text: string): Uint8Array;
      encodeInto(text: string, into: Uint8Array): { written?: number };
    }
  | undefined;
let decoder: { decode(bytes: Uint8Array): string } | undefined;
const utf8Encoder = () => (encoder ??= new TextEncoder());
// Bytes that are not UTF-8 are refused, not replaced: the batch is then not what the runner sent.
const utf8Decoder = () => (decoder ??= new TextDecoder('utf-8', { fatal: true }));

/** Events in columns, for tests, tools and the bench: the batch a runner would send for them. */
export function encodeEvents(events: readonly LabEvent[]): Uint8Array {
  const w = new EventColumnsWriter();
  for (const e of events) {
    const { v: _v, seq: _seq, t, proc, kind, ...fields } = e;
    w.add(t, proc, kind, fields as never);
  }
  return w.take(events.length ? events[0].seq : 0) ?? new Uint8Array(0);
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

/** One checked batch's columns. */
export interface BatchColumns {
  firstSeq: number;
  n: number;
  t: Float64Array;
  slots: Float64Array;
  proc: Int32Array;
  kinds: Uint8Array;
  /** The text entries, in event order. */
  rest: unknown[];
}

/**
 * Takes one event of a checked buffer, straight from its columns: its kind's code (its index in
 * EVENT_KINDS), stamp and process; its numeric fields are `slots[s]`, `slots[s + 1]`, … in field
 * order (see `fieldSlot`); `entry` holds its text fields (and a `json` field that is not a number);
 * `event` is its object when its kind was picked, else null.
 */
export type ColumnVisitor = (
  code: number,
  t: number,
  proc: number,
  slots: Float64Array,
  s: number,
  entry: Record<string, unknown> | undefined,
  event: LabEvent | null,
) => void;

/** Where a numeric (or `json`) field of a kind sits among its event's slots. Throws for a field that is never a slot. */
export function fieldSlot(kind: EventKind, field: string): number {
  let at = 0;
  for (const f of PLANS[KIND_CODES.get(kind)!].fields) {
    if (f.name === field) {
      if (f.via === 'rest') break;
      return at;
    }
    if (f.via !== 'rest') at++;
  }
  throw new Error(`${kind}.${field} is not carried in a slot`);
}

/**
 * Hands every event of a checked buffer, in order, to `visit` (a second pass over columns already
 * checked by `decodeEventColumns`, whose `events` are the objects of the picked kinds).
 */
export function visitEventColumns(read: ColumnsRead, visit: ColumnVisitor): void {
  const picked = read.picked;
  let k = 0;
  for (const b of read.batches) {
    const { n, t, slots, proc, kinds, rest } = b;
    let s = 0;
    let r = 0;
    for (let i = 0; i < n; i++) {
      const raw = kinds[i];
      const code = raw & ~REST_FLAG;
      const entry = raw & REST_FLAG ? (rest[r++] as Record<string, unknown>) : undefined;
      visit(
        code,
        t[i],
        proc[i],
        slots,
        s,
        entry,
        !picked || picked[code] ? read.events[k++] : null,
      );
      s += PLANS[code].slots;
    }
  }
}

const masks = new WeakMap<ReadonlySet<EventKind>, Uint8Array>();
function maskOf(kinds: ReadonlySet<EventKind>): Uint8Array {
  let m = masks.get(kinds);
  if (!m) {
    m = new Uint8Array(PLANS.length);
    for (const k of kinds) m[KIND_CODES.get(k)!] = 1;
    masks.set(kinds, m);
  }
  return m;
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
  if (!LITTLE_ENDIAN) return { ok: false, error: 'event batches need a little-endian platform' };
  if (bytes.byteLength > MAX_BATCH_BYTES)
    return { ok: false, error: `an event batch of ${bytes.byteLength} bytes is too large` };
  if (bytes.byteLength === 0) return { ok: false, error: 'an event batch is empty' };
  const data =
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
  const mask = pick ? maskOf(pick) : null;
  const events: LabEvent[] = [];
  const batches: BatchColumns[] = [];
  let seq = from?.seq;
  let lastT = from?.t ?? 0;
  let count = 0;
  let at = 0;
  while (at < data.byteLength) {
    const r = decodeOne(data, at, events, mask, seq, lastT);
    if (typeof r === 'string') return { ok: false, error: r };
    batches.push(r.cols);
    count += r.cols.n;
    at += r.byteLength;
    seq = r.cols.firstSeq + r.cols.n;
    lastT = r.lastT;
  }
  return {
    ok: true,
    events,
    count,
    firstSeq: batches[0].firstSeq,
    lastT,
    bytes: data,
    batches,
    picked: mask,
  };
}

/** Whether an event's slots `slots[s…]` hold valid values for the fields `codes` describes (see KindPlan.fast). */
function fastCheck(codes: Uint8Array, slots: Float64Array, s: number): boolean {
  for (let j = 0; j < codes.length; j++) {
    const c = codes[j],
      x = slots[s + j];
    if (x !== x) {
      // NaN: absent, or null
      if (c & FAST_OPTIONAL || c === FAST_INT_OR_NULL) continue;
      return false;
    }
    switch (c & 7) {
      case FAST_INT:
      case FAST_INT_OR_NULL:
        if (!Number.isSafeInteger(x)) return false;
        break;
      case FAST_UINT:
        if (!Number.isSafeInteger(x) || x < 0) return false;
        break;
      case FAST_BOOL:
        if (x !== 0 && x !== 1) return false;
        break;
      default:
        if (!Number.isFinite(x)) return false; // num, and a json value that is a number
    }
  }
  return true;
}

function decodeOne(
  data: Uint8Array,
  at: number,
  out: LabEvent[],
  mask: Uint8Array | null,
  seq: number | undefined,
  lastT: number,
): { byteLength: number; cols: BatchColumns; lastT: number } | string {
  const left = data.byteLength - at;
  if (left < HEADER_BYTES)
    return `an event batch is cut short (${left} bytes where a header needs ${HEADER_BYTES})`;
  const buf = data.buffer;
  const base = data.byteOffset + at;
  const head = new Uint32Array(buf, base, 6);
  if (head[0] !== MAGIC) return 'not an event batch (wrong magic number)';
  const byteLength = head[1],
    n = head[2],
    nSlots = head[3],
    restBytes = head[4],
    restCount = head[5];
  const firstSeq = new Float64Array(buf, base + 24, 1)[0];
  if (byteLength % 8 !== 0 || byteLength > left)
    return `an event batch says it is ${byteLength} bytes where ${left} are left`;
  if (n === 0 || n > MAX_BATCH_EVENTS) return `an event batch of ${n} events`;
  if (!Number.isSafeInteger(firstSeq) || firstSeq < 0)
    return `an event batch starts at seq ${firstSeq}`;
  if (seq !== undefined && firstSeq !== seq) return `seq ${firstSeq} where ${seq} was expected`;
  const slotsAt = HEADER_BYTES + 8 * n;
  const procAt = slotsAt + 8 * nSlots;
  const kindAt = procAt + 4 * n;
  const restAt = kindAt + n;
  if (restAt + restBytes > byteLength)
    return `an event batch's columns need ${restAt + restBytes} bytes where it has ${byteLength}`;
  const t = new Float64Array(buf, base + HEADER_BYTES, n);
  const slots = new Float64Array(buf, base + slotsAt, nSlots);
  const proc = new Int32Array(buf, base + procAt, n);
  const kinds = new Uint8Array(buf, base + kindAt, n);

  let rest: unknown[] = [];
  if (restCount > 0) {
    try {
      rest = JSON.parse(
        utf8Decoder().decode(new Uint8Array(buf, base + restAt, restBytes)),
      ) as unknown[];
    } catch (err) {
      return `an event batch's text fields do not read (${(err as Error).message})`;
    }
    if (!Array.isArray(rest) || rest.length !== restCount)
      return `an event batch's text fields are not ${restCount} entries`;
  } else if (restBytes !== 0) return 'an event batch has text fields but no entries for them';

  let s = 0;
  let r = 0;
  const where = (i: number) => `event ${i + 1} of the batch (seq ${firstSeq + i})`;
  for (let i = 0; i < n; i++) {
    const code = kinds[i] & ~REST_FLAG;
    const plan = PLANS[code];
    if (!plan) return `${where(i)}: unknown event kind code ${code}`;
    const ti = t[i];
    if (!Number.isSafeInteger(ti) || ti < 0)
      return `${where(i)}: ${plan.kind}: field "t" is not uint`;
    if (ti < lastT) return `${where(i)}: time went backwards (${ti} < ${lastT})`;
    lastT = ti;
    let entry: Record<string, unknown> | undefined;
    if (kinds[i] & REST_FLAG) {
      const x = rest[r++];
      if (!isRecord(x)) return `${where(i)}: ${plan.kind}: its text fields are not an object`;
      for (const k in x)
        if (!plan.restNames.has(k)) return `${where(i)}: ${plan.kind}: unknown field "${k}"`;
      entry = x;
    } else if (plan.alwaysRest) return `${where(i)}: ${plan.kind}: its text fields are missing`;
    if (s + plan.slots > nSlots) return `${where(i)}: the batch has too few numeric fields`;
    // An event of a kind not picked, with numbers only: checked straight from its slots. Anything
    // wrong, and the full check below runs to say what.
    if (mask && !mask[code] && !entry && plan.fast && fastCheck(plan.fast, slots, s)) {
      s += plan.slots;
      continue;
    }
    // An event of a kind not picked is checked all the same, but no object is built for it.
    const e: Record<string, unknown> | null =
      mask && !mask[code]
        ? null
        : { v: PROTOCOL_VERSION, seq: firstSeq + i, t: ti, proc: proc[i], kind: plan.kind };
    for (const f of plan.fields) {
      let v: unknown;
      if (f.via === 'rest') v = entry?.[f.name];
      else {
        const x = slots[s++];
        if (f.via === 'json') {
          const fromRest = entry?.[f.name];
          if (x === x) {
            // a number
            if (fromRest !== undefined)
              return `${where(i)}: ${plan.kind}: field "${f.name}" is given twice`;
            v = x;
          } else v = fromRest;
        } else if (x !== x) v = f.slot === 'null' ? null : undefined;
        else v = f.slot === 'bool' ? (x === 1 ? true : x === 0 ? false : x) : x;
      }
      if (v === undefined) {
        if (f.optional) continue;
        return `${where(i)}: ${plan.kind}: missing field "${f.name}"`;
      }
      if (!f.test(v))
        return `${where(i)}: ${plan.kind}: field "${f.name}" is not ${typeName(f.type)}`;
      if (e) e[f.name] = v;
    }
    if (e) out.push(e as LabEvent);
  }
  if (s !== nSlots) return `an event batch has ${nSlots} numeric fields where its events use ${s}`;
  if (r !== restCount)
    return `an event batch has ${restCount} text entries where its events use ${r}`;
  return { byteLength, cols: { firstSeq, n, t, slots, proc, kinds, rest }, lastT };
}
