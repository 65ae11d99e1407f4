/**
 * Visits the events of checked batches in columns (`eventColumnsReader.ts` checks them) without
 * building objects: a cursor moves along them and reads each field by name, so a reader such as
 * the timeline model never learns where a field sits in the byte layout.
 */
import type { EventKind, Json, LabEvent } from './events';
import { fieldSlot, HAS_REST_ENTRY, KIND_CODES, KIND_LAYOUTS } from './eventColumnsLayout';
import type { ColumnsRead } from './eventColumnsReader';

/** A numeric (or `json`) field of one kind, looked up once, then read from events by an `EventCursor`. */
export interface NumberField {
  readonly kind: EventKind;
  readonly name: string;
  readonly code: number;
  /** Its place among its event's slots. */
  readonly offset: number;
}

/** The field `name` of `kind`; throws when the columns do not carry it as a number. */
export function numberField(kind: EventKind, name: string): NumberField {
  return { kind, name, code: KIND_CODES.get(kind)!, offset: fieldSlot(kind, name) };
}

/**
 * One event of a checked buffer as `visitEventColumns` hands it over (one cursor moves along the
 * buffer, so visiting allocates nothing): its kind's code (its index in EVENT_KINDS), stamp and
 * process, its object when its kind was picked, and its numeric fields by `NumberField`.
 */
export class EventCursor {
  code = 0;
  t = 0;
  proc = 0;
  /** The event as an object when its kind was picked, else null. */
  event: LabEvent | null = null;
  #slots: Float64Array = new Float64Array(0);
  #firstSlot = 0;
  #rest: Record<string, unknown> | undefined = undefined;

  /** Moves the cursor to an event (only `visitEventColumns` does this). */
  moveTo(
    code: number,
    t: number,
    proc: number,
    slots: Float64Array,
    firstSlot: number,
    rest: Record<string, unknown> | undefined,
    event: LabEvent | null,
  ): void {
    this.code = code;
    this.t = t;
    this.proc = proc;
    this.#slots = slots;
    this.#firstSlot = firstSlot;
    this.#rest = rest;
    this.event = event;
  }

  /** A numeric field of this event: NaN when it is absent (or null). */
  number(field: NumberField): number {
    if (field.code !== this.code)
      throw new Error(`${field.kind}.${field.name} read from a ${KIND_LAYOUTS[this.code].kind}`);
    return this.#slots[this.#firstSlot + field.offset];
  }

  /** A `json` field of this event: its number, or else its value from the text fields. */
  json(field: NumberField): Json | undefined {
    const x = this.number(field);
    return x === x ? x : (this.#rest?.[field.name] as Json | undefined);
  }
}

/**
 * Hands every event of a checked buffer, in order, to `visit` (a second pass over columns already
 * checked by `decodeEventColumns`, whose `events` are the objects of the picked kinds).
 */
export function visitEventColumns(read: ColumnsRead, visit: (event: EventCursor) => void): void {
  const picked = read.picked;
  const cursor = new EventCursor();
  const layouts = KIND_LAYOUTS,
    restFlag = HAS_REST_ENTRY;
  let objectIndex = 0;
  for (const batch of read.batches) {
    const { count, t, slots, proc, kinds, rest } = batch;
    let slot = 0;
    let restIndex = 0;
    for (let i = 0; i < count; i++) {
      const kindByte = kinds[i];
      const code = kindByte & ~restFlag;
      const entry =
        kindByte & restFlag ? (rest[restIndex++] as Record<string, unknown>) : undefined;
      const event = !picked || picked[code] ? read.events[objectIndex++] : null;
      cursor.moveTo(code, t[i], proc[i], slots, slot, entry, event);
      visit(cursor);
      slot += layouts[code].slotCount;
    }
  }
}
