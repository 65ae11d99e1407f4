/**
 * A recording always ends: when the runner went away without writing `run.end` to its JSONL log
 * (killed, crashed), the client appends one that says what happened, so the file still opens as a
 * whole run. Only the log's tail is read: a recording can be gigabytes long.
 */
import { closeSync, fstatSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import type { LabEvent, RunStatus } from '../protocol/events';

/** Where a log stands: the seq its next event gets and the stamp of its last one. */
export interface LogEnd {
  nextSeq: number;
  lastT: number;
  /** The log's last event is a `run.end`. */
  ended: boolean;
}

/** Enough for the longest line the recorder writes (item previews are capped far below this). */
const TAIL_BYTES = 1 << 20;

/**
 * Appends `run.end` to the log at `file` unless its last event is one. A line cut short (the
 * runner killed in the middle of a write) is dropped first, so the file stays valid JSONL.
 * Returns the event written, or null when the log already ended, is empty or cannot be read.
 */
export function endRecording(
  file: string,
  status: RunStatus,
  message: string,
  atLeast: { seq: number; t: number },
): LabEvent | null {
  let fd: number;
  try {
    fd = openSync(file, 'r+');
  } catch {
    return null;
  }
  try {
    const tail = readTail(fd);
    if (!tail) return null;
    if (tail.end.ended) return null;
    if (tail.cutAt !== null) ftruncateSync(fd, tail.cutAt);
    const event: LabEvent = {
      v: 1,
      seq: Math.max(tail.end.nextSeq, atLeast.seq),
      t: Math.max(tail.end.lastT, atLeast.t),
      proc: -1,
      kind: 'run.end',
      status,
      message,
    };
    writeSync(fd, `${JSON.stringify(event)}\n`, tail.cutAt ?? fstatSync(fd).size);
    return event;
  } finally {
    closeSync(fd);
  }
}

/** The last complete event of the log, and where a trailing partial line starts (if any). */
function readTail(fd: number): { end: LogEnd; cutAt: number | null } | null {
  const size = fstatSync(fd).size;
  if (size === 0) return null;
  const from = Math.max(0, size - TAIL_BYTES);
  const buf = Buffer.alloc(size - from);
  readSync(fd, buf, 0, buf.length, from);
  const text = buf.toString('utf8');
  const lastNewline = text.lastIndexOf('\n');
  const cutAt =
    lastNewline === text.length - 1
      ? null
      : from + Buffer.byteLength(text.slice(0, lastNewline + 1));
  const lines = text.slice(0, lastNewline + 1).split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const last = parseEvent(lines[i]);
    if (last)
      return {
        end: { nextSeq: last.seq + 1, lastT: last.t, ended: last.kind === 'run.end' },
        cutAt,
      };
  }
  return null;
}

function parseEvent(line: string): { seq: number; t: number; kind: unknown } | null {
  if (!line.trim()) return null;
  try {
    const e = JSON.parse(line) as { seq?: unknown; t?: unknown; kind?: unknown };
    return typeof e.seq === 'number' && typeof e.t === 'number'
      ? { seq: e.seq, t: e.t, kind: e.kind }
      : null;
  } catch {
    return null;
  }
}
