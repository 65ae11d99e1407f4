/**
 * ValueBroker: the memory of every Value and Array, held by the runner. A read or a write is one
 * operation; a synchronized one (CPython's synchronized wrapper takes its lock around each read
 * and write) waits while another process holds the lock, so `with v.get_lock():` excludes the
 * plain reads and writes of other processes too.
 */
import type { Json } from '../protocol/events';
import type { LabMessageOf } from '../protocol/lab';
import { convertTo, isTypecode, normalIndex, TypecodeError, zeroOf } from '../protocol/typecodes';
import type { BrokerContext } from './brokerContext';
import type { LockBroker, LockState } from './locks';
import type { ObjectTable } from './objectTable';
import { preview } from './preview';
import type { ProcRec } from './procRec';

/** Most items an Array may have in a run (its items travel in messages and events). */
export const MAX_ARRAY_ITEMS = 100_000;

export interface ValueState {
  readonly kind: 'value';
  readonly obj: number;
  readonly name: string;
  readonly typecode: string;
  /** A Value's one item, or an Array's items. */
  readonly items: Json[];
  readonly array: boolean;
  readonly lock: LockState | null;
}

export class ValueBroker {
  constructor(
    private readonly hub: BrokerContext,
    private readonly objects: ObjectTable<{ obj: number; kind: string } | ValueState>,
    private readonly locks: LockBroker,
  ) {}

  create(p: ProcRec, m: LabMessageOf<'value.create'>, lock: LockState | null): void {
    const items = this.#initialItems(p, m);
    if (!items) return;
    const array = m.size !== undefined;
    const { obj, name } = this.objects.identify(array ? 'Array' : 'Value', m.name);
    this.objects.add(m.ref, { kind: 'value', obj, name, typecode: m.typecode, items, array, lock });
    this.hub.rec.emit(p.index, 'value.create', {
      obj,
      name,
      typecode: m.typecode,
      value: preview(array ? items : items[0]),
      ...(array ? { size: items.length } : {}),
      ...(lock ? { lock: lock.obj } : {}),
      site: m.site,
    });
  }

  get(p: ProcRec, m: LabMessageOf<'value.get'>, v: ValueState): void {
    const index = this.#index(p, m.id, v, m.index);
    if (index === null) return;
    this.#maybeUnderLock(p, v, m, () => {
      const value = index === undefined ? (v.array ? [...v.items] : v.items[0]) : v.items[index];
      this.hub.rec.emit(p.index, 'value.get', {
        obj: v.obj,
        index,
        value: preview(value),
        site: m.site,
      });
      this.hub.reply(p, m.id, value);
    });
  }

  set(p: ProcRec, m: LabMessageOf<'value.set'>, v: ValueState): void {
    const index = this.#index(p, m.id, v, m.index);
    if (index === null) return;
    if (index === undefined && v.array)
      return this.hub.fail(
        p,
        m.id,
        'TypeError',
        `${v.name} is an Array: set(i, value) takes an index`,
      );
    const value = this.#converted(p, m.id, v.typecode, m.value);
    if (value === undefined) return;
    this.#maybeUnderLock(p, v, m, () => {
      v.items[index ?? 0] = value;
      this.hub.rec.emit(p.index, 'value.set', {
        obj: v.obj,
        index,
        value: preview(value),
        site: m.site,
      });
      this.hub.reply(p, m.id, null);
    });
  }

  /** `op` under the lock, or at once for a `raw` access (get_obj(), or the lock's holder). */
  #maybeUnderLock(p: ProcRec, v: ValueState, m: { raw?: boolean; site?: number }, op: () => void) {
    if (m.raw) op();
    else this.#underLock(p, v, m.site, op);
  }

  /**
   * Runs `op` at once when the lock lets it (none, free, or an RLock `p` holds); else `p` waits
   * for the lock like any acquire, runs `op` holding it and lets it go. A Lock `p` already holds
   * is waited for too: the same self-deadlock Python's non-recursive lock gives.
   */
  #underLock(p: ProcRec, v: ValueState, site: number | undefined, op: () => void): void {
    const lock = v.lock;
    if (!lock || lock.holder === null || (lock.holder === p && lock.recursive)) return op();
    this.locks.reacquire(
      p,
      lock,
      1,
      // Granted inside the releaser's hand-off: run once that has been recorded.
      () =>
        queueMicrotask(() => {
          op();
          this.locks.releaseForWait(p, lock, site);
        }),
      site,
    );
  }

  /** The item index `index` names (undefined: the whole Value or Array); null when refused. */
  #index(
    p: ProcRec,
    id: number,
    v: ValueState,
    index: number | undefined,
  ): number | undefined | null {
    if (index === undefined) return undefined;
    if (!v.array) {
      this.hub.fail(p, id, 'TypeError', `${v.name} is a Value, not an Array: it takes no index`);
      return null;
    }
    const i = normalIndex(index, v.items.length);
    if (i === null) this.hub.fail(p, id, 'IndexError', 'invalid index');
    return i;
  }

  #converted(p: ProcRec, id: number, typecode: string, value: unknown): Json | undefined {
    try {
      return convertTo(typecode, value);
    } catch (err) {
      const name = err instanceof TypecodeError ? err.pythonName : 'TypeError';
      this.hub.fail(p, id, name, (err as Error).message);
      return undefined;
    }
  }

  #initialItems(p: ProcRec, m: LabMessageOf<'value.create'>): Json[] | null {
    if (!isTypecode(m.typecode)) {
      this.hub.fail(
        p,
        m.id,
        'TypeError',
        `this type has no size (typecode ${JSON.stringify(m.typecode)})`,
      );
      return null;
    }
    if (m.size === undefined) {
      const one = this.#converted(p, m.id, m.typecode, m.value);
      return one === undefined ? null : [one];
    }
    if (m.size > MAX_ARRAY_ITEMS) {
      this.hub.fail(
        p,
        m.id,
        'ValueError',
        `an Array may have at most ${MAX_ARRAY_ITEMS} items in a lab run`,
      );
      return null;
    }
    if (m.value === null) return new Array<Json>(m.size).fill(zeroOf(m.typecode));
    if (!Array.isArray(m.value) || m.value.length !== m.size) {
      this.hub.fail(p, m.id, 'TypeError', `an Array of ${m.size} items needs a list of ${m.size}`);
      return null;
    }
    const items: Json[] = [];
    for (const x of m.value) {
      const item = this.#converted(p, m.id, m.typecode, x);
      if (item === undefined) return null;
      items.push(item);
    }
    return items;
  }
}
