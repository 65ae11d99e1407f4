/** A blocked lab request: which process waits, in what, on which object, since when. */
import type { Json } from '../protocol/events';
import type { ProcRec } from './procRec';
import type { TimerHandle } from './scheduler';

export type WaitKind =
  | 'lock'
  | 'get'
  | 'put'
  | 'qjoin'
  | 'join'
  | 'exit'
  | 'sem'
  | 'event'
  | 'cond'
  | 'barrier'
  | 'recv'
  | 'poll'
  | 'task'
  | 'result'
  | 'pooljoin';

/** What an owner's wait on a Pool waits for: job `job` (its task `task`; the next unordered one). */
export interface PoolWaitFor {
  job: number;
  task?: number;
  unordered?: boolean;
  mode: 'get' | 'wait';
}

export interface Waiter {
  readonly proc: ProcRec;
  /** The request id to answer. */
  readonly id: number;
  readonly kind: WaitKind;
  /**
   * The lock / queue / pool obj id; for `join`, the target's process index; for `exit`, the child
   * joined now.
   */
  obj: number;
  /** When the wait began (µs). */
  readonly since: number;
  /** The value a blocked put carries. */
  readonly value?: Json;
  /** The run's id of the lab call site that made the request (src/runner/sites.ts). */
  readonly site?: number;
  /** Set when the wait has a timeout. */
  timer: TimerHandle | null;
  /** The broker's wait list holding it, so it can be removed from anywhere. */
  list: Waiter[] | null;
  /**
   * A lock wait that answers its own way when granted (a Condition's wait taking its lock back);
   * `depth` is the RLock level it restores.
   */
  grant?: () => void;
  depth?: number;
  /** A Barrier arrival's index. */
  index?: number;
  /** The end of a pipe a recv() or poll() waits at. */
  end?: number;
  /** A wait of kind `result`: what it waits for. */
  poolWait?: PoolWaitFor;
}

/**
 * The waits of one process, in the order they began (as a Set would keep them). A process waits
 * in one place, rarely a few: a list spares each wait what a Set of objects costs it (an identity
 * hash made for the new waiter, a table insert and a delete that shrinks the table), a tenth of
 * the runner's work in a contended lock's hand-off. Ending a wait while going over the list
 * skips the next one: go over a copy (`[...p.waiting]`) to end waits.
 */
export class WaitList implements Iterable<Waiter> {
  readonly #items: Waiter[] = [];

  get size(): number {
    return this.#items.length;
  }

  /** A wait that is not in the list yet (a new waiter). */
  add(w: Waiter): void {
    this.#items.push(w);
  }

  /** Takes `w` out; false when it was not in. */
  delete(w: Waiter): boolean {
    const items = this.#items;
    const i = items.indexOf(w);
    if (i < 0) return false;
    if (i === items.length - 1) items.pop();
    else items.splice(i, 1);
    return true;
  }

  [Symbol.iterator](): IterableIterator<Waiter> {
    return this.#items.values();
  }
}

export function newWaiter(
  proc: ProcRec,
  id: number,
  kind: WaitKind,
  obj: number,
  since: number,
  value?: Json,
  site?: number,
): Waiter {
  const w: Waiter = { proc, id, kind, obj, since, value, site, timer: null, list: null };
  proc.waiting.add(w);
  return w;
}

/** Ends a wait: out of its list and its process, timer cancelled. */
export function dropWaiter(w: Waiter): void {
  w.proc.waiting.delete(w);
  if (w.timer) {
    w.timer.cancel();
    w.timer = null;
  }
  if (w.list) {
    const i = w.list.indexOf(w);
    // The front of a FIFO by far most often: shift makes no array of what it took out.
    if (i === 0) w.list.shift();
    else if (i > 0) w.list.splice(i, 1);
    w.list = null;
  }
}
