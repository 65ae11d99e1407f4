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

  push(chunk: Buffer): void {
    let off = 0;
    if (this.#part) off = this.#fill(chunk);
    while (!this.#broken && off < chunk.length) {
      const left = chunk.length - off;
      if (left < HEADER) {
        this.#part = Buffer.allocUnsafe(HEADER);
        this.#filled = 0;
        off += this.#fill(chunk.subarray(off));
        continue;
      }
      const len = chunk.readUInt32LE(off);
      if (!this.#check(len)) return;
      if (left < HEADER + len) {
        this.#part = Buffer.allocUnsafe(HEADER + len);
        this.#filled = 0;
        off += this.#fill(chunk.subarray(off));
        continue;
      }
      this.onFrame(chunk, off + HEADER, off + HEADER + len);
      off += HEADER + len;
    }
  }

  /** Copies what `chunk` has of the frame begun earlier; returns how many bytes it used. */
  #fill(chunk: Buffer): number {
    let part = this.#part as Buffer;
    let used = 0;
    if (this.#filled < HEADER) {
      used = Math.min(HEADER - this.#filled, chunk.length);
      chunk.copy(part, this.#filled, 0, used);
      this.#filled += used;
      if (this.#filled < HEADER) return used;
      const len = part.readUInt32LE(0);
      if (!this.#check(len)) return chunk.length;
      if (part.length !== HEADER + len) {
        const whole = Buffer.allocUnsafe(HEADER + len);
        part.copy(whole, 0, 0, HEADER);
        this.#part = part = whole;
      }
    }
    const n = Math.min(part.length - this.#filled, chunk.length - used);
    chunk.copy(part, this.#filled, used, used + n);
    this.#filled += n;
    used += n;
    if (this.#filled === part.length) {
      this.#part = null;
      this.onFrame(part, HEADER, part.length);
    }
    return used;
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
