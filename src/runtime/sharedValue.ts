/**
 * Value and Array (Python's multiprocessing.sharedctypes): memory the runner holds for every
 * process. Each read and each write is its own request, so `v.set(await v.get() + 1)` is two
 * operations another process can come between, and loses updates as `v.value += 1` does in
 * Python (bpo-16998); `getLock()` is the lock that makes the pair one step.
 */
import type { Json } from '../protocol/events';
import { convertTo, isTypecode, TypecodeError, zeroOf } from '../protocol/typecodes';
import { newRef, notify, request } from './context';
import { registerShareable, type Shareable } from './encode';
import { ValueError } from './errors';
import { Lock } from './lock';
import { RLock } from './rlock';
import { nameArg } from './syncArgs';
import { l } from './currentProcess';

export interface SharedOptions {
  /**
   * true (the default): a new RLock synchronizes every read and write, as CPython's
   * synchronized wrapper does; false: raw shared memory, without `getLock()`; or the Lock or
   * RLock to use.
   */
  lock?: boolean | Lock | RLock;
  /** A name for the timeline (default "Value 1", "Array 1", …). */
  name?: string;
}

/** The Python error a failed conversion raises. */
function pythonError(err: unknown): unknown {
  if (!(err instanceof TypecodeError)) return err;
  return err.pythonName === 'ValueError' ? new ValueError(err.message) : new TypeError(err.message);
}

function checkedTypecode(typecode: unknown): string {
  if (!isTypecode(typecode)) throw new TypeError('this type has no size');
  return typecode;
}

function attributeError(message: string): Error {
  const err = new Error(message);
  err.name = 'AttributeError';
  return err;
}

/** The lock option as CPython's `Value(…, lock=…)` takes it. */
function lockOf(lock: unknown, name: string | undefined): Lock | RLock | null {
  if (lock === undefined || lock === true)
    return new RLock({
      name: name === undefined ? undefined : l({ en: `${name} (lock)`, 'zh-CN': `${name}（锁）` }),
    });
  if (lock === false) return null;
  if (lock instanceof Lock || lock instanceof RLock) return lock;
  throw attributeError(`'${String(lock)}' has no method 'acquire'`);
}

/** What Value and Array have in common: a ref, a typecode and maybe a lock. */
abstract class Shared implements Shareable {
  protected readonly ref: string;
  readonly #lock: Lock | RLock | null;
  /** Its Python name, how it travels to another process. */
  protected abstract readonly kind: 'Value' | 'Array';

  protected constructor(
    readonly typecode: string,
    lock: Lock | RLock | null,
    ref: string,
  ) {
    this.ref = ref;
    this.#lock = lock;
  }

  protected static create(
    typecode: string,
    value: Json,
    size: number | undefined,
    options: SharedOptions,
  ): { ref: string; lock: Lock | RLock | null } {
    const name = nameArg(options.name);
    const lock = lockOf(options.lock, name);
    const ref = newRef();
    notify({ id: 0, op: 'value.create', ref, typecode, value, size, lock: lock?.ref, name });
    return { ref, lock };
  }

