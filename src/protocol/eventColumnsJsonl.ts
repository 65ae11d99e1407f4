/**
 * Prints pending event columns as JSONL, the log file's text, without a string per event. Each
 * line has `v`, `seq`, `t`, `proc`, `kind`, then the event's numeric fields in field order, then
 * its text fields: the same event `JSON.stringify` would print, in that key order.
 *
 * This runs for every event of a run (about 95 bytes a line), so it writes up to four bytes per
 * store: fixed texts as little-endian 32-bit words and digits four at a time from a table. A word
 * may spill up to three bytes past the end of what it writes; the next write covers them, and
 * the buffer keeps room for the spill past the last line.
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

/** A fixed ASCII text as 32-bit little-endian words (the last one padded), and its length. */
interface Text {
  words: Uint32Array;
  length: number;
}

/** How a kind's JSONL line is written: its fixed texts. */
interface LineTemplate {
  kind: Text;
  slots: { name: Text; bool: boolean; nullable: boolean }[];
  /** The longest line an event of the kind makes without its rest entry. */
  mostBytes: number;
}

function text(ascii: string): Text {
  const words = new Uint32Array(Math.ceil(ascii.length / 4));
  for (let i = 0; i < ascii.length; i++) words[i >> 2] |= ascii.charCodeAt(i) << (8 * (i & 3));
  return { words, length: ascii.length };
}

const OPEN_SEQ = text(`{"v":${PROTOCOL_VERSION},"seq":`);
const KEY_T = text(',"t":');
const KEY_PROC = text(',"proc":');
const NULL = text('null');
const TRUE = text('true');
const FALSE = text('false');
/** Longest text of a number as JSON prints it. */
const MOST_NUMBER_BYTES = 24;
/** Bytes a word may write past the end of its text. */
const SPILL = 3;

function lineTemplates(): LineTemplate[] {
  return KIND_LAYOUTS.map((layout) => {
    const slots = layout.fields
      .filter((f) => f.carrier !== 'rest')
      .map((f) => ({
        name: text(`,${JSON.stringify(f.name)}:`),
        bool: f.slotReads === 'bool',
        nullable: f.slotReads === 'null',
      }));
    const kind = text(`,"kind":${JSON.stringify(layout.kind)}`);
    const fixed = OPEN_SEQ.length + KEY_T.length + KEY_PROC.length + 3 * MOST_NUMBER_BYTES + 2; // '}' and the newline
    return {
      kind,
      slots,
      mostBytes:
        fixed + kind.length + slots.reduce((a, f) => a + f.name.length + MOST_NUMBER_BYTES, 0),
    };
  });
}

/** Writes a fixed text at `at`; returns where it ends. */
function put(out: DataView, at: number, fixed: Text): number {
  const words = fixed.words;
  for (let k = 0; k < words.length; k++) out.setUint32(at + 4 * k, words[k], true);
  return at + fixed.length;
}

/** "0000" to "9999" as 32-bit little-endian words: four digits in one store. */
const DIGIT_QUADS = Uint32Array.from({ length: 10_000 }, (_, v) => {
  let word = 0;
  for (let k = 0; k < 4; k++) word |= (48 + (Math.floor(v / 10 ** (3 - k)) % 10)) << (8 * k);
  return word;
});

/** Digits of a number below 10,000 (at least 1). */
const digitsBelow1e4 = (v: number): number => (v < 100 ? (v < 10 ? 1 : 2) : v < 1000 ? 3 : 4);

/** Writes v < 10,000 in decimal without leading zeros at `at`; returns where it ends. */
function putLeading(out: DataView, at: number, v: number): number {
  const digits = digitsBelow1e4(v);
  out.setUint32(at, DIGIT_QUADS[v] >>> (8 * (4 - digits)), true);
  return at + digits;
}

/** Writes a uint32 in decimal at `at`; returns where it ends. Integer arithmetic, four digits a store. */
function putUint32(out: DataView, at: number, x: number): number {
  if (x < 10_000) return putLeading(out, at, x);
  const high = (x / 10_000) >>> 0;
  const low = x - high * 10_000;
  if (high < 10_000) at = putLeading(out, at, high);
  else {
    const top = (high / 10_000) >>> 0;
    at = putLeading(out, at, top);
    out.setUint32(at, DIGIT_QUADS[high - top * 10_000], true);
    at += 4;
  }
  out.setUint32(at, DIGIT_QUADS[low], true);
  return at + 4;
}

/** Prints JSONL from pending columns; holds its output buffer and templates (one per writer). */
export class EventJsonlPrinter {
  readonly #templates = lineTemplates();
  readonly #encoder = new TextEncoder();
  /** The output, grown as needed and reused, and a view of it for word stores. */
  #buffer: Uint8Array = new Uint8Array(64 * 1024);
  #view = new DataView(this.#buffer.buffer);
  /** The last number that was not a small integer, and its text (a run's sleeps and timeouts repeat). */
  #lastNumber = NaN;
  #lastNumberText: Text = text('');

  /** A number as JSON writes it (at most 24 bytes). */
  #putNumber(out: DataView, at: number, x: number): number {
    // Most numbers are seq, stamps, processes, object and item ids (-0 takes this path: it prints as "0").
    if (x >>> 0 === x) return putUint32(out, at, x);
    if (x !== this.#lastNumber) {
      this.#lastNumber = x;
      this.#lastNumberText = text(JSON.stringify(x)); // as JavaScript prints numbers
    }
    return put(out, at, this.#lastNumberText);
  }

  /** The pending events as JSONL (UTF-8, each line ending in a newline); a view the next call reuses. */
  print(columns: PendingColumns, firstSeq: number): Uint8Array {
    const { count, t, proc, kinds, slots, restEntries } = columns;
    let bytes = this.#buffer;
    let out = this.#view;
    let at = 0;
    let slot = 0;
    let restIndex = 0;
    const restFlag = HAS_REST_ENTRY;
    for (let i = 0; i < count; i++) {
      const kindByte = kinds[i];
      const line = this.#templates[kindByte & ~restFlag];
      const entry = kindByte & restFlag ? restEntries[restIndex++] : '';
      // Room for the longest line this event can make (3 bytes per UTF-16 unit of its text) and the spill.
      const need = at + line.mostBytes + 3 * entry.length + SPILL;
      if (need > bytes.length) {
        const grown = new Uint8Array(Math.max(need, bytes.length * 2));
        grown.set(bytes.subarray(0, at));
        bytes = this.#buffer = grown;
        out = this.#view = new DataView(grown.buffer);
      }
      at = put(out, at, OPEN_SEQ);
      at = this.#putNumber(out, at, firstSeq + i);
      at = put(out, at, KEY_T);
      at = this.#putNumber(out, at, t[i]);
      at = put(out, at, KEY_PROC);
      at = this.#putNumber(out, at, proc[i]);
      at = put(out, at, line.kind);
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
        bytes[at++] = 0x2c; // ','
        at += this.#encoder.encodeInto(entry.slice(1), bytes.subarray(at)).written;
      } else bytes[at++] = 0x7d; // '}'
      bytes[at++] = 0x0a; // '\n'
    }
    return bytes.subarray(0, at);
  }
}
