// The physical limit of the transport: plain Node `fork` IPC between a parent and child processes,
// with no broker, no recorder and no validation. Baselines for the Lock, Queue and pipeline figures.
//   node bench/raw/ipc.mjs rtt --clients 1 --ops 5000 [--warmup 500] → { usPerOp } (request → reply, C clients at once)
//   node bench/raw/ipc.mjs lock --clients 4 --ops 2500 [--warmup 500] → { usPerOp } (a bare lock server: FIFO
//     grants, release as a notice; no recording, no checks: the least a lock hand-off costs over fork IPC)
//   node bench/raw/ipc.mjs oneway --ops 200000           → { perSec }    (child → parent, one message per item)
//   node bench/raw/ipc.mjs batched --events 2000000      → { perSec }    (child → parent, events in batches)
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { rawArgs, runRawBench } from '../lib/rawArgs.mjs';

const self = fileURLToPath(import.meta.url);
const args = rawArgs({ events: '1000000', batch: '256' });
const { rest, clients, ops, warmup } = args;

/** A protocol-v1-shaped event, like the ones the runner sends. */
const sampleEvent = (seq) => ({
  v: 1,
  seq,
  t: seq * 3,
  proc: 1 + (seq % 4),
  kind: 'lock.acquire',
  obj: 1,
  waitedUs: 12,
});

runRawBench(args, {
  modes: ['rtt', 'lock', 'oneway', 'batched'],
  run: runParent,
  child: runChild,
  usage: 'ipc.mjs rtt|lock|oneway|batched [--clients N] [--ops N] [--events N]',
});

async function runParent(kind) {
  const n = kind === 'rtt' || kind === 'lock' ? clients : 1;
  // The lock server's whole state: the holder and a FIFO of waiting clients.
  let holder = null;
  const waiting = [];
  const grant = (k, id) => {
    holder = k;
    k.send({ type: 'res', id, ok: true });
  };
  const kids = Array.from({ length: n }, () =>
    fork(self, ['child', kind, ...rest], { stdio: 'inherit' }),
  );
  let received = 0;
  let finished = 0;
  let ready = 0;
  let allReady;
  const readyP = new Promise((r) => {
    allReady = r;
  });
  const done = new Promise((resolve) => {
    for (const k of kids) {
      k.on('message', (m) => {
        if (m.type === 'req') k.send({ type: 'res', id: m.id, ok: true });
        else if (m.type === 'acq') {
          if (holder === null) grant(k, m.id);
          else waiting.push([k, m.id]);
        } else if (m.type === 'rel') {
          holder = null;
          if (waiting.length) grant(...waiting.shift());
        } else if (m.type === 'put') received++;
        else if (m.type === 'events') received += m.events.length;
        else if (m.type === 'ready' && ++ready === n) allReady();
        else if (m.type === 'fin' && ++finished === n) resolve(performance.now());
      });
    }
  });
  await readyP; // every child warmed up
  const t0 = performance.now();
  for (const k of kids) k.send({ type: 'go' });
  const t1 = await done;
  for (const k of kids) k.kill();
  const ms = t1 - t0;
  if (kind === 'rtt' || kind === 'lock')
    console.log(JSON.stringify({ usPerOp: (ms * 1000) / (n * ops), clients: n, ops }));
  else console.log(JSON.stringify({ perSec: received / (ms / 1000), received }));
}

function runChild(kind) {
  let id = 0;
  const pending = new Map();
  process.on('message', (m) => {
    if (m.type === 'res') {
      pending.get(m.id)();
      pending.delete(m.id);
    }
  });
  const request = () =>
    new Promise((r) => {
      pending.set(++id, r);
      process.send({ type: 'req', id, op: 'lock.acquire', obj: 1 });
    });
  const acquire = () =>
    new Promise((r) => {
      pending.set(++id, r);
      process.send({ type: 'acq', id });
    });
  const release = () => process.send({ type: 'rel' });
  const go = new Promise((r) => process.on('message', (m) => m.type === 'go' && r()));
  (async () => {
    if (kind === 'rtt') for (let i = 0; i < warmup; i++) await request(); // warm-up before the clock starts
    if (kind === 'lock')
      for (let i = 0; i < warmup; i++) {
        await acquire();
        release();
      }
    process.send({ type: 'ready' });
    await go;
    if (kind === 'rtt') for (let i = 0; i < ops; i++) await request();
    else if (kind === 'lock')
      for (let i = 0; i < ops; i++) {
        await acquire();
        release();
      }
    else if (kind === 'oneway') await sendAll(ops, (i) => ({ type: 'put', obj: 1, value: i }));
    else {
      const total = args.events;
      const size = args.batch;
      await sendAll(Math.ceil(total / size), (b) => ({
        type: 'events',
        events: Array.from({ length: size }, (_, j) => sampleEvent(b * size + j)),
      }));
    }
    process.send({ type: 'fin' }, () => process.disconnect());
  })();
}

/** Sends n messages as fast as the channel takes them, honouring its back-pressure. */
async function sendAll(n, make) {
  for (let i = 0; i < n; i++) {
    if (!process.send(make(i))) await new Promise((r) => setImmediate(r));
  }
}
