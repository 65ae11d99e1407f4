/**
 * Writes lab-wire frames to a pipe. A round trip is a few tens of microseconds, so the write is
 * made synchronously on the pipe's descriptor when there is one (no write request object, no
 * callback, the peer is woken at once); when the pipe is full, or the platform gives no descriptor,
 * the frame goes through the socket's own buffered write, and so do the ones after it until that
 * buffer has drained, so frames never overtake each other.
 */
import { writeSync } from 'node:fs';
import type { Socket } from 'node:net';

export class FrameWriter {
  /** Frames handed to the socket and not yet written. */
  #queued = 0;
  #closed = false;
  #onIdle: (() => void)[] = [];

  /** `fd` < 0: no descriptor to write on (only the socket's write is used). */
  constructor(
    private readonly socket: Socket,
    private readonly fd: number,
  ) {
    const gone = () => {
      this.#closed = true;
      for (const f of this.#onIdle.splice(0)) f();
    };
    socket.on('error', gone);
    socket.on('close', gone);
  }

  /** The descriptor behind a pipe socket, or -1 where the platform gives none. */
  static fdOf(socket: Socket): number {
    const fd = (socket as unknown as { _handle?: { fd?: unknown } })._handle?.fd;
    return typeof fd === 'number' && fd >= 0 ? fd : -1;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Everything written so far has reached the pipe. */
  get idle(): boolean {
    return this.#queued === 0;
  }

  /**
   * `scratch`: `frame` is a buffer the caller reuses once this returns (a lock's grant, written
   * at once far more often than not): copied only when it cannot leave now.
   */
  write(frame: Buffer, scratch = false): void {
    if (this.#closed) return;
    let rest = frame;
    if (this.#queued === 0 && this.fd >= 0) {
      try {
        const n = writeSync(this.fd, frame);
        if (n === frame.length) return;
        rest = frame.subarray(n);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') {
          // The peer is gone (EPIPE): its end is noticed through the process's exit.
          this.#closed = true;
          return;
        }
      }
    }
    this.#queued++;
    this.socket.write(scratch ? Buffer.from(rest) : rest, () => {
      if (--this.#queued === 0) for (const f of this.#onIdle.splice(0)) f();
    });
  }

  /**
   * Writes the first `length` bytes of `buf`, a buffer the caller reuses once this returns (a lab
   * process's lock frame): copied only when they cannot all leave now.
   */
  writeFrom(buf: Buffer, length: number): void {
    if (this.#closed) return;
    let n = 0;
    if (this.#queued === 0 && this.fd >= 0) {
      try {
        n = writeSync(this.fd, buf, 0, length);
        if (n === length) return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') {
          this.#closed = true;
          return;
        }
      }
    }
    this.write(Buffer.from(buf.subarray(n, length)));
  }

  /** Calls `then` once every frame written so far has reached the pipe (or the pipe is gone). */
  whenIdle(then: () => void): void {
    if (this.#queued === 0 || this.#closed) then();
    else this.#onIdle.push(then);
  }
}
