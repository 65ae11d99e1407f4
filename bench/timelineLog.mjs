// Synthetic protocol-v1 logs for the timeline benchmark: processes contending for a lock,
// producers and consumers on a bounded queue, and read/write of a shared file. Valid by
// construction (checkLog passes); deterministic for a seed.
export function generateLog(target, seed = 1) {
  let s = seed >>> 0 || 1;
  const rnd = () => (s = (s * 1664525 + 1013904223) >>> 0) / 4294967296;
  const ri = (a, b) => a + Math.floor(rnd() * (b - a + 1));
  const ev = [];
  let t = 0;
  const e = (proc, kind, fields) => {
    t += ri(1, 40);
    ev.push({ v: 1, seq: ev.length, t, proc, kind, ...fields });
  };
  const P = 12;
  e(-1, 'run.start', {
    lab: 'synthetic',
    title: { en: 'Synthetic load', 'zh-CN': '合成负载' },
    seed,
    speed: 1,
  });
  e(0, 'proc.spawn', { name: 'MainProcess', parent: -1, daemon: false, pid: 1000 });
  e(0, 'lock.create', { obj: 1, name: 'lock' });
  e(0, 'queue.create', { obj: 2, name: 'queue', maxsize: 5, joinable: false });
  e(0, 'file.create', { obj: 3, name: 'data.json', value: { n: 0 } });
  for (let p = 1; p <= P; p++)
    e(p, 'proc.spawn', { name: `Process-${p}`, parent: 0, daemon: false, pid: 1000 + p });
  const queue = [];
  let item = 0,
    n = 0;
  while (ev.length < target - 2 * P - 4) {
    const r = rnd();
    if (r < 0.35) {
      const p = ri(1, P);
      e(p, 'sleep.begin', { sec: 0.001 });
      e(p, 'sleep.end', {});
    } else if (r < 0.7) {
      const k = ri(1, 4);
      const ps = [];
      for (let i = 0; i < k; i++) {
        const p = ri(1, P);
        if (!ps.includes(p)) ps.push(p);
      }
      for (const p of ps) e(p, 'lock.request', { obj: 1, block: true });
      let waited = 0;
      for (const p of ps) {
        e(p, 'lock.acquire', { obj: 1, waitedUs: waited });
        e(p, 'file.read', { obj: 3, value: { n } });
        n++;
        e(p, 'file.write', { obj: 3, value: { n } });
        e(p, 'lock.release', { obj: 1 });
        waited += 50;
      }
    } else {
      const p = ri(1, P);
      if (queue.length < 5 && (rnd() < 0.55 || queue.length === 0)) {
        const it = item++;
        queue.push(it);
        e(p, 'queue.put', { obj: 2, item: it, value: `item ${it}`, size: queue.length });
      } else {
        const it = queue.shift();
        e(p, 'queue.get', { obj: 2, item: it, value: `item ${it}`, size: queue.length });
      }
    }
  }
  for (let p = P; p >= 1; p--) e(p, 'proc.exit', { code: 0, reason: 'returned' });
  e(0, 'proc.exit', { code: 0, reason: 'returned' });
  e(-1, 'run.end', { status: 'ok', outcome: { updates: n } });
  return ev;
}
