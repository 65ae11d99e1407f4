/**
 * Which memory a Value or Array event touched, for the lost-update scan: a Value is one cell, an
 * Array one cell per item. A read of a whole Array (`toArray()`) is no read of one item.
 */
import type { EventOf } from '../protocol/events';

export class SharedCells {
  readonly #arrays = new Set<number>();

  created(e: EventOf<'value.create'>): void {
    if (e.size !== undefined) this.#arrays.add(e.obj);
  }

  /** The cell `e` read or wrote, or null for a whole Array's read. */
  key(e: EventOf<'value.get'> | EventOf<'value.set'>): string | null {
    if (!this.#arrays.has(e.obj)) return `v${e.obj}`;
    return e.index === undefined ? null : `v${e.obj}:${e.index}`;
  }
}
