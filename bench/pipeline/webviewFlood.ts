/**
 * The webview half of the memory flood: the timeline app (dist/webview-test.js: the app plus its test hook) in headless Chromium
 * takes BENCH_FLOOD_EVENTS events as batches in columns through its own validated message path (`__timeline.feed`),
 * made inside the page (with the protocol's own encoder, bundled in) so the browser's debugging pipe is
 * not what gets measured.
 * Samples the page's JS heap (with typed-array storage) and the browser's RSS every million events.
 *   node --import tsx bench/pipeline/webviewFlood.ts   → one JSON line
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { chromium } from 'playwright-core';
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

/** RSS in MB of every browser process started with our profile folder (browser, renderer, GPU, …). */
function browserRssMB(profile: string): number {
  return execFileSync('ps', ['-eo', 'rss=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes(profile))
    .reduce((s, l) => s + Number(l.trim().split(/\s+/)[0]) / 1024, 0);
}

/** Runs in the page (as source text, so no compiler helpers leak in): makes and feeds `count` events. */
const FEED = `(from, count) => {
  const P = 8;
  const feed = window.__timeline.feed;
  let seq = from;
  const ev = (proc, kind, f) => ({ v: 1, seq: seq++, t: seq * 2, proc, kind, ...f });
  if (from === 0) {
    const head = [ev(-1, 'run.start', { lab: 'flood', title: { en: 'Flood', 'zh-CN': 'Flood' }, seed: 1, speed: 1 }),
      ev(0, 'proc.spawn', { name: 'MainProcess', parent: -1, daemon: false, pid: 1 }),
      ...Array.from({ length: P }, (_, i) => ev(0, 'proc.spawn', { name: 'Process-' + (i + 1), parent: 0, daemon: false, pid: i + 2 })),
      ev(0, 'lock.create', { obj: 1, name: 'lock' }), ev(0, 'queue.create', { obj: 2, name: 'queue', maxsize: 0, joinable: false })];
    feed({ type: 'load', runId: 'flood', lang: 'en', mode: 'panel', events: head, live: true });
  }
  // The synthetic runner's mix: a lock turn around a put, a get by another process, a short sleep.
  let turn = seq;
  while (seq < from + count) {
    const events = [];
    while (events.length < 5000) {
      const p = 1 + (turn % P), q = 1 + ((turn + 3) % P), item = ++turn;
      events.push(ev(p, 'lock.request', { obj: 1, block: true }), ev(p, 'lock.acquire', { obj: 1, waitedUs: 5 }),
        ev(p, 'queue.put', { obj: 2, item, value: item, size: 1 }), ev(p, 'lock.release', { obj: 1 }),
        ev(q, 'queue.get', { obj: 2, item, value: item, size: 0 }), ev(q, 'sleep.begin', { sec: 0.001 }), ev(q, 'sleep.end', {}));
    }
    // As the host posts a live batch: the runner's columns, decoded and checked by the page.
    feed({ type: 'batch', runId: 'flood', cols: window.__columns.encodeEvents(events) });
  }
  return seq;
}`;

async function main(): Promise<void> {
  const total = Number(process.env.BENCH_FLOOD_EVENTS ?? 10_000_000);
  const profile = mkdtempSync(join(tmpdir(), 'cl-bench-flood-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ARGS,
    viewport: { width: 1280, height: 800 },
  });
  const page = browser.pages()[0] ?? (await browser.newPage());
  await page.setContent(
    renderStandaloneHtml({
      script: readFileSync(join(REPO, 'dist', 'webview-test.js'), 'utf8'),
      css: readFileSync(join(REPO, 'dist', 'webview.css'), 'utf8'),
      events: [],
      lang: 'en',
      title: 'bench',
    }),
  );
  // The protocol's encoder, for FEED: bundled and evaluated (the page's CSP admits no new script tags).
  const encoder = buildSync({
    entryPoints: [join(REPO, 'src', 'protocol', 'eventColumns.ts')],
    bundle: true,
    format: 'iife',
    globalName: '__columns',
    write: false,
  });
  await page.evaluate(`${encoder.outputFiles[0].text}; window.__columns = __columns;`);
  const cdp = await browser.newCDPSession(page);
  const memory: { events: number; webviewHeapMB: number; browserRssMB: number }[] = [];
  const t0 = performance.now();
  let fed = 0;
  while (fed < total) {
    const n = Math.min(1_000_000, total - fed);
    fed = (await page.evaluate(`(${FEED})(${fed}, ${n})`)) as number;
    await cdp.send('HeapProfiler.collectGarbage');
    const h = (await cdp.send('Runtime.getHeapUsage')) as {
      usedSize: number;
      backingStorageSize?: number;
    };
    memory.push({
      events: fed,
      webviewHeapMB: (h.usedSize + (h.backingStorageSize ?? 0)) / 2 ** 20,
      browserRssMB: browserRssMB(profile),
    });
  }
  const eventsPerSec = fed / ((performance.now() - t0) / 1000);
  const view = await page.evaluate(() =>
    (globalThis as unknown as { __timeline: { view(): { eventCount: number } } }).__timeline.view(),
  );
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
  console.log(JSON.stringify({ fed, eventsPerSec, viewCount: view.eventCount, memory }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
