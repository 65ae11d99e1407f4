/**
 * Event pipeline bench: runner → extension-side receivers → webview app in headless Chromium.
 * The extension side is the extension's own vscode-free code (RunnerClient decodes and checks every
 * batch, EventWindow keeps the bounded window, EventBatcher coalesces the batches, WebviewChannel
 * checks and posts); the webview is dist/webview-test.js (the app plus its test hook), fed through window.postMessage as VS Code's
 * webview is, and it decodes and checks each batch into its model. A run counts as delivered when
 * the page's model holds every event.
 *   node --expose-gc --import tsx bench/pipeline/host.ts pipeline  (the runner's real Recorder fed by a
 *     fast synthetic source — bench/pipeline/recorderSource.ts — so the pipeline, not a lab, is measured)
 *   node --expose-gc --import tsx bench/pipeline/host.ts lab       (a flood lab through the real runner:
 *     end to end, limited by the lab's own lock round trips)
 *   node --expose-gc --import tsx bench/pipeline/host.ts flood     (10,000,000 synthetic events: host memory;
 *     the posts are serialized as VS Code would and dropped — bench/pipeline/webviewFlood.ts floods the webview)
 * Prints one JSON line.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { openPageFeed, serializeLikeVsCode } from './pageFeed';
import { RunnerClient } from '../../src/runnerClient/runnerClient';
import {
  EventBatcher,
  EventWindow,
  HOST_KINDS,
  type CheckedBatch,
} from '../../src/extension/eventWindow';
import { WebviewChannel, type WebviewLike } from '../../src/extension/webviewChannel';
import { renderStandaloneHtml } from '../../src/model/standaloneHtml';

const REPO = resolve(__dirname, '../..');
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const MODES = ['pipeline', 'lab', 'flood'] as const;
const mode = MODES.find((m) => m === process.argv[2]) ?? 'pipeline';
const RUNNERS = {
  pipeline: join(__dirname, 'recorderSource.ts'),
  lab: join(REPO, 'dist', 'runner.js'),
  flood: join(__dirname, 'syntheticRunner.mjs'),
};
/** The page's global as the callbacks below see it (this tsconfig has no DOM types). */
type W = {
  __timeline: { view(): { eventCount: number } };
  postMessage(m: unknown, origin: string): void;
};

function appHtml(): string {
  return renderStandaloneHtml({
    script: readFileSync(join(REPO, 'dist', 'webview-test.js'), 'utf8'),
    css: readFileSync(join(REPO, 'dist', 'webview.css'), 'utf8'),
    events: [],
    lang: 'en',
    title: 'bench',
  });
}

/** Events in the page's model. */
const viewCount = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as W).__timeline.view().eventCount);

