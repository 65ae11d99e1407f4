/** Reading the lab wire's frames (src/wire/frames.ts) out of a byte stream. */
import { HEADER } from './frames';

/**
 * Cuts a byte stream into frames. `onFrame(buf, start, end)` gets each body, only for the duration
 * of the call (the bytes may be a reused read buffer). A length of 0 or above `maxFrame` means the
 * stream cannot be trusted from there on: `onBroken` is called once and nothing more is read.
 */
export class FrameReader {
  /** A frame begun in an earlier read: its whole buffer (header included), and how much is filled. */
  #part: Buffer | null = null;
  #filled = 0;
  #broken = false;

  constructor(
    private readonly maxFrame: number,
    private readonly onFrame: (buf: Buffer, start: number, end: number) => void,
    private readonly onBroken: (reason: string) => void,
  ) {}

  get broken(): boolean {
    return this.#broken;
  }

  /** Takes the bytes of `chunk` up to `end` (all of it by default): no copy, no new Buffer. */
  push(chunk: Buffer, end = chunk.length): void {
    let off = 0;
    if (this.#part) off = this.#fill(chunk, 0, end);
    while (!this.#broken && off < end) {
      const left = end - off;
      if (left < HEADER) {
        this.#part = Buffer.allocUnsafe(HEADER);
        this.#filled = 0;
        off = this.#fill(chunk, off, end);
        continue;
      }
      const len =
        (chunk[off] | (chunk[off + 1] << 8) | (chunk[off + 2] << 16)) + chunk[off + 3] * 0x1000000;
      if (!this.#check(len)) return;
      if (left < HEADER + len) {
        this.#part = Buffer.allocUnsafe(HEADER + len);
        this.#filled = 0;
        off = this.#fill(chunk, off, end);
        continue;
      }
      this.onFrame(chunk, off + HEADER, off + HEADER + len);
      off += HEADER + len;
    }
  }

  /**
   * Copies what `chunk[from, end)` has of the frame begun earlier; returns where the bytes it did
   * not use start.
   */
  #fill(chunk: Buffer, from: number, end: number): number {
    let part = this.#part as Buffer;
    let at = from;
    if (this.#filled < HEADER) {
      const n = Math.min(HEADER - this.#filled, end - at);
      chunk.copy(part, this.#filled, at, at + n);
      this.#filled += n;
      at += n;
      if (this.#filled < HEADER) return at;
      const len = part.readUInt32LE(0);
      if (!this.#check(len)) return end;
      if (part.length !== HEADER + len) {
        const whole = Buffer.allocUnsafe(HEADER + len);
        part.copy(whole, 0, 0, HEADER);
        this.#part = part = whole;
      }
    }
    const n = Math.min(part.length - this.#filled, end - at);
    chunk.copy(part, this.#filled, at, at + n);
    this.#filled += n;
    at += n;
    if (this.#filled === part.length) {
      this.#part = null;
      this.onFrame(part, HEADER, part.length);
    }
    return at;
  }

  #check(len: number): boolean {
    if (len > 0 && len <= this.maxFrame) return true;
    this.#broken = true;
    this.#part = null;
    this.onBroken(
      len === 0 ? 'an empty frame' : `a frame of ${len} bytes (at most ${this.maxFrame})`,
    );
    return false;
  }
}
