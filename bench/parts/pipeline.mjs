// Part 3 — Event pipeline: runner → extension-side receivers → webview app in headless Chromium,
// events/s beside raw batched Node IPC; then the receivers' memory under a flood.
import { absolute, figure } from '../lib/figure.mjs';
import { runJson } from '../lib/proc.mjs';
import { BENCH, REPO, raw } from '../lib/paths.mjs';
import { join } from 'node:path';

const tsx = (script, args = [], env = {}, timeoutMs = 180_000) =>
  runJson('node', ['--expose-gc', '--import', 'tsx', join(BENCH, 'pipeline', script), ...args], {
    cwd: REPO,
    env,
    timeoutMs,
  });

/**
 * Growth of the last samples over the middle ones, in % — flat (bounded) memory stays near 0.
 * Each sample is taken after a full GC, so what it holds beyond what the receivers keep is only
 * what is in flight at that instant (IPC reads, a post being built): that comes and goes by tens
 * of MB in the host, and only ever adds. So each stretch is judged on its floor, the least of up
 * to five samples: what is retained, which is what a leak raises (in every sample, so in the least).
 */
function growth(samples, key) {
  if (samples.length < 2) return null;
  const k = Math.min(5, Math.floor(samples.length / 3) || 1);
  const floor = (from) => Math.min(...samples.slice(from, from + k).map((s) => s[key]));
  const mid = floor(Math.max(0, Math.floor(samples.length / 2) - Math.floor(k / 2)));
  const last = floor(samples.length - k);
  return ((last - mid) / mid) * 100;
}

/** Figures of each round, as "0.41/0.39/0.40". */
const perRound = (values) => values.map((v) => v.toFixed(2)).join('/');

export async function pipelinePart({ rounds }) {
  const s = { pipeline: [], raw: [], lab: [] };
  // CPU per event of each stage, per round: the recorder's process, the host's, the page's main thread.
  const cpu = { recorder: [], host: [], page: [] };
  for (let r = 0; r < rounds; r++) {
    const p = await tsx('host.ts', ['pipeline'], { BENCH_PIPELINE_EVENTS: '2000000' });
    s.pipeline.push(p.eventsPerSec);
    cpu.recorder.push(p.sourceCpuUsPerEvent);
    cpu.host.push(p.hostCpuUsPerEvent);
    cpu.page.push(p.pageTaskUsPerEvent);
    s.raw.push((await runJson('node', [raw('ipc.mjs'), 'batched', '--events', '1000000'])).perSec);
  }
  s.lab.push((await tsx('host.ts', ['lab'])).eventsPerSec);
  const rows = [
    figure({
      part: 'Pipeline',
      name: 'recorder → runner IPC → host → webview, events/s',
      unit: 'events/s',
      ours: s.pipeline,
      baseline: s.raw,
      baselineName: 'raw batched Node IPC',
      better: 'higher',
      goal: 0.7,
      note: `the runner's Recorder (clock, JSONL log file, batches in columns) fed by a synthetic source → RunnerClient → EventWindow → EventBatcher → WebviewChannel → dist/webview.js in Chromium, until its model holds every event; CPU per event, per round: recorder ${perRound(cpu.recorder)}, host ${perRound(cpu.host)}, page ${perRound(cpu.page)} µs (the recorder's process from its run's start, the host's from the runner's start to the page's last event, the page's main-thread tasks: intake and drawing)`,
    }),
  ];
  rows.push(
    figure({
      part: 'Pipeline',
      name: 'lab → runner → host → webview, events/s',
      unit: 'events/s',
      ours: s.lab,
      baseline: s.raw,
      baselineName: 'raw batched Node IPC',
      better: 'higher',
      note: "a real lab (2 processes looping on a Lock) end to end: limited by the lab's lock round trips (see the Lock part), not by the pipeline",
    }),
  );

  const host = await tsx('host.ts', ['flood'], {
    BENCH_FLOOD_EVENTS: '10000000',
    BENCH_FLOOD_SECONDS: '80',
  });
  rows.push(
    figure({
      part: 'Pipeline',
      name: 'host receivers alone, events/s',
      unit: 'events/s',
      ours: [host.eventsPerSec],
      baseline: s.raw,
      baselineName: 'raw batched Node IPC',
      better: 'higher',
      goal: 0.7,
      note: 'synthetic runner (a protocol-valid batch in columns, encoded once and resent with its seq and stamps moved on, so the source costs next to nothing) → RunnerClient (decodes, checks) → EventWindow → EventBatcher → WebviewChannel (posts serialized, dropped); the forced GCs of the memory samples taken during the flood are not counted in its time',
    }),
  );
  const hostPeak = Math.max(...host.memory.map((m) => m.hostHeapMB));
  const objectsGrowth = growth(
    host.memory.map((m) => ({ objects: m.hostHeapMB - (m.hostArrayBuffersMB ?? 0) })),
    'objects',
  );
  const objects =
    objectsGrowth === null ? '–' : `${objectsGrowth >= 0 ? '+' : ''}${objectsGrowth.toFixed(1)} %`;
  rows.push(
    absolute({
      part: 'Pipeline',
      name: `host heap growth, 2nd half of a ${(host.total / 1e6).toFixed(1)}M-event flood`,
      unit: '%',
      ours: [growth(host.memory, 'hostHeapMB') ?? 0],
      limit: 10,
      note: `JS heap and array buffers after a GC, every 250k events, the least of 5 samples (in-flight buffers only add); objects alone ${objects}; peak ${hostPeak.toFixed(0)} MB; the flood stops after 80 s${host.total < 9_999_000 ? ` (reached ${host.total} of 10,000,000 events)` : ''}`,
    }),
  );

  const wv = await tsx('webviewFlood.ts', [], { BENCH_FLOOD_EVENTS: '10000000' });
  const wvPeak = Math.max(...wv.memory.map((m) => m.webviewHeapMB));
  rows.push(
    absolute({
      part: 'Pipeline',
      name: `webview heap growth, 2nd half of a ${(wv.fed / 1e6).toFixed(0)}M-event flood`,
      unit: '%',
      ours: [growth(wv.memory, 'webviewHeapMB') ?? 0],
      limit: 10,
      note: `peak ${wvPeak.toFixed(0)} MB JS heap (typed arrays included); ${Math.round(wv.eventsPerSec)} events/s fed in the page`,
    }),
  );
  return { rows, raw: { host, webview: wv } };
}
