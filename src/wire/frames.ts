/**
 * Framing of the lab wire: the dedicated pipe between a lab process and its runner that carries
 * every lab operation and its answer, and the process's setup (it is its only channel). Both
 * ends use this file (it needs Node's Buffer, so it is not in src/protocol, which the webview
 * compiles).
 * A frame is a 4-byte little-endian length, then that many bytes: a one-byte kind, then its
 * body. Lengths make reading a matter of slicing (no newline scan, no JSON envelope), and a
 * reader (frameReader.ts) survives frames split across reads or many frames in one read.
 *
 * Kinds: `J` a UTF-8 JSON body (one message, or an array of them, as lab.ts describes);
 * `T` / `N` / `F` a reply `{id, ok: true, value: true | null | false}` with `id` as a 4-byte
 * unsigned integer: the answers to nearly every lock operation, with nothing to parse;
 * `L` lock operations (a blocking acquire with no timeout, a release), one record each:
 * op (1 byte), id (4 bytes), ref length (1 byte), ref (ASCII), and when bit 7 of op is set the
 * call's site (4 bytes). They decode to the same messages the JSON would; the decoder admits
 * only valid ones (a test holds every decodable record to the protocol's check), so the runner
 * does not check them a second time.
 */
import type { LabMessage } from '../protocol/lab';

export const FRAME_JSON = 0x4a; // 'J'
export const FRAME_TRUE = 0x54; // 'T'
export const FRAME_NULL = 0x4e; // 'N'
export const FRAME_FALSE = 0x46; // 'F'
export const FRAME_LOCKS = 0x4c; // 'L'

const OP_ACQUIRE = 1;
const OP_RELEASE = 2;
/** Bit 7 of a lock record's op: a u32 `site` follows its ref. */
const OP_HAS_SITE = 0x80;
const MAX_REF = 64;

/** Bytes of the length that starts every frame. */
export const HEADER = 4;

/** Largest frame a lab process may send (its largest message is a few MB: values are bounded). */
export const MAX_LAB_FRAME = 64 * 1024 * 1024;

/** One frame holding `json` (already JSON text). */
export function jsonFrame(json: string): Buffer {
  const n = Buffer.byteLength(json);
  const buf = Buffer.allocUnsafe(HEADER + 1 + n);
  buf.writeUInt32LE(1 + n, 0);
  buf[HEADER] = FRAME_JSON;
  buf.write(json, HEADER + 1);
  return buf;
}

/** Bytes of a short reply frame (`T`, `N`, `F`), header included. */
export const SHORT_REPLY_BYTES = HEADER + 5;

/** A reply frame for the common answers true, null and false. */
export function replyFrame(id: number, value: true | null | false): Buffer {
  return fillReplyFrame(Buffer.allocUnsafe(SHORT_REPLY_BYTES), id, value);
}

/** Writes the reply frame of `replyFrame` into `buf` (SHORT_REPLY_BYTES long), which it returns. */
export function fillReplyFrame(buf: Buffer, id: number, value: true | null | false): Buffer {
  // Byte by byte: nine bytes on every hand-off of a contended lock, where Buffer's checked
  // writers showed up in profiles.
  buf[0] = 5;
  buf[1] = buf[2] = buf[3] = 0;
  buf[HEADER] = value === true ? FRAME_TRUE : value === null ? FRAME_NULL : FRAME_FALSE;
  buf[HEADER + 1] = id & 0xff;
  buf[HEADER + 2] = (id >>> 8) & 0xff;
  buf[HEADER + 3] = (id >>> 16) & 0xff;
  buf[HEADER + 4] = id >>> 24;
  return buf;
}

/** Can `replyFrame` carry this reply? */
export function isShortReply(id: number, value: unknown): value is true | null | false {
  return (
    (value === true || value === null || value === false) &&
    id > 0 &&
    id <= 0xffffffff &&
    Number.isInteger(id)
  );
}

/** An `L` frame for `msgs`, or null when one of them is not a lock operation it can carry. */
export function lockFrame(msgs: readonly LabMessage[]): Buffer | null {
  // Room for every record with a site; encodeLockFrame checks the rest and says how much it used.
  let room = HEADER + 1;
  for (let k = 0; k < msgs.length; k++) {
    const ref = (msgs[k] as { ref: unknown }).ref;
    if (!asciiRef(ref)) return null;
    room += 10 + ref.length;
  }
  const buf = Buffer.allocUnsafe(room);
  const bytes = encodeLockFrame(buf, msgs);
  return bytes > 0 ? buf.subarray(0, bytes) : null;
}

/** The ref checked last: a process names the same few locks over and over. */
let checkedRef = '';

/**
 * Writes the `L` frame for `msgs` at the start of `buf` in one pass (a lab process's reused
 * buffer); returns its bytes, -1 when one of them is not a lock operation it can carry (what
 * `lockFrame` refuses), or 0 when it does not fit in `buf`.
 */
