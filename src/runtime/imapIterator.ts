/**
 * What Pool.imap and Pool.imapUnordered return: the job's results one by one (`for await`), as
 * Python's IMapIterator; `next(timeoutSec)` raises TimeoutError when the next one is late.
 */
import { askResult, resultValues, type JobHandle } from './asyncResult';
import { presetSite } from './siteSlot';
import { timeoutArg } from './timeouts';

export class IMapIterator<T> implements AsyncIterableIterator<T> {
  readonly #handle: JobHandle;
  readonly #tasks: number;
  readonly #unordered: boolean;
  /** Results of the task taken last that the caller has not had yet. */
  #buffered: T[] = [];
  #nextTask = 0;

  constructor(handle: JobHandle, tasks: number, unordered: boolean) {
    this.#handle = handle;
    this.#tasks = tasks;
    this.#unordered = unordered;
  }

  /**
   * For `for await`: its calls of next() are made by the language, not marked by a line of lab
   * code, so each finds its site on the stack (a mark left by the loop's body is not its own).
   */
  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    const loop: AsyncIterableIterator<T> = {
      next: () => {
        presetSite(undefined);
        return this.next();
      },
      [Symbol.asyncIterator]: () => loop,
    };
    return loop;
  }

  /** The next result; `{ done: true }` after the last. A task's error is raised at its place. */
  async next(timeoutSec: number | null = null): Promise<IteratorResult<T>> {
    const timeout = timeoutArg(timeoutSec, 'IMapIterator.next()');
    while (this.#buffered.length === 0) {
      if (this.#nextTask >= this.#tasks) return { done: true, value: undefined };
      const part = this.#unordered ? { unordered: true } : { task: this.#nextTask };
      const reply = await askResult(this.#handle, 'get', timeout, part);
      if (reply.done) this.#nextTask++;
      this.#buffered = resultValues(reply) as T[];
    }
    return { done: false, value: this.#buffered.shift() as T };
  }
}
