/** What the brokers need from the run: the clock/log, the scheduler, and a way to answer. */
import type { Json } from '../protocol/events';
import type { ProcRec } from './procRec';
import type { Recorder } from './recorder';
import type { SchedulerPolicy } from './scheduler';
import type { Waiter } from './waiter';

export interface Hub {
  readonly rec: Recorder;
  readonly sched: SchedulerPolicy;
  /**
   * Answers request `id` of `p` (nothing is sent for a notice, id 0). Answers leave when the
   * current read has been handled, together; `now` writes this one (and any before it) at once:
   * for a process that waits on nothing else, such as a lock's next holder.
   */
  reply(p: ProcRec, id: number, value: Json, now?: boolean): void;
  /** Refuses request `id` of `p`; the lab raises an error named `name`. */
  fail(p: ProcRec, id: number, name: string, message: string): void;
  /** `w` is a wait that only another process can end: time to look for a deadlock cycle. */
  blocked(w: Waiter): void;
  proc(index: number): ProcRec | undefined;
}

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

  /** "Lock 1", "Queue 2": numbered per kind, as the lab created them. */
  defaultName(kind: string): string {
    const n = (this.#names.get(kind) ?? 0) + 1;
    this.#names.set(kind, n);
    return `${kind} ${n}`;
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