export function encodeLockFrame(buf: Buffer, msgs: readonly LabMessage[]): number {
  if (msgs.length === 0) return -1;
  let at = HEADER + 1;
  for (let k = 0; k < msgs.length; k++) {
    const m = msgs[k];
    let op: number;
    if (m.op === 'lock.acquire') {
      if (m.block !== true || m.timeoutSec !== undefined) return -1;
      op = OP_ACQUIRE;
    } else if (m.op === 'lock.release') op = OP_RELEASE;
    else return -1;
    const ref = (m as { ref: string }).ref;
    if (ref !== checkedRef) {
      if (!asciiRef(ref)) return -1;
      checkedRef = ref;
    }
    const id = m.id;
    const site = m.site;
    if (!(id >= 0 && id <= 0xffffffff)) return -1;
    if (site !== undefined && !(Number.isInteger(site) && site >= 0 && site <= 0xffffffff))
      return -1;
    const len = ref.length;
    if (at + 10 + len > buf.length) return 0;
    buf[at] = site === undefined ? op : op | OP_HAS_SITE;
    writeU32(buf, at + 1, id);
    buf[at + 5] = len;
    at += 6 + writeAscii(buf, at + 6, ref);
    if (site !== undefined) {
      writeU32(buf, at, site);
      at += 4;
    }
  }
  buf[HEADER] = FRAME_LOCKS;
  writeU32(buf, 0, at - HEADER);
  return at;
}

/** Whether `ref` can be carried in a lock record: a string of at most MAX_REF chars ≤ 0x7e. */
function asciiRef(ref: unknown): ref is string {
  if (typeof ref !== 'string' || ref.length > MAX_REF) return false;
  for (let i = 0; i < ref.length; i++) if (ref.charCodeAt(i) > 0x7e) return false;
  return true;
}

/** Writes `n` (a u32) little-endian at `at`, byte by byte (Buffer's checked writer costs more). */
function writeU32(buf: Buffer, at: number, n: number): void {
  buf[at] = n & 0xff;
  buf[at + 1] = (n >>> 8) & 0xff;
  buf[at + 2] = (n >>> 16) & 0xff;
  buf[at + 3] = n >>> 24;
}

/*
 * A ref is a few characters: a call into Buffer's string codecs costs more than copying them one
 * by one (it is most of what encoding or decoding a lock record costs).
 */

/** Writes `text` (checked by the caller: every char ≤ 0x7e) at `at`; returns its length. */
function writeAscii(buf: Buffer, at: number, text: string): number {
  for (let i = 0; i < text.length; i++) buf[at + i] = text.charCodeAt(i);
  return text.length;
}

/** The bytes from `start` to `end` as latin1 text (as `buf.toString('latin1', …)` reads them). */
function readLatin1(buf: Buffer, start: number, end: number): string {
  if (end - start > 16) return buf.toString('latin1', start, end);
  let text = '';
  for (let i = start; i < end; i++) text += String.fromCharCode(buf[i]);
  return text;
}

/**
 * The ref read last, handed out again while the same bytes come: a process names the same few
 * locks over and over, and one string spares building it anew and the runner's lookup hashing
 * it anew (a string keeps its hash) in every record.
 */
let lastRef = '';

/** The ref in bytes `start` to `end`, as `readLatin1` reads it. */
function readRef(buf: Buffer, start: number, end: number): string {
  const known = lastRef;
  if (end - start === known.length) {
    let i = 0;
    while (i < known.length && buf[start + i] === known.charCodeAt(i)) i++;
    if (i === known.length) return known;
  }
  return (lastRef = readLatin1(buf, start, end));
}

function decodeLocks(buf: Buffer, start: number, end: number): unknown {
  const out: object[] = [];
  let at = start + 1;
  while (at < end) {
    if (end - at < 6) throw new Error('a lock record cut short');
    const op = buf[at] & ~OP_HAS_SITE;
    const hasSite = (buf[at] & OP_HAS_SITE) !== 0;
    const id = buf.readUInt32LE(at + 1);
    const refEnd = at + 6 + buf[at + 5];
    const recordEnd = refEnd + (hasSite ? 4 : 0);
    if (recordEnd > end) throw new Error('a lock record cut short');
    const ref = readRef(buf, at + 6, refEnd);
    let m: { id: number; op: string; ref: string; block?: true; site?: number };
    if (op === OP_ACQUIRE) m = { id, op: 'lock.acquire', ref, block: true };
    else if (op === OP_RELEASE) m = { id, op: 'lock.release', ref };
    else throw new Error(`unknown lock operation ${buf[at]}`);
    if (hasSite) m.site = buf.readUInt32LE(refEnd);
    out.push(m);
    at = recordEnd;
  }
  if (out.length === 0) throw new Error('an empty lock frame');
  return out.length === 1 ? out[0] : out;
}

/**
 * The value of a short reply frame (`T`, `N`, `F`: true, null, false), or undefined when the body
 * is not one; its id is the u32 after the kind. A reader that answers replies straight away
 * needs no message object for them.
 */
export function shortReplyValue(
  buf: Buffer,
  start: number,
  end: number,
): boolean | null | undefined {
  if (end - start !== 5) return undefined;
  const kind = buf[start];
  return kind === FRAME_TRUE
    ? true
    : kind === FRAME_NULL
      ? null
      : kind === FRAME_FALSE
        ? false
        : undefined;
}

/** Decodes one frame's body (`buf[start]` is its kind) into the message it carries. Throws on bad input. */
export function decodeFrame(buf: Buffer, start: number, end: number): unknown {
  const kind = buf[start];
  if (kind === FRAME_JSON) return JSON.parse(buf.toString('utf8', start + 1, end));
  if (kind === FRAME_LOCKS) return decodeLocks(buf, start, end);
  const value = shortReplyValue(buf, start, end);
  if (value !== undefined) return { id: buf.readUInt32LE(start + 1), ok: true, value };
  throw new Error(`unknown frame kind ${kind} (${end - start} bytes)`);
}
