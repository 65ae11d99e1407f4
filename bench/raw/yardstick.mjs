// The machine yardstick, Node's half: a fixed, deterministic CPU workload whose time says how fast
// the machine is at the moment, not how fast our code is. These VMs switch between a fast and a
// slow mode between runs; a row read beside the yardstick of its moment can be told from the
// machine. The work never changes (same data, same rounds), so its time compares across runs.
//   node bench/raw/yardstick.mjs [--reps 5] [--warmup 1] → { samples: [ms, …], check }
// `check` is the work's result, the same on every machine: the work cannot be skipped, and a
// changed workload shows.
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { reps: { type: 'string', default: '5' }, warmup: { type: 'string', default: '1' } },
});
const RECORDS = 2000;
const JSON_ROUNDS = 20;
const HASH_BYTES = 1 << 20;
const HASH_ROUNDS = 16;
const KINDS = ['lock.acquire', 'lock.release', 'queue.put', 'queue.get'];

/** A linear congruential generator: the same numbers on every machine. */
function numbers(seed) {
  let x = seed >>> 0;
  return () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
}

/** Event-shaped records, like the ones the bench's rows move. */
function records() {
  const next = numbers(1);
  return Array.from({ length: RECORDS }, (_, seq) => ({
    v: 1,
    seq,
    t: next() % 1_000_000,
    proc: next() % 16,
    kind: KINDS[next() % KINDS.length],
    text: 'x'.repeat(next() % 40),
    waitedUs: (next() % 100_000) / 7,
  }));
}

function bytes() {
  const next = numbers(2);
  const buf = new Uint8Array(HASH_BYTES);
  for (let i = 0; i < buf.length; i++) buf[i] = next() >>> 24;
  return buf;
}

/** FNV-1a, 32 bits, in plain JavaScript: the JIT's arithmetic and memory reads. */
function fnv1a(buf) {
  let h = 0x811c9dc5;
  for (let i = 0; i < buf.length; i++) h = Math.imul(h ^ buf[i], 0x01000193) >>> 0;
  return h;
}

function work(recs, buf) {
  let check = 0;
  for (let r = 0; r < JSON_ROUNDS; r++) {
    const text = JSON.stringify(recs);
    check = (check + text.length + JSON.parse(text).length) >>> 0;
  }
  for (let r = 0; r < HASH_ROUNDS; r++) check = (check ^ fnv1a(buf)) >>> 0;
  return check;
}

const recs = records();
const buf = bytes();
let check = 0;
for (let i = 0; i < Number(values.warmup); i++) check = work(recs, buf);
const samples = [];
for (let i = 0; i < Number(values.reps); i++) {
  const t = performance.now();
  check = work(recs, buf);
  samples.push(performance.now() - t);
}
console.log(JSON.stringify({ samples, check }));
