// The floor of the lab wire's own transport: a child's fd-3 pipe (spawned as the runner spawns
// lab processes) carrying the wire's binary frames (src/wire/frames.ts: a 4-byte length, then
// `L` lock records or a `T` reply), and a Node responder that does nothing else. It reads and
// writes the way the runner does (each read handed straight over, replies written synchronously
// on the descriptor), so the figures are the least any Node runner could answer in.
//   node bench/raw/labPipe.mjs rtt --ops 10000 [--warmup 5000]   → { usPerOp } (an acquire frame →
//     a `T` reply; the client reads as a lab process does: a socket on fd 3, answers in a callback)
//   node bench/raw/labPipe.mjs rtt-sync --ops 10000              → { usPerOp } (the same round trip,
//     the client blocked in fs.readSync on fd 3: no event loop on the client's side)
//   node bench/raw/labPipe.mjs lock --clients 4 --ops 2500       → { usPerOp, cycleUs } (a bare
//     lock server: FIFO grants; each client's release travels with its next acquire in one frame,
//     as the runtime sends them; nothing recorded or checked. cycleUs: the clients' median time
//     from one grant to their next, as bench/labs/lock.lab.mjs measures it)
import { spawn } from 'node:child_process';
import { readSync, writeSync } from 'node:fs';
import { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { rawArgs, runRawBench } from '../lib/rawArgs.mjs';
import { callgrind, callgrindCounting, startCounting } from '../lib/callgrindSpan.mjs';

const counting = callgrindCounting();

const self = fileURLToPath(import.meta.url);
const args = rawArgs();
const { rest, clients, ops, warmup } = args;

const WIRE_FD = 3;
const HEADER = 4;
const LOCKS = 0x4c; // 'L'
const TRUE = 0x54; // 'T'
const OP_ACQUIRE = 1;
const OP_RELEASE = 2;
const HAS_SITE = 0x80;
/** Control frames of this bench only (one byte): ready after warm-up, go, done. */
const READY = 0x52;
const GO = 0x47;
const DONE = 0x44;
const REF = '1:1';
const SITE = 7;

/** One lock record as the runtime writes it (with a call site, as lab code's calls have). */
function record(buf, at, op, id) {
  buf[at] = op | HAS_SITE;
  buf.writeUInt32LE(id, at + 1);
  buf[at + 5] = REF.length;
  buf.write(REF, at + 6, 'latin1');
  buf.writeUInt32LE(SITE, at + 6 + REF.length);
  return at + 10 + REF.length;
}

/** An `L` frame: a blocking acquire, after a release when `release` (the two leave together). */
function lockFrame(id, release) {
  const size = 1 + (release ? 2 : 1) * (10 + REF.length);
  const buf = Buffer.allocUnsafe(HEADER + size);
  buf.writeUInt32LE(size, 0);
  buf[HEADER] = LOCKS;
  let at = HEADER + 1;
  if (release) at = record(buf, at, OP_RELEASE, 0);
  record(buf, at, OP_ACQUIRE, id);
  return buf;
}

function releaseFrame() {
  const size = 1 + 10 + REF.length;
  const buf = Buffer.allocUnsafe(HEADER + size);
  buf.writeUInt32LE(size, 0);
  buf[HEADER] = LOCKS;
  record(buf, HEADER + 1, OP_RELEASE, 0);
  return buf;
}

function replyFrame(id) {
  const buf = Buffer.allocUnsafe(HEADER + 5);
  buf.writeUInt32LE(5, 0);
  buf[HEADER] = TRUE;
  buf.writeUInt32LE(id, HEADER + 1);
  return buf;
}

const controlFrame = (kind) => Buffer.from([1, 0, 0, 0, kind]);

/** The `done` frame: the client's median time from one grant to its next (µs), as a double. */
function doneFrame(cycleUs) {
  const median = Buffer.alloc(8);
  median.writeDoubleLE(cycleUs);
  const frame = Buffer.concat([controlFrame(DONE), median]);
  frame.writeUInt32LE(1 + median.length, 0);
  return frame;
}

/** The median gap between consecutive `stamps` (ms), in µs (as bench/labs/lock.lab.mjs gives it). */
function medianCycleUs(stamps, count) {
  const cycles = new Float64Array(Math.max(0, count - 1));
  for (let i = 1; i < count; i++) cycles[i - 1] = (stamps[i] - stamps[i - 1]) * 1000;
  cycles.sort();
  return cycles.length ? cycles[cycles.length >> 1] : NaN;
}

function writeAll(fd, buf) {
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off);
    } catch (err) {
      if (err.code !== 'EAGAIN') throw err;
    }
  }
}

/** Cuts a byte stream into frame bodies (frames may be split across reads, or share one). */
function frames(onFrame) {
  let held = null;
  return (chunk) => {
    let buf = held ? Buffer.concat([held, chunk]) : chunk;
    held = null;
    let off = 0;
    while (buf.length - off >= HEADER) {
      const len = buf.readUInt32LE(off);
      if (buf.length - off < HEADER + len) break;
      onFrame(buf, off + HEADER, off + HEADER + len);
      off += HEADER + len;
    }
    if (off < buf.length) held = Buffer.from(buf.subarray(off));
  };
}

runRawBench(args, {
  modes: ['rtt', 'rtt-sync', 'lock'],
  run: runServer,
  child: runChild,
  usage: 'labPipe.mjs rtt|rtt-sync|lock [--clients N] [--ops N] [--warmup N]',
});

