// A stand-in runner for the 10,000,000-event memory flood: speaks the runner's IPC protocol
// (start → events batches → done) but makes protocol-valid events itself, because no lab could
// produce ten million events in the few seconds a bench may take. Only the source is synthetic.
// Forked with tsx loaded (NODE_OPTIONS), for the protocol's own encoder.
import { encodeEvents } from '../../src/protocol/eventColumns.ts';
import { BATCH_HEADER_BYTES as HEADER_BYTES } from '../../src/protocol/eventColumnsLayout.ts';

/** Where a batch's header holds the seq of its first event (docs/protocol.md). */
const FIRST_SEQ_AT = 24;

const BATCH = 256;
/** A batch as the runner sends it: its events in columns. */
const batch = (events) => ({ type: 'events', batch: encodeEvents(events) });

let stopped = false;
process.on('message', (m) => {
  if (m.type === 'stop') stopped = true;
});
process.once('message', async (m) => {
  const total = Number(process.env.BENCH_FLOOD_EVENTS ?? 10_000_000);
  let seq = 0;
  const ev = (proc, kind, fields) => ({ v: 1, seq: seq++, t: seq * 2, proc, kind, ...fields });
  const P = 8;
  const head = [
    ev(-1, 'run.start', {
      lab: m.config.lab,
      title: { en: 'Flood', 'zh-CN': '洪流' },
      seed: 1,
      speed: 1,
    }),
    ev(0, 'proc.spawn', { name: 'MainProcess', parent: -1, daemon: false, pid: 1 }),
    ...Array.from({ length: P }, (_, i) =>
      ev(0, 'proc.spawn', { name: `Process-${i + 1}`, parent: 0, daemon: false, pid: i + 2 }),
    ),
    ev(0, 'lock.create', { obj: 1, name: 'lock' }),
    ev(0, 'queue.create', { obj: 2, name: 'queue', maxsize: 0, joinable: false }),
  ];
  process.send(batch(head));
  // What a busy lab does: each turn, one process takes the lock, puts an item, another gets it.
  let item = 0;
  let turn = 0;
  const cycle = () => {
    const p = 1 + (turn % P);
    const q = 1 + ((turn + 3) % P);
    turn++;
    item++;
    return [
      ev(p, 'lock.request', { obj: 1, block: true }),
      ev(p, 'lock.acquire', { obj: 1, waitedUs: 5 }),
      ev(p, 'queue.put', { obj: 2, item, value: item, size: 1 }),
      ev(p, 'lock.release', { obj: 1 }),
      ev(q, 'queue.get', { obj: 2, item, value: item, size: 0 }),
      ev(q, 'sleep.begin', { sec: 0.001 }),
      ev(q, 'sleep.end', {}),
    ];
  };
  // The receivers are what is measured, so the source must cost next to nothing per event: the
  // busy lab's batch is encoded once, and each batch sent is a copy of it with its sequence
  // numbers and stamps moved on (encoding fresh event objects made this process the bottleneck).
  const template = [];
  while (template.length < BATCH) template.push(...cycle());
  const encoded = encodeEvents(template);
  const span = template.length;
  const tOf = (bytes) => new Float64Array(bytes.buffer, bytes.byteOffset + HEADER_BYTES, span);
  const from = template[0].seq;
  seq = from;
  const header = (bytes) => new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  let inFlight = 0;
  let wake = null;
  while (seq + span < total - 8 && !stopped) {
    const bytes = encoded.slice();
    header(bytes).setFloat64(FIRST_SEQ_AT, seq, true);
    const t = tOf(bytes);
    const shift = (seq - from) * 2;
    for (let i = 0; i < span; i++) t[i] += shift;
    seq += span;
    // Honour back-pressure: at most 8 batches in flight, so memory here stays flat.
    inFlight++;
    process.send({ type: 'events', batch: bytes }, () => {
      inFlight--;
      wake?.();
    });
    while (inFlight >= 8)
      await new Promise((r) => {
        wake = r;
      });
  }
  process.send(batch([ev(-1, 'run.end', { status: stopped ? 'stopped' : 'ok' })]));
  process.send({ type: 'done', status: stopped ? 'stopped' : 'ok', eventCount: seq }, () =>
    process.exit(0),
  );
});
