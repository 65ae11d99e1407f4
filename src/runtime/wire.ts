/**
 * The lab end of the lab wire (src/wire/frames.ts): the pipe the runner opened as an extra
 * descriptor of this process, named by `--cl-wire=<fd>`. Every operation and its answer go
 * through it. Reads use one reused buffer (no allocation per read); writes are synchronous (see
 * FrameWriter). It is the process's only channel to the runner (there is no fork IPC): when it
 * closes, the runner is gone.
 */
import { Socket } from 'node:net';
import { decodeFrame, jsonFrame, lockFrame, MAX_LAB_FRAME, shortReplyValue } from '../wire/frames';
import { FrameReader } from '../wire/frameReader';
import type { LabMessage } from '../protocol/lab';
import { FrameWriter } from '../wire/frameWriter';

const READ_BUFFER_BYTES = 64 * 1024;
/** The runner is trusted; this only stops a corrupt stream from allocating without end. */
const MAX_FRAME_IN = 1 << 30;

let writer: FrameWriter | null = null;

/** The descriptor named on the command line, or -1. */
export function wireFd(argv: readonly string[]): number {
  const arg = argv.find((a) => a.startsWith('--cl-wire='));
  const fd = arg ? Number(arg.slice('--cl-wire='.length)) : NaN;
  return Number.isSafeInteger(fd) && fd > 2 ? fd : -1;
}

/**
 * Opens the wire on `fd`; `onMessage` gets every runner → lab message read from it, except the
 * short replies (true, null or false to request `id`, the answer to nearly every lock operation),
 * which go to `onAnswer` without a message object to build and check; `onClosed` is called when
 * the runner's end closes (the runner stopped or died).
 */
export function openWire(
  fd: number,
  onMessage: (msg: unknown) => void,
  onAnswer: (id: number, value: boolean | null) => void,
  onClosed: () => void,
): boolean {
  if (fd < 0) return false;
  const reader = new FrameReader(
    MAX_FRAME_IN,
    (buf, start, end) => {
      const value = shortReplyValue(buf, start, end);
      if (value === undefined) onMessage(decodeFrame(buf, start, end));
      else onAnswer(buf.readUInt32LE(start + 1), value);
    },
    (reason) => {
      throw new Error(`concurrency-labs: the runner sent ${reason}`);
    },
  );
  try {
    // `onread` (Node ≥ 12) reads into our buffer: no allocation and no stream machinery per read.
    const onread = {
      buffer: Buffer.allocUnsafe(READ_BUFFER_BYTES),
      callback: (n: number, buf: Uint8Array) => {
        reader.push(Buffer.from(buf.buffer, buf.byteOffset, n));
      },
    };
    const socket = new Socket({
      fd,
      readable: true,
      writable: true,
      onread,
    } as ConstructorParameters<typeof Socket>[0]);
    writer = new FrameWriter(socket, fd);
    socket.on('end', onClosed);
    socket.on('close', onClosed);
    socket.on('error', onClosed);
    return true;
  } catch {
    return false;
  }
}

/** Sends one message (or a batch) to the runner. */
export function wireSend(msg: object): void {
  if (!writer) return;
  // A lock's release and next acquire, the commonest message by far, need no JSON.
  const op = (msg as { op?: unknown }).op;
  if (op === 'lock.acquire' || op === 'lock.release' || Array.isArray(msg)) {
    const frame = lockFrame(Array.isArray(msg) ? msg : [msg as LabMessage]);
    if (frame) return writer.write(frame);
  }
  const json = JSON.stringify(msg);
  // The runner refuses frames past MAX_LAB_FRAME: a batch of large items goes in several.
  if (json.length > MAX_LAB_FRAME / 3 && Array.isArray(msg) && msg.length > 1) {
    const half = msg.length >> 1;
    wireSend(msg.slice(0, half));
    wireSend(msg.slice(half));
    return;
  }
  writer.write(jsonFrame(json));
}

/** Sends `msg`, then calls `then` once everything sent has left this process (to exit after it). */
export function wireSendThen(msg: object, then: () => void): void {
  const w = writer;
  if (!w) return then();
  wireSend(msg);
  w.whenIdle(then);
}
