/**
 * The runner end of a lab process's wire (src/wire/frames.ts): the extra pipe every lab
 * process is started with (descriptor WIRE_FD), carrying its setup, its operations and their
 * answers.
 * What it reads is untrusted: a frame that is not JSON is one malformed message; a frame length
 * that cannot be right means the stream is lost from there, so the process is reported and stopped.
 */
import type { Socket } from 'node:net';
import {
  decodeFrame,
  FRAME_LOCKS,
  fillReplyFrame,
  isShortReply,
  jsonFrame,
  MAX_LAB_FRAME,
  replyFrame,
  SHORT_REPLY_BYTES,
} from '../wire/frames';
import { FrameReader } from '../wire/frameReader';
import { FrameWriter } from '../wire/frameWriter';
import { readMore, readRaw } from './rawReads';

/**
 * The descriptor number of the wire in the lab process (after stdin, stdout and stderr). It is
 * the process's only channel to the runner: lab processes have no fork IPC, so nothing lab code
 * writes anywhere else can reach the runner's parsers.
 */
export const WIRE_FD = 3;
/** A read this large means the process has more waiting: let the others have a turn first. */
const FAIR_SHARE_BYTES = 16 * 1024;

export interface WireHooks {
  /**
   * `checked`: it came in a binary lock frame, whose decoder admits only valid lock operations
   * (src/wire/frames.ts), so it needs no second check.
   */
  onMessage(raw: unknown, checked: boolean): void;
  /** `fatal`: nothing more will be read from this process. */
  onBad(reason: string, fatal: boolean): void;
}

export class LabWire {
  #writer: FrameWriter | null = null;
  #ended: boolean;
  #onEnd: (() => void)[] = [];
  #pending: Buffer[] | null = null;
  /** Frames sent before the socket is there (a Python process adopted before it attached). */
  #early: Buffer[] | null = null;
  #hooks: WireHooks;
  /** Where a short reply written at once (a lock's grant) is made: no allocation per grant. */
  readonly #grant = Buffer.allocUnsafe(SHORT_REPLY_BYTES);

  /**
   * `socket`: the process's end of the wire (the pipe at WIRE_FD of a process the runner started,
   * or a connection a Python process made). `later`: none yet, it comes with `connect`.
   */
  constructor(socket: Socket | null | undefined, hooks: WireHooks, later = false) {
    this.#hooks = hooks;
    this.#ended = !socket && !later;
    if (socket) this.connect(socket);
    else if (later) this.#early = [];
  }

  /** The socket of a wire made with `later`: what was sent meanwhile goes out first. */
  connect(socket: Socket): void {
    this.#writer = new FrameWriter(socket, FrameWriter.fdOf(socket));
    const early = this.#early;
    this.#early = null;
    for (const frame of early ?? []) this.#out(frame);
    const reader = new FrameReader(
      MAX_LAB_FRAME,
      (buf, start, end) => {
        let raw: unknown;
        try {
          raw = decodeFrame(buf, start, end);
        } catch (err) {
          return this.#hooks.onBad(
            `an unreadable frame (${String((err as Error).message).slice(0, 80)})`,
            false,
          );
        }
        this.#hooks.onMessage(raw, buf[start] === FRAME_LOCKS);
      },
      (reason) => {
        socket.removeAllListeners('data');
        socket.resume();
        this.#hooks.onBad(`${reason}: the rest of what it sends cannot be read`, true);
      },
    );
    // A process that writes flat out must not starve the others (nor the runner's own timers and
    // lease top-ups): after a full read, its next read waits for the next turn of the loop.
    const raw = readRaw(socket, (chunk) => {
      if (reader.broken) return true; // read and dropped until the end
      reader.push(chunk);
      if (chunk.length < FAIR_SHARE_BYTES || reader.broken) return true;
      setImmediate(() => readMore(socket));
      return false;
    });
    if (!raw) {
      socket.resume();
      socket.on('data', (chunk: Buffer) => {
        if (reader.broken) return;
        reader.push(chunk);
        if (chunk.length >= FAIR_SHARE_BYTES && !socket.isPaused()) {
          socket.pause();
          setImmediate(() => socket.resume());
        }
      });
    }
    const end = () => {
      if (this.#ended) return;
      this.#ended = true;
      for (const f of this.#onEnd.splice(0)) f();
    };
    socket.on('end', end);
    socket.on('close', end);
    socket.on('error', end);
  }

  /** Everything the process wrote has been read (its end of the pipe is closed). */
  get ended(): boolean {
    return this.#ended;
  }

  onEnd(f: () => void): void {
    if (this.#ended) f();
    else this.#onEnd.push(f);
  }

  /** Hands what is read from now on to `hooks` (a spare process given its role). */
  listen(hooks: WireHooks): void {
    this.#hooks = hooks;
  }

  /** Sends a runner → lab message. */
  send(msg: object): void {
    if (this.#early) this.#early.push(jsonFrame(JSON.stringify(msg)));
    else if (this.#writer) this.#out(jsonFrame(JSON.stringify(msg)));
  }

  /** Answers request `id` with `value` (true, null and false need no JSON); `now`: written at once. */
  reply(id: number, value: unknown, now = false): void {
    if (this.#early) this.#early.push(jsonFrame(JSON.stringify({ id, ok: true, value })));
    if (!this.#writer) return;
    const short = isShortReply(id, value);
    // Nothing waits to leave before it: written now, with no batch to open and flush.
    if (now && short && !this.#pending)
      return this.#writer.write(fillReplyFrame(this.#grant, id, value), true);
    const frame = short
      ? replyFrame(id, value)
      : jsonFrame(JSON.stringify({ id, ok: true, value }));
    if (now && !this.#pending) return this.#writer.write(frame);
    this.#out(frame);
    // In order: whatever is pending for this process leaves with it.
    if (now) this.#flush();
  }

  /**
   * Frames for this process made while handling one read (a lease top-up and the reply after
   * it, the answers to several requests) leave in one write once that handling is over: a write
   * wakes the process, and waking it is most of what a message costs.
   */
  #out(frame: Buffer): void {
    if (this.#pending) {
      this.#pending.push(frame);
      return;
    }
    this.#pending = [frame];
    queueMicrotask(this.#flush);
  }

  readonly #flush = (): void => {
    const frames = this.#pending;
    this.#pending = null;
    if (frames) this.#writer?.write(frames.length === 1 ? frames[0] : Buffer.concat(frames));
  };
}