  /** The lock that synchronizes it (AttributeError when it was made with `lock: false`). */
  getLock(): Lock | RLock {
    if (!this.#lock)
      throw attributeError(`this ${this.kind} has no lock (it was made with lock: false)`);
    return this.#lock;
  }

  protected read(index?: number): Promise<unknown> {
    return request({ id: 0, op: 'value.get', ref: this.ref, index });
  }

  protected write(value: unknown, index?: number): Promise<void> {
    let stored: Json;
    try {
      stored = convertTo(this.typecode, value);
    } catch (err) {
      return Promise.reject(pythonError(err));
    }
    return request({ id: 0, op: 'value.set', ref: this.ref, index, value: stored }).then(
      () => undefined,
    );
  }

  toWire() {
    const wire: { $cl: string; ref: string; typecode: string; [k: string]: Json } = {
      $cl: this.kind,
      ref: this.ref,
      typecode: this.typecode,
    };
    if (this.#lock) wire.lock = this.#lock.toWire();
    return wire;
  }
}

/** One shared number or character (Python's `multiprocessing.Value`). */
export class Value extends Shared {
  protected readonly kind = 'Value';

  constructor(typecode: string, init?: unknown, options: SharedOptions = {}, ref?: string) {
    if (ref !== undefined) {
      super(typecode, (options.lock as Lock | RLock | undefined) ?? null, ref);
      return;
    }
    const code = checkedTypecode(typecode);
    let value: Json;
    try {
      value = init === undefined ? zeroOf(code) : convertTo(code, init);
    } catch (err) {
      throw pythonError(err);
    }
    const made = Shared.create(code, value, undefined, options);
    super(code, made.lock, made.ref);
  }

  /** Reads the value (Python's `v.value`): one operation, under the lock when there is one. */
  get(): Promise<unknown> {
    return this.read();
  }

  /** Writes `v` converted as the typecode does (Python's `v.value = x`): one operation. */
  set(v: unknown): Promise<void> {
    return this.write(v);
  }
}

/** A fixed-length shared array (Python's `multiprocessing.Array`), exported as `Array`. */
export class SharedArray extends Shared {
  protected readonly kind = 'Array';
  readonly length: number;

  constructor(
    typecode: string,
    sizeOrInit: number | readonly unknown[] | string,
    options: SharedOptions = {},
    ref?: string,
  ) {
    if (ref !== undefined) {
      super(typecode, (options.lock as Lock | RLock | undefined) ?? null, ref);
      this.length = sizeOrInit as number;
      return;
    }
    const code = checkedTypecode(typecode);
    const items = initialItems(code, sizeOrInit);
    // Zeros need not travel: the runner fills them in.
    const sent = typeof sizeOrInit === 'number' ? null : items;
    const made = Shared.create(code, sent, items.length, options);
    super(code, made.lock, made.ref);
    this.length = items.length;
  }

  /** Item `i` (negative: from the end; IndexError out of range). */
  get(i: number): Promise<unknown> {
    const index = indexArg(i);
    return index instanceof Error ? Promise.reject(index) : this.read(index);
  }

  /** Writes item `i`, converted as the typecode does. */
  set(i: number, v: unknown): Promise<void> {
    const index = indexArg(i);
    return index instanceof Error ? Promise.reject(index) : this.write(v, index);
  }

  /** Every item, read in one operation (Python's `a[:]`). */
  toArray(): Promise<unknown[]> {
    return this.read() as Promise<unknown[]>;
  }

  override toWire() {
    return { ...super.toWire(), length: this.length };
  }
}

function indexArg(i: unknown): number | Error {
  return typeof i === 'number' && Number.isInteger(i)
    ? i
    : new TypeError('indices must be integers');
}

/** The items an Array starts with, as CPython's `Array(typecode, size_or_initializer)`. */
function initialItems(code: string, sizeOrInit: unknown): Json[] {
  if (typeof sizeOrInit === 'number' && Number.isInteger(sizeOrInit)) {
    if (sizeOrInit < 0) throw new ValueError(`Array length must be >= 0, not ${sizeOrInit}`);
    return new globalThis.Array<Json>(sizeOrInit).fill(zeroOf(code));
  }
  if (typeof sizeOrInit !== 'string' && !globalThis.Array.isArray(sizeOrInit)) {
    const type = typeof sizeOrInit === 'number' ? 'float' : typeof sizeOrInit;
    throw new TypeError(`object of type '${type}' has no len()`);
  }
  try {
    return [...sizeOrInit].map((x) => convertTo(code, x));
  } catch (err) {
    throw pythonError(err);
  }
}

function sharedLock(wire: Record<string, Json>): Lock | RLock | undefined {
  const lock = wire.lock as { $cl?: string; ref?: string } | undefined;
  if (!lock || typeof lock.ref !== 'string') return undefined;
  return lock.$cl === 'Lock' ? new Lock({}, lock.ref) : new RLock({}, lock.ref);
}

registerShareable(
  'Value',
  (w) => new Value(w.typecode as string, undefined, { lock: sharedLock(w) }, w.ref as string),
);
registerShareable(
  'Array',
  (w) =>
    new SharedArray(
      w.typecode as string,
      w.length as number,
      { lock: sharedLock(w) },
      w.ref as string,
    ),
);
