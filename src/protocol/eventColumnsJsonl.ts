/**
 * Prints pending event columns as JSONL, the log file's text, without a string per event. Each
 * line has `v`, `seq`, `t`, `proc`, `kind`, then the event's numeric fields in field order, then
 * its text fields: the same event `JSON.stringify` would print, in that key order.
 */
import { PROTOCOL_VERSION } from './events';
import { HAS_REST_ENTRY, KIND_LAYOUTS } from './eventColumnsLayout';

/** The columns of the events a writer holds and has not yet taken. */
export interface PendingColumns {
  count: number;
  t: Float64Array;
  proc: Int32Array;
  kinds: Uint8Array;
  slots: Float64Array;
  restEntries: readonly string[];
}

/** How a kind's JSONL line is written: its fixed texts as bytes. */
interface LineTemplate {
  kind: Uint8Array;
  slots: { name: Uint8Array; bool: boolean; nullable: boolean }[];
  /** The longest line an event of the kind makes without its rest entry. */
  mostBytes: number;
}

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
const OPEN_SEQ = ascii(`{"v":${PROTOCOL_VERSION},"seq":`);
const KEY_T = ascii(',"t":');
const KEY_PROC = ascii(',"proc":');
const NULL = ascii('null');
const TRUE = ascii('true');
const FALSE = ascii('false');
/** Longest text of a number as JSON prints it. */
const MOST_NUMBER_BYTES = 24;

function lineTemplates(): LineTemplate[] {
  return KIND_LAYOUTS.map((layout) => {
    const slots = layout.fields
      .filter((f) => f.carrier !== 'rest')
      .map((f) => ({
        name: ascii(`,${JSON.stringify(f.name)}:`),
        bool: f.slotReads === 'bool',
        nullable: f.slotReads === 'null',
      }));
    const kind = ascii(`,"kind":${JSON.stringify(layout.kind)}`);
    const fixed = OPEN_SEQ.length + KEY_T.length + KEY_PROC.length + 3 * MOST_NUMBER_BYTES + 2; // '}' and the newline
    return {
      kind,
      slots,
      mostBytes:
        fixed + kind.length + slots.reduce((a, f) => a + f.name.length + MOST_NUMBER_BYTES, 0),
    };
  });
}

function put(out: Uint8Array, at: number, bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) out[at++] = bytes[i];
  return at;
}

/** "00" to "99": two digits at a time. */
const DIGIT_PAIRS = Uint8Array.from(
  { length: 200 },
  (_, i) => 48 + (i % 2 ? (i >> 1) % 10 : Math.floor((i >> 1) / 10)),
);

/** Digits of a uint32 in decimal (a chain of compares: this runs for every number of the log). */
function decimalDigits(v: number): number {
  if (v < 1e5) return v < 10 ? 1 : v < 100 ? 2 : v < 1e3 ? 3 : v < 1e4 ? 4 : 5;
  return v < 1e6 ? 6 : v < 1e7 ? 7 : v < 1e8 ? 8 : v < 1e9 ? 9 : 10;
}

/** Writes a uint32 in decimal at `at`; returns where it ends. Integer arithmetic, digits from the right. */
function putUint32(out: Uint8Array, at: number, x: number): number {
  let v = x;
  const end = at + decimalDigits(v);
  let i = end;
  while (v >= 100) {
    const q = (v / 100) >>> 0;
    const pair = (v - q * 100) << 1;
    out[--i] = DIGIT_PAIRS[pair + 1];
    out[--i] = DIGIT_PAIRS[pair];
    v = q;
  }
  if (v >= 10) {
    out[i - 1] = DIGIT_PAIRS[2 * v + 1];
    out[i - 2] = DIGIT_PAIRS[2 * v];
  } else out[i - 1] = 48 + v;
  return end;
}

/** Prints JSONL from pending columns; holds its output buffer and templates (one per writer). */
export class EventJsonlPrinter {
  readonly #templates = lineTemplates();
  readonly #encoder = new TextEncoder();
  /** The output, grown as needed and reused. */
  #buffer: Uint8Array = new Uint8Array(64 * 1024);
  /** The last number that was not a small integer, and its text (a run's sleeps and timeouts repeat). */
  #lastNumber = NaN;
  #lastNumberText: Uint8Array = new Uint8Array(0);

  /** A number as JSON writes it (at most 24 bytes). */
  #putNumber(out: Uint8Array, at: number, x: number): number {
    // Most numbers are seq, stamps, processes, object and item ids (-0 takes this path: it prints as "0").
    if (x >>> 0 === x) return putUint32(out, at, x);
    if (x !== this.#lastNumber) {
      this.#lastNumber = x;
      this.#lastNumberText = ascii(JSON.stringify(x)); // as JavaScript prints numbers
    }
    return put(out, at, this.#lastNumberText);
  }

  /** The pending events as JSONL (UTF-8, each line ending in a newline); a view the next call reuses. */
  print(columns: PendingColumns, firstSeq: number): Uint8Array {
    const { count, t, proc, kinds, slots, restEntries } = columns;
    let out = this.#buffer;
    let at = 0;
    let slot = 0;
    let restIndex = 0;
    const restFlag = HAS_REST_ENTRY;
    for (let i = 0; i < count; i++) {
      const kindByte = kinds[i];
      const line = this.#templates[kindByte & ~restFlag];
      const entry = kindByte & restFlag ? restEntries[restIndex++] : '';
      // Room for the longest line this event can make: 3 bytes per UTF-16 unit of its text.
      const need = at + line.mostBytes + 3 * entry.length;
      if (need > out.length) {
        const grown = new Uint8Array(Math.max(need, out.length * 2));
        grown.set(out.subarray(0, at));
        out = this.#buffer = grown;
      }
      out.set(OPEN_SEQ, at);
      at = this.#putNumber(out, at + OPEN_SEQ.length, firstSeq + i);
      at = put(out, at, KEY_T);
      at = this.#putNumber(out, at, t[i]);
      at = put(out, at, KEY_PROC);
      at = this.#putNumber(out, at, proc[i]);
      out.set(line.kind, at);
      at += line.kind.length;
      const fields = line.slots;
      for (let j = 0; j < fields.length; j++) {
        const field = fields[j];
        const x = slots[slot++];
        if (x !== x) {
          // NaN: absent, or null where the field allows it (a json field's value is then in the entry)
          if (field.nullable) {
            at = put(out, at, field.name);
            at = put(out, at, NULL);
          }
          continue;
        }
        at = put(out, at, field.name);
        at = field.bool ? put(out, at, x === 1 ? TRUE : FALSE) : this.#putNumber(out, at, x);
      }
      if (entry.length > 2) {
        // `{"name":…}`: its fields follow the numeric ones
        out[at++] = 0x2c; // ','
        at += this.#encoder.encodeInto(entry.slice(1), out.subarray(at)).written;
      } else out[at++] = 0x7d; // '}'
      out[at++] = 0x0a; // '\n'
    }
    return out.subarray(0, at);
  }
}
