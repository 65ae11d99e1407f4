/** An Event brokered by the runner (Python's multiprocessing.Event): a flag processes wait for. */
import { newRef, notify, request } from './context';
import { registerShareable, type Shareable } from './encode';
import { nameArg } from './syncArgs';
import { timeoutArg } from './timeouts';

export interface EventOptions {
  /** A name for the timeline (default "Event 1", …). */
  name?: string;
}

export class Event implements Shareable {
  readonly #ref: string;

  constructor(options: EventOptions = {}, ref?: string) {
    if (ref !== undefined) {
      this.#ref = ref;
      return;
    }
    this.#ref = newRef();
    notify({ id: 0, op: 'event.create', ref: this.#ref, name: nameArg(options.name) });
  }

  async isSet(): Promise<boolean> {
    return (await request({ id: 0, op: 'event.isSet', ref: this.#ref })) === true;
  }

  /** Sets the flag; every process waiting for it wakes. */
  async set(): Promise<void> {
    await request({ id: 0, op: 'event.set', ref: this.#ref });
  }

  async clear(): Promise<void> {
    await request({ id: 0, op: 'event.clear', ref: this.#ref });
  }

  /**
   * Resolves with the flag once it is set (true), or when `timeoutSec` passes first (false).
   * `null` (Python's `None`) waits without limit; a negative timeout counts as zero.
   */
  async wait(timeoutSec: number | null = null): Promise<boolean> {
    const timeout = timeoutArg(timeoutSec, 'Event.wait()');
    return (
      (await request({ id: 0, op: 'event.wait', ref: this.#ref, timeoutSec: timeout })) === true
    );
  }

  toWire() {
    return { $cl: 'Event', ref: this.#ref };
  }
}

registerShareable('Event', (w) => new Event({}, w.ref as string));
