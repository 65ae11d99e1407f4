/**
 * The lab end of the lab wire (src/wire/frames.ts): the pipe the runner opened as an extra
 * descriptor of this process, named by `--cl-wire=<fd>`. Every operation and its answer go
 * through it. Reads use one reused buffer (no allocation per read); writes are synchronous (see
 * FrameWriter). It is the process's only channel to the runner (there is no fork IPC): when it
 * closes, the runner is gone.
 */
import { readSync } from 'node:fs';
import { Socket } from 'node:net';
import {
  decodeFrame,
  encodeLockFrame,
  jsonFrame,
  lockFrame,
  MAX_LAB_FRAME,
  shortReplyValue,
} from '../wire/frames';
import { FrameReader } from '../wire/frameReader';
import type { LabMessage } from '../protocol/lab';
import { FrameWriter } from '../wire/frameWriter';
import type { ShortReplyWait } from './shortReplyWait';

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

/** Where the frames read from the wire go (set once by openWire). */
interface WireHandlers {
  onMessage: (msg: unknown) => void;
  onAnswer: (id: number, value: boolean | null) => void;
}

let handlers: WireHandlers | null = null;
let reader: FrameReader | null = null;
let readFd = -1;
/**
 * Set while a read's frames are being handed over: a handler that runs lab code (a pool callback)
 * and calls acquire() must not read more of the stream in the middle of an earlier read.
 */
let handing = false;

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
  handlers = { onMessage, onAnswer };
  const frames = new FrameReader(MAX_FRAME_IN, takeFrame, (reason) => {
    throw new Error(`concurrency-labs: the runner sent ${reason}`);
  });
  try {
    // `onread` (Node ≥ 12) reads into our buffer: no allocation and no stream machinery per read.
    const readBuffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);
    const onread = {
      buffer: readBuffer,
      callback: (n: number, buf: Uint8Array) => {
        handing = true;
        try {
          // Node hands back the buffer it was given: read in place, no Buffer made per read.
          if (buf === readBuffer) frames.push(readBuffer, n);
          else frames.push(Buffer.from(buf.buffer, buf.byteOffset, n));
        } finally {
          handing = false;
        }
      },
    };
    const socket = new Socket({
      fd,
      readable: true,
      writable: true,
      onread,
    } as ConstructorParameters<typeof Socket>[0]);
    writer = new FrameWriter(socket, fd);
    reader = frames;
    readFd = fd;
    socket.on('end', onClosed);
    socket.on('close', onClosed);
    socket.on('error', onClosed);
    return true;
  } catch {
    return false;
  }
}

/** One frame's body: handed over now, or held when a synchronous wait read it (awaitShortReply). */
function takeFrame(buf: Buffer, start: number, end: number): void {
  const value = shortReplyValue(buf, start, end);
  const on = handlers as WireHandlers;
  if (value === undefined) {
    const msg = decodeFrame(buf, start, end);
    if (waiting) holdMessage(msg);
    else on.onMessage(msg);
  } else {
    const id = buf.readUInt32LE(start + 1);
    if (waiting) holdAnswer(id, value);
    else on.onAnswer(id, value);
  }
}

/** Where lock frames are written before they leave (copied only when they cannot leave at once). */
const LOCK_FRAME_BYTES = 1024;
let lockScratch: Buffer | null = null;
/** The one-message batch a lone lock operation is framed as (emptied after each use). */
const one: LabMessage[] = [];