async function main(): Promise<void> {
  const browser =
    mode !== 'flood'
      ? await chromium.launch({
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: ARGS,
        })
      : null;
  const page = browser ? await browser.newPage({ viewport: { width: 1280, height: 800 } }) : null;
  const feed = page ? await openPageFeed(page, appHtml()) : null;
  page?.on('pageerror', (e) => process.stderr.write(`page error: ${e.message}\n`));
  // BENCH_PAGE_PROFILE=file.cpuprofile: a CPU profile of the page while it takes the run in.
  const profileTo = page ? process.env.BENCH_PAGE_PROFILE : undefined;
  const cdp = page ? await page.context().newCDPSession(page) : undefined;
  if (cdp && profileTo) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  // The page's main-thread busy time (tasks, scripts), for per-stage CPU accounting.
  const pageBusy = async () => {
    if (!cdp) return { task: 0, script: 0 };
    const { metrics } = await cdp.send('Performance.getMetrics');
    const get = (name: string) => (metrics.find((x) => x.name === name)?.value ?? 0) * 1e6;
    return { task: get('TaskDuration'), script: get('ScriptDuration') };
  };
  if (cdp) await cdp.send('Performance.enable');
  const busy0 = await pageBusy();

  let listener: (m: unknown) => void = () => undefined;
  const webview: WebviewLike = {
    // The flood has no page: its posts are serialized as VS Code would and dropped.
    postMessage: (m) => {
      if (!feed) {
        serializeLikeVsCode(m);
        return Promise.resolve(true);
      }
      return feed.post(m);
    },
    onDidReceiveMessage: (l) => {
      listener = l;
      return { dispose: () => undefined };
    },
  };
  const channel = new WebviewChannel(webview, {
    onReady: () => undefined,
    runShown: () => 'bench',
    onAction: () => undefined,
  });
  listener({ type: 'ready' });
  const runId = 'bench';
  channel.post({ type: 'load', runId, lang: 'en', mode: 'panel', events: [], live: true });
  const window_ = new EventWindow(50_000); // the extension's per-run window size
  // As RunFeed posts a live batch: the runner's batches in columns.
  const batcher = new EventBatcher((cols) => channel.post({ type: 'batch', runId, cols }));

  const memory: {
    events: number;
    hostHeapMB: number;
    hostRssMB: number;
    hostArrayBuffersMB: number;
  }[] = [];
  /** Time spent in the memory samples' forced GCs: not the receivers' work, so not in the rate. */
  let sampleMs = 0;
  const sample = (events: number) => {
    const s0 = performance.now();
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    memory.push({
      events,
      hostHeapMB: (m.heapUsed + m.arrayBuffers) / 2 ** 20,
      hostRssMB: m.rss / 2 ** 20,
      hostArrayBuffersMB: m.arrayBuffers / 2 ** 20,
    });
    sampleMs += performance.now() - s0;
  };

  const dir = mkdtempSync(join(tmpdir(), 'cl-bench-pipeline-'));
  const cpu0 = process.cpuUsage();
  let total = 0;
  let before = 0;
  let sourceCpuUs = 0;
  let t0 = 0;
  // Every quarter million events: buffers in flight come and go, so growth is judged on medians (bench/parts/pipeline.mjs).
  let nextSample = 250_000;
  const session = new RunnerClient(
    {
      runnerPath: RUNNERS[mode],
      // The log file too, as the extension's runs write one.
      config: {
        lab: join(REPO, 'bench', 'labs', 'flood.lab.mjs'),
        seed: 1,
        speed: 100,
        timeoutSec: 300,
        maxEvents: 20_000_000,
        lang: 'en',
        maxProcs: 64,
        eventsFile: join(dir, 'run.labrun'),
      },
      cwd: REPO,
      // As the extension's RunManager asks (lab mode decodes all, to see when the lab's first lock is taken).
      kinds: mode === 'lab' ? undefined : HOST_KINDS,
      env: {
        BENCH_PROCS: '2',
        BENCH_ITEMS: process.env.BENCH_ITEMS ?? '5000',
        ...(mode !== 'lab' ? { NODE_OPTIONS: '--import tsx' } : {}),
      },
    },
    {
      onEvents: (batch: CheckedBatch) => {
        // The clock starts at the first lab operation (lab mode) or the first batch: boot is not the pipeline.
        if (!t0 && (mode !== 'lab' || batch.events.some((e) => e.kind === 'lock.acquire'))) {
          t0 = performance.now();
          before = total;
        }
        total += batch.count;
        window_.push(batch);
        batcher.add(batch.bytes, batch.count);
        if (mode === 'flood' && total >= nextSample) {
          nextSample += 250_000;
          sample(total);
        }
      },
      onProblem: (text) => process.stderr.write(`${text}\n`),
      onOutput: (text) => {
        const m = /BENCH_SOURCE_CPU_US (\d+)/.exec(text);
        if (m) sourceCpuUs = Number(m[1]);
        else process.stderr.write(text);
      },
    },
  );
  session.start();
  // The flood stops after BENCH_FLOOD_SECONDS: on a loaded machine ten million events can take minutes.
  const cap =
    mode === 'flood'
      ? setTimeout(() => void session.stop(), Number(process.env.BENCH_FLOOD_SECONDS ?? 60) * 1000)
      : undefined;
  const end = await session.done;
  clearTimeout(cap);
  batcher.flush();
  channel.post({ type: 'ended', runId });
  const giveUp = performance.now() + 120_000;
  while (page && (await viewCount(page)) < total) {
    if (performance.now() > giveUp)
      throw new Error(`the page took in ${await viewCount(page)} of ${total} events`);
    await new Promise((r) => setTimeout(r, 10));
  }
  const t1 = performance.now();
  const sampledMs = sampleMs;
  if (mode === 'flood') sample(total);
  const eventsPerSec = (total - before) / ((t1 - t0 - sampledMs) / 1000);
  const inView = page ? await viewCount(page) : null;
  const busy1 = await pageBusy();
  const frames = page
    ? await page.evaluate(() =>
        (
          globalThis as unknown as { __timeline: { frameTimes(): number[] } }
        ).__timeline.frameTimes(),
      )
    : [];
  if (cdp && profileTo)
    writeFileSync(profileTo, JSON.stringify((await cdp.send('Profiler.stop')).profile));
  feed?.close();
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
  const cpu = process.cpuUsage(cpu0);
  console.log(
    JSON.stringify({
      mode,
      status: end.status,
      total,
      measured: total - before,
      eventsPerSec,
      windowHeld: window_.size,
      viewCount: inView,
      hostCpuUsPerEvent: (cpu.user + cpu.system) / Math.max(1, total),
      sourceCpuUsPerEvent: sourceCpuUs / Math.max(1, total),
      pageTaskUsPerEvent: (busy1.task - busy0.task) / Math.max(1, total),
      pageScriptUsPerEvent: (busy1.script - busy0.script) / Math.max(1, total),
      pageFrames: frames.length,
      pageFrameMs: frames.reduce((a, b) => a + b, 0),
      memory,
    }),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
