/** Python-named errors that cross the wire by name, so `err instanceof Empty` works in lab code. */
import type { WireError } from '../protocol/lab';

/** Raised by `get` when the queue stays empty (non-blocking, or the timeout passed). */
export class Empty extends Error {
  constructor(message = 'the queue is empty') {
    super(message);
    this.name = 'Empty';
  }
}

/** Raised by `put` when the queue stays full (non-blocking, or the timeout passed). */
export class Full extends Error {
  constructor(message = 'the queue is full') {
    super(message);
    this.name = 'Full';
  }
}

/** Python's ValueError: releasing an unlocked lock, taskDone() called too often, a negative sleep. */
export class ValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValueError';
  }
}

/** Python's AssertionError: `start()` twice, `join()` before `start()`, a daemon starting a child. */
export class AssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssertionError';
  }
}

/** Raised by `read()` when the shared file does not hold valid JSON (e.g. a torn read). */
export class JSONDecodeError extends Error {
  constructor(
    message: string,
    readonly raw: string,
  ) {
    super(message);
    this.name = 'JSONDecodeError';
  }
}

/** Python's threading.BrokenBarrierError: a Barrier was broken (timeout, abort, reset, failed action). */
export class BrokenBarrierError extends Error {
  constructor(message = 'the barrier is broken') {
    super(message);
    this.name = 'BrokenBarrierError';
  }
}

export function errorFromWire(err: WireError): Error {
  switch (err.name) {
    case 'Empty':
      return new Empty(err.message);
    case 'Full':
      return new Full(err.message);
    case 'ValueError':
      return new ValueError(err.message);
    case 'TypeError':
      return new TypeError(err.message);
    case 'AssertionError':
      return new AssertionError(err.message);
    case 'BrokenBarrierError':
      return new BrokenBarrierError(err.message);
    default: {
      const e = new Error(err.message);
      e.name = err.name;
      return e;
    }
  }
}
