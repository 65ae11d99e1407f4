/**
 * Event pipeline bench: runner → extension-side receivers → webview app in headless Chromium.
 * The extension side is the extension's own vscode-free code (RunSession validates every batch,
 * EventWindow keeps the bounded window, EventBatcher coalesces, WebviewChannel checks and posts);
 * the webview is dist/webview.js, fed through window.postMessage as VS Code's webview does.
 *   node --expose-gc --import tsx bench/pipeline/host.ts real    (a flood lab through the real runner)
 *   node --expose-gc --import tsx bench/pipeline/host.ts flood   (10,000,000 synthetic events: host memory;
 *     the posts are serialized as VS Code would and dropped — bench/pipeline/webviewFlood.ts floods the webview)
 * Prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { RunSession } from '../../src/extension/runSession';
import { EventBatcher, EventWindow } from '../../src/extension/eventWindow';
import { WebviewChannel, type WebviewLike } from '../../src/extension/webviewChannel';
import { renderStandaloneHtml } from '../../src/model/standaloneHtml';
import type { LabEvent } from '../../src/protocol/events';

const REPO = resolve(__dirname, '../..');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const mode = process.argv[2] === 'flood' ? 'flood' : 'real';
/** The page's global as the callbacks below see it (this tsconfig has no DOM types). */
type W = {
  __benchCount: number;
  __timeline: { view(): { eventCount: number } };
  postMessage(m: unknown, origin: string): void;
  addEventListener(type: 'message', f: (e: { data?: { events?: unknown[] } }) => void): void;
};

async function openApp(page: Page): Promise<void> {
  const html = renderStandaloneHtml({
    script: readFileSync(join(REPO, 'dist', 'webview.js'), 'utf8'),
    css: readFileSync(join(REPO, 'dist', 'webview.css'), 'utf8'), events: [], lang: 'en', title: 'bench',
  });
  await page.setContent(html);
  // Registered after the app's own listener, so a batch counts here only once the app has taken it in.
  await page.evaluate(() => {
    const w = globalThis as unknown as W;
    w.__benchCount = 0;
    w.addEventListener('message', (e) => { w.__benchCount += (e.data?.events?.length ?? 0); });
  });
}

async function main(): Promise<void> {
  const browser = mode === 'real' ? await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS }) : null;
  const page = browser ? await browser.newPage({ viewport: { width: 1280, height: 800 } }) : null;
  if (page) await openApp(page);

  let chain: Promise<unknown> = Promise.resolve();
  let listener: (m: unknown) => void = () => undefined;
  const webview: WebviewLike = {
    // As a JSON string: VS Code serializes posts too, and Playwright's own argument encoding is far slower.
    postMessage: (m) => {
      if (!page) { JSON.stringify(m); return Promise.resolve(true); }
      return (chain = chain.then(() => page.evaluate((s) => (globalThis as unknown as W).postMessage(JSON.parse(s), '*'), JSON.stringify(m)))).then(() => true);
    },
    onDidReceiveMessage: (l) => { listener = l; return { dispose: () => undefined }; },
  };
  const channel = new WebviewChannel(webview, { onReady: () => undefined, onAction: () => undefined });
  listener({ type: 'ready' });
  const runId = 'bench';
  channel.post({ type: 'load', runId, lang: 'en', mode: 'panel', events: [], live: true });
  const window_ = new EventWindow(50_000); // the extension's per-run window size
  const batcher = new EventBatcher((events) => channel.post({ type: 'events', runId, events }));

  const memory: { events: number; hostHeapMB: number; hostRssMB: number }[] = [];
  const sample = (events: number) => {
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    memory.push({ events, hostHeapMB: (m.heapUsed + m.arrayBuffers) / 2 ** 20, hostRssMB: m.rss / 2 ** 20 });
  };

  let total = 0;
  let before = 0;
  let t0 = 0;
  let nextSample = 1_000_000;
  const session = new RunSession({
    runnerPath: mode === 'flood' ? join(__dirname, 'syntheticRunner.mjs') : join(REPO, 'dist', 'runner.js'),
    config: { lab: join(REPO, 'bench', 'labs', 'flood.lab.mjs'), seed: 1, speed: 100, timeoutSec: 300, maxEvents: 20_000_000, lang: 'en', maxProcs: 64 },
    cwd: REPO,
    env: { BENCH_PROCS: '2', BENCH_ITEMS: process.env.BENCH_ITEMS ?? '5000' },
  }, {
    onEvents: (events: LabEvent[]) => {
      if (!t0 && events.some((e) => e.kind === 'lock.acquire')) { t0 = performance.now(); before = total; }
      total += events.length;
      window_.push(events);
      batcher.add(events);
      if (mode === 'flood' && total >= nextSample) { nextSample += 1_000_000; sample(total); }
    },
    onProblem: (text) => process.stderr.write(text),
  });
  session.start();
  // The flood stops after BENCH_FLOOD_SECONDS: on a loaded machine ten million events can take minutes.
  const cap = mode === 'flood' ? setTimeout(() => void session.stop(), Number(process.env.BENCH_FLOOD_SECONDS ?? 60) * 1000) : undefined;
  const end = await session.done;
  clearTimeout(cap);
  batcher.flush();
  channel.post({ type: 'ended', runId });
  await chain;
  while (page && (await page.evaluate(() => (globalThis as unknown as W).__benchCount)) < total) await new Promise((r) => setTimeout(r, 10));
  const t1 = performance.now();
  if (mode === 'flood') sample(total);
  const eventsPerSec = (total - before) / ((t1 - t0) / 1000);
  const viewCount = page ? await page.evaluate(() => (globalThis as unknown as W).__timeline.view().eventCount) : null;
  await browser?.close();
  console.log(JSON.stringify({ mode, status: end.status, total, measured: total - before, eventsPerSec, windowHeld: window_.size, viewCount, memory }));
}

main().catch((e) => { console.error(e); process.exit(1); });
