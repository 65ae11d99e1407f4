/**
 * The layout of event batches in columns: the binary form a run's events travel in, from the
 * runner to its parent and on to webviews (the log file stays JSONL, one event per line). A batch
 * is a few typed arrays and one short JSON text, so no receiver parses a line per event:
 *
 *   header (32 bytes, little-endian)  u32 magic, u32 byteLength (a multiple of 8), u32 count,
 *                                     u32 slotCount, u32 restBytes, u32 restCount, f64 firstSeq
 *   t       f64 × count               the runner's stamp of each event (µs)
 *   slots   f64 × slotCount           the numeric fields of every event, in field order
 *   proc    i32 × count
 *   kind    u8  × count               index into EVENT_KINDS; bit 7 set when the event has a rest entry
 *   rest    UTF-8 JSON array          one object per flagged event: its fields that are not numbers
 *   (zero padding up to byteLength)
 *
 * Which field goes where follows from `EVENT_SHAPES`, the one protocol definition: int, uint,
 * num and bool fields (and required int|null) take one slot each, NaN when absent (or null); a
 * `json` field takes a slot too, holding its value when that is a number and NaN otherwise,
 * the value then going in the rest entry; every other field (text, enums, arrays) goes in the
 * rest entry. Batches are self-delimiting, so a receiver may concatenate them. Typed arrays are
 * read in the platform's byte order: every platform VS Code runs on is little-endian, and a
 * big-endian one is refused with a clear error. `docs/protocol.md` describes the same layout.
 */
import { EVENT_KINDS, EVENT_SHAPES, type EventKind } from './events';
import { compileShape, type FieldTest, type FieldType } from './schema';

export const BATCH_MAGIC = 0x31434c45; // the bytes "ELC1"
export const BATCH_HEADER_BYTES = 32;
/** Bit 7 of an event's kind byte: the event has an entry in the rest column. */
export const HAS_REST_ENTRY = 0x80;
/** Most events and bytes one batch may hold (a runner batch is a few hundred to a few thousand). */
export const MAX_BATCH_EVENTS = 1 << 20;
export const MAX_BATCH_BYTES = 64 * 2 ** 20;
export const IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** How one field of a kind travels. */
export interface FieldLayout {
  name: string;
  type: FieldType;
  optional: boolean;
  test: FieldTest;
  /** 'slot': a number in the slots; 'json': a slot when the value is a number, else the rest entry; 'rest': the rest entry. */
  carrier: 'slot' | 'json' | 'rest';
  /** How a slot reads: 'bool' (1/0), 'null' (NaN is null), 'num' (NaN is absent). */
  slotReads: 'bool' | 'null' | 'num';
}

export interface KindLayout {
  kind: EventKind;
  fields: FieldLayout[];
  /** Slots each event of the kind takes. */
  slotCount: number;
  /** Every event of the kind has a rest entry (a required field that is never a slot). */
  alwaysHasRest: boolean;
  /** Field names allowed in the rest entry. */
  restFieldNames: ReadonlySet<string>;
  /**
   * For a kind whose fields are all numbers (slots, or `json` values that are numbers): one code
   * per field (`NUMBER_CHECK` | `NUMBER_CHECK_OPTIONAL`) for the check of an event without a
   * rest entry and without an object to build, the commonest case by far; null for the others.
   */
  numbersOnlyCheck: Uint8Array | null;
}

/** The checks of `KindLayout.numbersOnlyCheck`, one per field (the low 3 bits). */
export const NUMBER_CHECK = {
  int: 1,
  uint: 2,
  num: 3,
  bool: 4,
  'int|null': 5,
  json: 6,
} as const;
/** Set on a field's check when the field is optional: NaN (absent) then passes. */
export const NUMBER_CHECK_OPTIONAL = 8;

const SLOT_TYPES: readonly FieldType[] = ['int', 'uint', 'num', 'bool'];

function layoutKind(kind: EventKind): KindLayout {
  const fields = compileShape(EVENT_SHAPES[kind]).fields.map((f): FieldLayout => {
    const inSlot =
      (typeof f.type === 'string' && SLOT_TYPES.includes(f.type)) ||
      (f.type === 'int|null' && !f.optional);
    return {
      ...f,
      carrier: inSlot ? 'slot' : f.type === 'json' ? 'json' : 'rest',
      slotReads: f.type === 'bool' ? 'bool' : f.type === 'int|null' ? 'null' : 'num',
    };
  });
  const checkOf = (f: FieldLayout): number | undefined =>
    f.carrier !== 'rest' && typeof f.type === 'string' && f.type in NUMBER_CHECK
      ? NUMBER_CHECK[f.type as keyof typeof NUMBER_CHECK]
      : undefined;
  const numbersOnly = fields.every((f) => checkOf(f) !== undefined);
  return {
    kind,
    fields,
    numbersOnlyCheck: numbersOnly
      ? Uint8Array.from(fields, (f) => checkOf(f)! | (f.optional ? NUMBER_CHECK_OPTIONAL : 0))
      : null,
    slotCount: fields.filter((f) => f.carrier !== 'rest').length,
    alwaysHasRest: fields.some((f) => f.carrier === 'rest' && !f.optional),
    restFieldNames: new Set(fields.filter((f) => f.carrier !== 'slot').map((f) => f.name)),
  };
}

/** Each kind's layout, by its code (its index in EVENT_KINDS). */
export const KIND_LAYOUTS: readonly KindLayout[] = EVENT_KINDS.map(layoutKind);

/** Each kind's index in EVENT_KINDS: its code in a batch. */
export const KIND_CODES: ReadonlyMap<EventKind, number> = new Map(
  EVENT_KINDS.map((k, i) => [k, i]),
);

/** Where a numeric (or `json`) field of a kind sits among its event's slots. Throws for a field that is never a slot. */
export function fieldSlot(kind: EventKind, field: string): number {
  let offset = 0;
  for (const f of KIND_LAYOUTS[KIND_CODES.get(kind)!].fields) {
    if (f.name === field) {
      if (f.carrier === 'rest') break;
      return offset;
    }
    if (f.carrier !== 'rest') offset++;
  }
  throw new Error(`${kind}.${field} is not carried in a slot`);
}

/** The offsets of one batch's columns, from its event and slot counts. */
export function columnOffsets(count: number, slotCount: number) {
  const slotsAt = BATCH_HEADER_BYTES + 8 * count;
  const procAt = slotsAt + 8 * slotCount;
  const kindAt = procAt + 4 * count;
  return { slotsAt, procAt, kindAt, restAt: kindAt + count };
}

/** One checked batch's columns. */
export interface BatchColumns {
  firstSeq: number;
  count: number;
  t: Float64Array;
  slots: Float64Array;
  proc: Int32Array;
  kinds: Uint8Array;
  /** The rest entries, in event order. */
  rest: unknown[];
}
