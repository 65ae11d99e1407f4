// A stand-in runner for the 10,000,000-event memory flood: speaks the runner's IPC protocol
// (start → events batches → done) but makes protocol-valid events itself, because no lab could
// produce ten million events in the few seconds a bench may take. Only the source is synthetic.
const BATCH = 256;

process.once('message', async (m) => {
  const total = Number(process.env.BENCH_FLOOD_EVENTS ?? 10_000_000);
  let seq = 0;
  const ev = (proc, kind, fields) => ({ v: 1, seq: seq++, t: seq * 2, proc, kind, ...fields });
  const head = [
    ev(-1, 'run.start', { lab: m.config.lab, title: { en: 'Flood', 'zh-CN': '洪流' }, seed: 1, speed: 1 }),
    ev(0, 'proc.spawn', { name: 'MainProcess', parent: -1, daemon: false, pid: 1 }),
    ev(1, 'proc.spawn', { name: 'Process-1', parent: 0, daemon: false, pid: 2 }),
    ev(0, 'queue.create', { obj: 1, name: 'flood', maxsize: 0, joinable: false }),
  ];
  process.send({ type: 'events', events: head });
  let item = 0;
  let inFlight = 0;
  let wake = null;
  while (seq < total - 1) {
    const n = Math.min(BATCH, total - 1 - seq);
    const events = Array.from({ length: n }, () => ev(1, 'queue.put', { obj: 1, item: ++item, value: item, size: item }));
    // Honour back-pressure: at most 8 batches in flight, so memory here stays flat.
    inFlight++;
    process.send({ type: 'events', events }, () => { inFlight--; wake?.(); });
    while (inFlight >= 8) await new Promise((r) => { wake = r; });
  }
  process.send({ type: 'events', events: [ev(-1, 'run.end', { status: 'ok' })] });
  process.send({ type: 'done', status: 'ok', eventCount: seq }, () => process.exit(0));
});
