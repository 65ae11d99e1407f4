/**
 * The run's JSONL log file, written off the runner's thread. A synchronous write of each batch's
 * lines stalled the runner whenever the disk made it wait: in the pipeline bench the recorder spent
 * about as long blocked in `writeSync` as it spent recording, and meanwhile the runner answered no
 * lab. Here batches are copied into a buffer that libuv's thread pool writes, one write at a time,
 * at the file position the bytes were given, so the file is always a prefix of the log; while a
 * write is out, the next batches gather in a second buffer (two buffers, reused: no allocation
 * per batch, and one write for many batches when the disk is slow).
 *
 * - `close()` writes everything synchronously (the write in flight too: the same bytes at the same
 *   place), so the file is whole when it returns, as before.
 * - Bounded: when the disk falls more than MAX_BEHIND_BYTES behind, `append` writes synchronously,
 *   and the runner waits for the disk as it did before.
 * - A write that fails or comes back short turns the file synchronous: the next `append` or `close`
 *   writes what is missing and throws the error where a synchronous write threw it.
 * - A runner killed outright (SIGKILL) leaves at most MAX_BEHIND_BYTES unwritten; the client ends
 *   such a log with its own `run.end` (runnerClient/endRecording.ts).
 */
import { closeSync, openSync, write, writeSync } from 'node:fs';

/** How far the file may fall behind the log before appends wait for the disk (about 80k events). */
const MAX_BEHIND_BYTES = 8 * 2 ** 20;
const FIRST_BUFFER_BYTES = 256 * 1024;

/** Bytes of the log and where they go in the file. */
interface Chunk {
  bytes: Uint8Array;
  length: number;
  at: number;
}

export class LogFile {
  readonly #fd: number;
  /** Bytes appended so far: where the next ones go. */
  #end = 0;
  /** The bytes gathered since the last write began; they go at `#end - #filled`. */
  #filling: Uint8Array = new Uint8Array(FIRST_BUFFER_BYTES);
  #filled = 0;
  /** The buffer of the last write that came back, for the next one to fill. */
  #spare: Uint8Array | null = null;
  #inFlight: Chunk | null = null;
  /** The write in flight was rewritten synchronously since: how it ends no longer matters. */
  #inFlightSettled = false;
  /** Bytes a failed or short write left out (written before anything else). */
  #missing: Chunk | null = null;
  #synchronous = false;
  #closed = false;

  constructor(path: string) {
    this.#fd = openSync(path, 'w');
  }

  /** Appends `bytes` to the file (they are copied: the caller may reuse them at once). */
  append(bytes: Uint8Array): void {
    if (this.#closed) throw new Error('the log file is closed');
    if (bytes.length === 0) return;
    if (this.#synchronous || this.#filled + bytes.length > MAX_BEHIND_BYTES) {
      this.#writeAllNow();
      writeAt(this.#fd, { bytes, length: bytes.length, at: this.#end });
      this.#end += bytes.length;
      return;
    }
    if (this.#filled + bytes.length > this.#filling.length) {
      const grown = new Uint8Array(Math.max(this.#filling.length * 2, this.#filled + bytes.length));
      grown.set(this.#filling.subarray(0, this.#filled));
      this.#filling = grown;
    }
    this.#filling.set(bytes, this.#filled);
    this.#filled += bytes.length;
    this.#end += bytes.length;
    this.#writeNext();
  }

  /** Writes everything synchronously, then closes the file (once the write in flight is back). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#writeAllNow();
    } finally {
      if (!this.#inFlight) closeSync(this.#fd);
    }
  }

  /** Everything not known to be on file, written synchronously in file order. */
  #writeAllNow(): void {
    if (this.#inFlight && !this.#inFlightSettled) {
      writeAt(this.#fd, this.#inFlight);
      this.#inFlightSettled = true;
    }
    if (this.#missing) {
      writeAt(this.#fd, this.#missing);
      this.#missing = null;
    }
    if (this.#filled) {
      writeAt(this.#fd, {
        bytes: this.#filling,
        length: this.#filled,
        at: this.#end - this.#filled,
      });
      this.#filled = 0;
    }
  }

  /** Hands the gathered bytes to the thread pool, unless a write is out already. */
  #writeNext(): void {
    if (this.#inFlight || this.#synchronous || this.#closed || this.#filled === 0) return;
    const chunk: Chunk = {
      bytes: this.#filling,
      length: this.#filled,
      at: this.#end - this.#filled,
    };
    this.#inFlight = chunk;
    this.#inFlightSettled = false;
    this.#filling = this.#spare ?? new Uint8Array(chunk.bytes.length);
    this.#spare = null;
    this.#filled = 0;
    write(this.#fd, chunk.bytes, 0, chunk.length, chunk.at, (err, written) => {
      const settled = this.#inFlightSettled;
      this.#inFlight = null;
      if (this.#closed) return closeSync(this.#fd);
      if (!settled && (err || written < chunk.length)) {
        // Left for the next append to write synchronously, and to throw if it fails again.
        this.#synchronous = true;
        const done = err ? 0 : written;
        this.#missing = {
          bytes: chunk.bytes.subarray(done),
          length: chunk.length - done,
          at: chunk.at + done,
        };
        return;
      }
      this.#spare = chunk.bytes;
      this.#writeNext();
    });
  }
}

/** Writes a chunk where it belongs, all of it. */
function writeAt(fd: number, { bytes, length, at }: Chunk): void {
  for (let done = 0; done < length;) done += writeSync(fd, bytes, done, length - done, at + done);
}
