/**
 * Pipe and its two Connections (Python's multiprocessing.Pipe): the messages wait in the runner,
 * so send and recv work across processes. As with the operating system's pipes, an end is open
 * while any process holds it: the one that made the pipe, and each child started with the end
 * among its arguments, until it closes it or exits. recv() raises EOFError once nothing is left
 * and no process holds the other end.
 */
import type { Json } from '../protocol/events';
import { newRef, notify, request } from './context';
import { decodeValue, encodeValue, registerShareable, type Shareable } from './encode';
import { OSError } from './errors';
import { nameArg } from './syncArgs';
import { timeoutArg } from './timeouts';

export interface PipeOptions {
  /** A name for the timeline (default "Pipe 1", …). */
  name?: string;
}

/** One end of a Pipe (Python's `multiprocessing.connection.Connection`). */
export class Connection implements Shareable {
  /** close() was called in this process (a handle is per process, as a file descriptor is). */
  #closed = false;

  constructor(
    private readonly ref: string,
    /** 0 or 1: which end of the pipe. */
    private readonly end: number,
    readonly readable: boolean,
    readonly writable: boolean,
  ) {}

  get closed(): boolean {
    return this.#closed;
  }

  /** Sends `obj` (a JSON value, or a Lock, Queue, … handle) to the other end. */
  send(obj: unknown): Promise<void> {
    let value: Json;
    try {
      this.#check(this.writable, 'connection is read-only');
      value = encodeValue(obj);
    } catch (err) {
      return Promise.reject(err);
    }
    return request({ id: 0, op: 'pipe.send', ref: this.ref, end: this.end, value }).then(
      () => undefined,
    );
  }

  /** The oldest message sent to this end, waiting for one; EOFError once the other end is closed everywhere and nothing is left. */
  recv(): Promise<unknown> {
    try {
      this.#check(this.readable, 'connection is write-only');
    } catch (err) {
      return Promise.reject(err);
    }
    return request({ id: 0, op: 'pipe.recv', ref: this.ref, end: this.end }).then(decodeValue);
  }

  /**
   * Whether there is something to receive (a message, or the end of the pipe), waiting up to
   * `timeoutSec`: 0 by default (do not wait), `null` (Python's `None`) without limit.
   */
  poll(timeoutSec: number | null = 0): Promise<boolean> {
    let timeout: number | undefined;
    try {
      this.#check(this.readable, 'connection is write-only');
      timeout = timeoutArg(timeoutSec, 'Connection.poll()');
    } catch (err) {
      return Promise.reject(err);
    }
    const op = {
      id: 0,
      op: 'pipe.poll',
      ref: this.ref,
      end: this.end,
      timeoutSec: timeout,
    } as const;
    return request(op).then((v) => v === true);
  }

  /** Closes this process's handle of the end; closing twice does nothing. */
  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    return request({ id: 0, op: 'pipe.close', ref: this.ref, end: this.end }).then(() => undefined);
  }

  #check(allowed: boolean, refusal: string): void {
    if (this.#closed) throw new OSError('handle is closed');
    if (!allowed) throw new OSError(refusal);
  }

  toWire() {
    return {
      $cl: 'Connection',
      ref: this.ref,
      end: this.end,
      readable: this.readable,
      writable: this.writable,
    };
  }
}

/**
 * A new pipe: `[a, b]`. Duplex (the default): each end sends to and receives from the other.
 * `duplex` false: `a` only receives and `b` only sends, as CPython's `Pipe(False)`.
 */
export function Pipe(duplex = true, options: PipeOptions = {}): [Connection, Connection] {
  const both = Boolean(duplex);
  const ref = newRef();
  notify({ id: 0, op: 'pipe.create', ref, duplex: both, name: nameArg(options.name) });
  return [new Connection(ref, 0, true, both), new Connection(ref, 1, both, true)];
}

registerShareable(
  'Connection',
  (w) => new Connection(w.ref as string, w.end as number, w.readable === true, w.writable === true),
);
