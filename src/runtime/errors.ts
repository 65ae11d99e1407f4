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

/** Python's IndexError: an Array index out of range. */
export class IndexError extends Error {
  constructor(message = 'invalid index') {
    super(message);
    this.name = 'IndexError';
  }
}

/** multiprocessing.TimeoutError: an AsyncResult's get() whose timeout passed before its result came. */
export class TimeoutError extends Error {
  constructor(message = '') {
    super(message);
    this.name = 'TimeoutError';
  }
}

/** Python's EOFError: recv() on a pipe whose other end every process has closed, once it is drained. */
export class EOFError extends Error {
  constructor(message = '') {
    super(message);
    this.name = 'EOFError';
  }
}

/** Python's OSError: a closed handle, or a one-way pipe used the wrong way. */
export class OSError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OSError';
  }
}

/** Python's BrokenPipeError (an OSError): sending when no process holds the other end. */
export class BrokenPipeError extends OSError {
  constructor(message = '[Errno 32] Broken pipe') {
    super(message);
    this.name = 'BrokenPipeError';
  }
}

/** The errors a reply may name that lab code can catch by class. */
const BY_NAME: Readonly<Record<string, new (message: string) => Error>> = {
  Empty,
  Full,
  ValueError,
  TypeError,
  AssertionError,
  BrokenBarrierError,
  IndexError,
  EOFError,
  OSError,
  BrokenPipeError,
  TimeoutError,
};

export function errorFromWire(err: WireError): Error {
  const Known = Object.hasOwn(BY_NAME, err.name) ? BY_NAME[err.name] : undefined;
  if (Known) return new Known(err.message);
  const e = new Error(err.message);
  e.name = err.name;
  return e;
}
