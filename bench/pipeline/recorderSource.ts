/**
 * A runner stand-in for the pipeline figure: the runner's real Recorder (clock, seq, JSONL
 * serialization, the log file, batching) fed by a fast synthetic source instead of a lab, so the
 * figure measures the pipeline from the recorder onward, not how fast a lab can take a Lock.
 * Speaks the runner's IPC protocol (start → events batches → done), honours IPC back-pressure the
 * way the runner's sends do, and stops after BENCH_PIPELINE_EVENTS events (or on `stop`).
 * Forked by bench/pipeline/host.ts through RunnerClient, with tsx loaded by NODE_OPTIONS.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import type { FromRunner, RunConfig } from '../../src/protocol/host';
import { Recorder } from '../../src/runner/recorder';

const PROCS = 8;
/** Events made per turn of the event loop before IPC gets its chance, as a busy runner would. */
const CHUNK = 1024;
/** Batches sent but not yet taken by the channel; beyond this the source waits. */
const MAX_IN_FLIGHT = 8;

let stopped = false;
let inFlight = 0;
let wake: (() => void) | null = null;

function send(msg: FromRunner, then?: () => void): void {
  inFlight++;
  process.send!(msg, undefined, {}, () => {
    inFlight--;
    wake?.();
    then?.();
  });
}

async function run(config: RunConfig): Promise<void> {
  const cpu0 = process.cpuUsage();
  const total = Number(process.env.BENCH_PIPELINE_EVENTS ?? 2_000_000);
  const rec = new Recorder(
    (m) => send(m),
    config.maxEvents,
    config.eventsFile,
    () => {
      stopped = true;
    },
  );
  rec.emit(-1, 'run.start', {
    lab: config.lab,
    title: { en: 'Pipeline source', 'zh-CN': '管线源' },
    seed: config.seed,
    speed: config.speed,
  });
  rec.emit(0, 'proc.spawn', { name: 'MainProcess', parent: -1, daemon: false, pid: process.pid });
  for (let i = 1; i <= PROCS; i++)
    rec.emit(0, 'proc.spawn', {
      name: `Process-${i}`,
      parent: 0,
      daemon: false,
      pid: process.pid + i,
    });
  rec.emit(0, 'lock.create', { obj: 1, name: 'lock' });
  rec.emit(0, 'queue.create', { obj: 2, name: 'queue', maxsize: 0, joinable: false });
  // What a busy lab does: one process takes the lock around a put, another gets the item and sleeps.
  let turn = 0;
  while (rec.count < total - 8 && !stopped) {
    for (let n = 0; n < CHUNK; n += 7) {
      const p = 1 + (turn % PROCS);
      const q = 1 + ((turn + 3) % PROCS);
      const item = ++turn;
      // Recorded as the runner's brokers record them (src/runner/locks.ts, queues.ts, run.ts).
      // Each call names its call site, as a lab's calls do.
      rec.emitRequest(p, 1, true, undefined, 1);
      rec.emitAcquire(p, 1, 5, 1);
      rec.emitItem(p, 'queue.put', 2, item, item, 1, 2);
      rec.emitObj(p, 'lock.release', 1, 3);
      rec.emitItem(q, 'queue.get', 2, item, item, 0, 4);
      rec.emit(q, 'sleep.begin', { sec: 0.001, site: 5 });
      rec.emit(q, 'sleep.end', { site: 5 });
    }
    await new Promise((r) => setImmediate(r));
    while (inFlight >= MAX_IN_FLIGHT)
      await new Promise<void>((r) => {
        wake = r;
      });
  }
  rec.emit(-1, 'run.end', { status: stopped ? 'stopped' : 'ok' });
  rec.close();
  await stopProfile();
  // The parent's bench reads this from stderr: this process's CPU time, for per-stage accounting.
  const cpu = process.cpuUsage(cpu0);
  process.stderr.write(`BENCH_SOURCE_CPU_US ${cpu.user + cpu.system}\n`);
  send({ type: 'done', status: stopped ? 'stopped' : 'ok', eventCount: rec.count }, () =>
    process.exit(0),
  );
}

// BENCH_SOURCE_PROFILE=file.cpuprofile: a CPU profile of this process (NODE_OPTIONS may not carry --cpu-prof).
const profileTo = process.env.BENCH_SOURCE_PROFILE;
const inspector = profileTo ? new Session() : undefined;
if (inspector) {
  inspector.connect();
  inspector.post('Profiler.enable', () => inspector.post('Profiler.start'));
}
function stopProfile(): Promise<void> {
  return new Promise((resolve) => {
    if (!inspector || !profileTo) return resolve();
    inspector.post('Profiler.stop', (err, r) => {
      if (!err) writeFileSync(profileTo, JSON.stringify(r.profile));
      resolve();
    });
  });
}

process.on('message', (m: { type: string; config?: RunConfig }) => {
  if (m.type === 'stop') stopped = true;
  else if (m.type === 'start' && m.config) void run(m.config);
});
