/**
 * Times the log analyses on a synthetic 1,000,000-event log (run: npx tsx bench/model-analysis.ts).
 * Prints figures; it asserts nothing about speed.
 */
import { lockIntervals, matchPutsToGets } from '../src/model/analysis';
import { toChromeTrace } from '../src/model/chromeTrace';
import { diagnose } from '../src/model/diagnose';
import { computeStats } from '../src/model/stats';
import type { LabEvent } from '../src/protocol/events';
import { checkLog } from '../src/protocol/validateEvent';

/** Racy, contended, queue-heavy traffic among 50 processes: every analysis has work to do. */
export function syntheticLog(target = 1_000_000, procs = 50): LabEvent[] {
  const ev: LabEvent[] = [];
  let t = 0;
  let item = 1;
  let depth = 0;
  const add = (proc: number, kind: string, fields: object, dt = 7) => {
    t += dt;
    ev.push({ v: 1, seq: ev.length, t, proc, kind, ...fields } as LabEvent);
  };
  add(-1, 'run.start', {
    lab: 'synthetic',
    title: { en: 'synthetic', 'zh-CN': '合成' },
    seed: 1,
    speed: 1,
  });
  for (let p = 0; p <= procs; p++)
    add(p, 'proc.spawn', {
      name: p ? `Process-${p}` : 'MainProcess',
      parent: p ? 0 : -1,
      daemon: false,
      pid: 1000 + p,
    });
  add(0, 'lock.create', { obj: 1, name: 'mutex' });
  add(0, 'queue.create', { obj: 2, name: 'q', maxsize: 0, joinable: false });
  add(0, 'file.create', { obj: 3, name: 'data.json', value: { n: 0 } });
  for (let i = 0; ev.length < target - procs - 2; i++) {
    const p = (i % procs) + 1;
    const q = ((i + 7) % procs) + 1;
    add(p, 'sleep.begin', { sec: 1 });
    add(p, 'sleep.end', {}, 900);
    add(p, 'lock.request', { obj: 1, block: true });
    add(p, 'lock.acquire', { obj: 1, waitedUs: 0 });
    add(q, 'lock.request', { obj: 1, block: true });
    add(p, 'lock.release', { obj: 1 }, 300);
    add(q, 'lock.acquire', { obj: 1, waitedUs: 300 });
    add(q, 'lock.release', { obj: 1 }, 50);
    add(p, 'file.read', { obj: 3, value: { n: i } });
    add(q, 'file.read', { obj: 3, value: { n: i } });
    add(p, 'file.write', { obj: 3, value: { n: i + 1 } });
    add(q, 'file.write', { obj: 3, value: { n: i + 1 } });
    add(p, 'queue.put', { obj: 2, item, value: i, size: ++depth });
    if (i % 3 !== 0)
      add(q, 'queue.get', { obj: 2, item: item - (i % 3 === 1 ? 0 : 1), value: i, size: --depth });
    item++;
    add(q, 'log', { text: `round ${i}` });
  }
  for (let p = procs; p >= 0; p--) add(p, 'proc.exit', { code: 0, reason: 'returned' });
  add(-1, 'run.end', { status: 'ok' });
  return ev;
}

/** Wall time, and CPU time of this process (less disturbed when other work shares the machine). */
function time<T>(label: string, fn: () => T, runs = 3): T {
  let result!: T;
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const best = (xs: number[]) =>
    Math.min(...xs)
      .toFixed(0)
      .padStart(5);
  const median = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted[Math.floor(xs.length / 2)].toFixed(0).padStart(5);
  };
  console.log(
    `${label.padEnd(16)} wall best ${best(wall)} ms, median ${median(wall)} ms   cpu best ${best(cpu)} ms, median ${median(cpu)} ms`,
  );
  return result;
}

const events = syntheticLog();
const check = checkLog(events);
console.log(
  `synthetic log: ${events.length} events, valid: ${check.ok ? 'yes' : JSON.stringify(check)}`,
);
const findings = time('diagnose', () => diagnose(events));
console.log(
  `  findings: ${findings.length} (${findings
    .map((f) => f.code)
    .join(', ')
    .slice(0, 120)}…)`,
);
time('computeStats', () => computeStats(events));
time('matchPutsToGets', () => matchPutsToGets(events));
time('lockIntervals', () => lockIntervals(events));
const trace = time('toChromeTrace', () => toChromeTrace(events), 1);
console.log(
  `  trace events: ${trace.traceEvents.length}, JSON ${(JSON.stringify(trace).length / 1e6).toFixed(0)} MB`,
);