async function runServer(kind) {
  const n = kind === 'lock' ? clients : 1;
  const kids = Array.from({ length: n }, () =>
    spawn(process.execPath, [self, 'child', kind, ...rest], {
      stdio: ['ignore', 'inherit', 'inherit', 'pipe'],
    }),
  );
  const exited = kids.map((k) => new Promise((r) => k.on('exit', r)));
  let holder = -1;
  const waiting = [];
  let ready = 0;
  let finished = 0;
  const cycles = [];
  let allReady;
  let allDone;
  const readyP = new Promise((r) => (allReady = r));
  const doneP = new Promise((r) => (allDone = r));
  const fds = kids.map((k) => k.stdio[WIRE_FD]._handle.fd);
  const grant = (k, id) => {
    holder = k;
    writeAll(fds[k], replyFrame(id));
  };
  kids.forEach((child, k) => {
    const onFrame = (buf, start, end) => {
      const type = buf[start];
      if (type === READY) {
        if (++ready === n) allReady();
        return;
      }
      if (type === DONE) {
        if (end - start >= 9) cycles.push(buf.readDoubleLE(start + 1));
        if (++finished === n) allDone(performance.now());
        return;
      }
      for (let at = start + 1; at < end; at += 10 + buf[at + 5]) {
        const op = buf[at] & ~HAS_SITE;
        const id = buf.readUInt32LE(at + 1);
        if (kind !== 'lock') writeAll(fds[k], replyFrame(id));
        else if (op === OP_RELEASE) {
          holder = -1;
          if (waiting.length) grant(...waiting.shift());
        } else if (holder < 0) grant(k, id);
        else waiting.push([k, id]);
      }
    };
    // As the runner reads a lab wire (src/runner/rawReads.ts): each read straight to the framer.
    const socket = child.stdio[WIRE_FD];
    const push = socket.push.bind(socket);
    const take = frames(onFrame);
    socket.push = (chunk, encoding) => {
      if (chunk === null) return push(null, encoding);
      take(chunk);
      return true;
    };
  });
  await readyP; // every client warmed up
  startCounting(process.pid);
  const t0 = performance.now();
  for (const fd of fds) writeAll(fd, controlFrame(GO));
  const t1 = await doneP;
  callgrind('-d', process.pid);
  // Counted clients dump their counts before they say done: they exit by themselves.
  if (counting) await Promise.all(exited);
  else for (const k of kids) k.kill();
  const us = ((t1 - t0) * 1000) / (n * ops);
  const pids = kids.map((k) => k.pid);
  const server = process.pid;
  cycles.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      usPerOp: us,
      // The clients' median time from one grant to their next (the median of theirs).
      cycleUs: cycles.length ? cycles[cycles.length >> 1] : null,
      clients: n,
      ops,
      transport: 'fd-3 pipe, wire frames',
      pids,
      server,
    }),
  );
}

function runChild(kind) {
  if (kind === 'rtt-sync') return runBlockedChild();
  let id = 0;
  let resolveReply = null;
  let resolveGo = null;
  const onFrame = (buf, start) => {
    if (buf[start] === GO) resolveGo();
    else resolveReply();
  };
  // As a lab process reads its wire (src/runtime/wire.ts): one reused buffer, no stream per read.
  const take = frames(onFrame);
  new Socket({
    fd: WIRE_FD,
    readable: true,
    writable: true,
    onread: {
      buffer: Buffer.allocUnsafe(64 * 1024),
      callback: (bytes, buf) => take(Buffer.from(buf.buffer, buf.byteOffset, bytes)),
    },
  });
  const call = (frame) =>
    new Promise((resolve) => {
      resolveReply = resolve;
      writeAll(WIRE_FD, frame);
    });
  const go = new Promise((r) => (resolveGo = r));
  // The lock client's release leaves with its next acquire, as the runtime's notice does; a
  // client that holds the lock lets go of it before it waits (for go, or for the end).
  let holding = false;
  /** When each timed call's answer came (ms), for the median cycle sent with `done`. */
  let stamps = null;
  const loop = async (count) => {
    for (let i = 0; i < count; i++) {
      await call(lockFrame(++id, holding));
      if (stamps) stamps[i] = performance.now();
      holding = kind === 'lock';
    }
  };
  const letGo = () => {
    if (holding) writeAll(WIRE_FD, releaseFrame());
    holding = false;
  };
  (async () => {
    await loop(warmup);
    letGo();
    writeAll(WIRE_FD, controlFrame(READY));
    await go;
    startCounting(process.pid);
    // Not under callgrind: the instruction counts compare the bare wire work, with no clock read.
    if (!counting) stamps = new Float64Array(ops);
    await loop(ops);
    callgrind('-d', process.pid);
    letGo();
    writeAll(WIRE_FD, doneFrame(stamps ? medianCycleUs(stamps, ops) : NaN));
    process.exit(0);
  })();
}

/** The client with no event loop in the way: write, then block in read() for the answer. */
function runBlockedChild() {
  const reply = Buffer.alloc(HEADER + 5);
  const readFrame = (size) => {
    for (let got = 0; got < size;) got += readSync(WIRE_FD, reply, got, size - got, null);
    return reply[HEADER];
  };
  let id = 0;
  const loop = (count) => {
    for (let i = 0; i < count; i++) {
      writeAll(WIRE_FD, lockFrame(++id, false));
      readFrame(HEADER + 5);
    }
  };
  loop(warmup);
  writeAll(WIRE_FD, controlFrame(READY));
  if (readFrame(HEADER + 1) !== GO) throw new Error('expected go');
  loop(ops);
  writeAll(WIRE_FD, controlFrame(DONE));
  process.exit(0);
}
