/** Python-named errors that cross the wire by name, so `err instanceof Empty` works in lab code. */
import type { WireError } from '../protocol/lab';

/** A Python-named error class: `new X(message?)`, whose instances are named X on the wire too. */
export type PythonErrorClass = new (message?: string) => Error;

/** The class of Python's error `name` (a subclass of `base`), with its default message. */
function pythonError(name: string, defaultMessage = '', base: PythonErrorClass = Error) {
  const named = class extends base {
    constructor(message = defaultMessage) {
      super(message);
      this.name = name;
    }
  };
  Object.defineProperty(named, 'name', { value: name });
  return named;
}

/** Raised by `get` when the queue stays empty (non-blocking, or the timeout passed). */
export const Empty = pythonError('Empty', 'the queue is empty');
export type Empty = InstanceType<typeof Empty>;

/** Raised by `put` when the queue stays full (non-blocking, or the timeout passed). */
export const Full = pythonError('Full', 'the queue is full');
export type Full = InstanceType<typeof Full>;

/** Python's ValueError: releasing an unlocked lock, taskDone() called too often, a negative sleep. */
export const ValueError = pythonError('ValueError');
export type ValueError = InstanceType<typeof ValueError>;

/** Python's AssertionError: `start()` twice, `join()` before `start()`, a daemon starting a child. */
export const AssertionError = pythonError('AssertionError');
export type AssertionError = InstanceType<typeof AssertionError>;

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
export const BrokenBarrierError = pythonError('BrokenBarrierError', 'the barrier is broken');
export type BrokenBarrierError = InstanceType<typeof BrokenBarrierError>;

/** Python's IndexError: an Array index out of range. */
export const IndexError = pythonError('IndexError', 'invalid index');
export type IndexError = InstanceType<typeof IndexError>;

/** multiprocessing.TimeoutError: an AsyncResult's get() whose timeout passed before its result came. */
export const TimeoutError = pythonError('TimeoutError');
export type TimeoutError = InstanceType<typeof TimeoutError>;

/** Python's EOFError: recv() on a pipe whose other end every process has closed, once it is drained. */
export const EOFError = pythonError('EOFError');
export type EOFError = InstanceType<typeof EOFError>;

/** Python's OSError: a closed handle, or a one-way pipe used the wrong way. */
export const OSError = pythonError('OSError');
export type OSError = InstanceType<typeof OSError>;

/** Python's BrokenPipeError (an OSError): sending when no process holds the other end. */
export const BrokenPipeError = pythonError('BrokenPipeError', '[Errno 32] Broken pipe', OSError);
export type BrokenPipeError = InstanceType<typeof BrokenPipeError>;

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
