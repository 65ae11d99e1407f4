import { defaultObjectName, type ObjectKind } from '../model/objectNames';

/** Refs name primitives in lab messages; objs are the run-unique ids events carry. */
export class ObjectTable<T extends { obj: number }> {
  readonly #refs = new Map<string, T>();
  readonly byObj: T[] = [];
  readonly #names = new Map<string, number>();

  constructor(private readonly limit = 10_000) {}

  get size(): number {
    return this.byObj.length;
  }

  get full(): boolean {
    return this.byObj.length >= this.limit;
  }

  nextObj(): number {
    return this.byObj.length + 1;
  }

  /**
   * A new object's number, and its name: the one the lab gave (at most 100 characters), else
   * the kind's next default name.
   */
  identify(kind: ObjectKind, given?: string): { obj: number; name: string } {
    return { obj: this.nextObj(), name: given?.slice(0, 100) || this.defaultName(kind) };
  }

  /** "Lock 1", "Queue 2": numbered per kind, as the lab created them. */
  defaultName(kind: ObjectKind): string {
    const n = (this.#names.get(kind) ?? 0) + 1;
    this.#names.set(kind, n);
    return defaultObjectName(kind, n);
  }

  add(ref: string, o: T): void {
    this.byObj.push(o);
    this.#refs.set(ref, o);
  }

  alias(ref: string, o: T): void {
    this.#refs.set(ref, o);
  }

  hasRef(ref: string): boolean {
    return this.#refs.has(ref);
  }

  get(ref: string): T | undefined {
    return this.#refs.get(ref);
  }

  at(obj: number): T | undefined {
    return this.byObj[obj - 1];
  }
}