/** Sends one message (or a batch) to the runner. */
export function wireSend(msg: object): void {
  if (!writer) return;
  // A lock's release and next acquire, the commonest message by far, need no JSON.
  const op = (msg as { op?: unknown }).op;
  if (op === 'lock.acquire' || op === 'lock.release') {
    one.push(msg as LabMessage);
    const sent = sendLocks(writer, one);
    one.pop();
    if (sent) return;
  } else if (Array.isArray(msg) && sendLocks(writer, msg)) return;
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

/** Writes `msgs` as one lock frame; false when one of them is not a lock operation it carries. */
function sendLocks(w: FrameWriter, msgs: readonly LabMessage[]): boolean {
  const scratch = (lockScratch ??= Buffer.allocUnsafe(LOCK_FRAME_BYTES));
  const bytes = encodeLockFrame(scratch, msgs);
  if (bytes > 0) w.writeFrom(scratch, bytes);
  else {
    // Too long for the reused buffer (a burst of many), or not lock operations at all.
    const frame = bytes === 0 ? lockFrame(msgs) : null;
    if (!frame) return false;
    w.write(frame);
  }
  return true;
}

/** Sends `msg`, then calls `then` once everything sent has left this process (to exit after it). */
export function wireSendThen(msg: object, then: () => void): void {
  const w = writer;
  if (!w) return then();
  wireSend(msg);
  w.whenIdle(then);
}

/*
 * The synchronous wait. A lab process waiting in its event loop for an answer pays an epoll
 * wake-up, the loop's callbacks and a promise on top of the round trip. Reading the wire's
 * descriptor in a loop (it is non-blocking: EAGAIN when empty) for a short while after a request
 * left gets a quick answer without them. Every byte read goes into the same FrameReader as the
 * loop's reads, so nothing is lost or reordered; the frames it reads are held and handed over, in
 * order, in a microtask: after the lab code that is running now, before any later read of the
 * loop's (which runs only once the microtasks are done), exactly as if the loop had read them.
 */

const POLL_BUFFER_BYTES = 16 * 1024;
let pollBuffer: Buffer | null = null;
/** The request whose answer a synchronous wait is for (0: no wait going on). */
let waiting = 0;
let waitAnswered = false;
/** Frames read during waits, until handed over: pairs of (id, value), or (-1, message). */
let held: unknown[] = [];
let handOverQueued = false;
/** Settled once: a reaction to it runs at the end of the current microtask turn. */
const SETTLED = Promise.resolve();
/** Set when a synchronous read failed other than with EAGAIN: the loop's reads alone from then. */
let pollBroken = false;

function holdMessage(msg: unknown): void {
  held.push(-1, msg);
}

function holdAnswer(id: number, value: boolean | null): void {
  held.push(id, value);
  if (id === waiting) waitAnswered = true;
}

/**
 * Reads the wire synchronously until the short reply to request `id` has come or `budgetMs` has
 * passed; returns 'answered' or 'late' (the answer then comes through the event loop as usual),
 * or 'unavailable' when no synchronous read may be made now: the request has not left yet (the
 * pipe was full), frames are being handed over, or the descriptor cannot be read this way.
 * Whatever it read is handed over in a microtask, in order with everything read before and after.
 */
export function awaitShortReply(id: number, budgetMs: number): ShortReplyWait {
  const frames = reader;
  if (!frames || pollBroken || handing || waiting !== 0 || !writer?.idle) return 'unavailable';
  pollBuffer ??= Buffer.allocUnsafe(POLL_BUFFER_BYTES);
  waiting = id;
  waitAnswered = false;
  // A read that finds nothing throws EAGAIN: without a stack to capture that costs little.
  const traceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  let failure: unknown = null;
  try {
    const deadline = performance.now() + budgetMs;
    for (;;) {
      const n = readNow(pollBuffer);
      if (n === 0) break; // the runner's end closed (or the descriptor failed): the loop sees it
      if (n > 0) frames.push(pollBuffer, n);
      if (waitAnswered || performance.now() >= deadline) break;
    }
  } catch (err) {
    // A frame that cannot be read: thrown where nothing catches it (as the loop's read would,
    // and the labhost reports it the same way), once the frames read before it are handed over.
    failure = err;
    pollBroken = true;
  } finally {
    Error.stackTraceLimit = traceLimit;
    waiting = 0;
  }
  if (failure !== null) held.push(-2, failure);
  if (held.length > 0 && !handOverQueued) {
    handOverQueued = true;
    // A promise reaction: queueMicrotask() would wrap each hand-over in an AsyncResource.
    void SETTLED.then(handOverHeld);
  }
  return waitAnswered ? 'answered' : 'late';
}

/**
 * Bytes read into `buf` now: -1 when none are there yet; 0 at the end of the stream, and when the
 * descriptor cannot be read this way (then no synchronous read is tried again: the loop's read
 * meets the same condition and reports it as it always has).
 */
function readNow(buf: Buffer): number {
  try {
    return readSync(readFd, buf, 0, buf.length, null);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EAGAIN' || code === 'EWOULDBLOCK') return -1;
    pollBroken = true;
    return 0;
  }
}

/** Hands the held frames over, in the order they were read. */
function handOverHeld(): void {
  handOverQueued = false;
  const frames = held;
  held = [];
  const on = handlers as WireHandlers;
  handing = true;
  try {
    for (let i = 0; i < frames.length; i += 2) {
      const key = frames[i] as number;
      if (key === -1) on.onMessage(frames[i + 1]);
      else if (key === -2) throw frames[i + 1];
      else on.onAnswer(key, frames[i + 1] as boolean | null);
    }
  } finally {
    handing = false;
  }
}
