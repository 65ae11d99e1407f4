// Timeline benchmark of big shapes (not a test): a recording with 10k lock tracks and one with 50k
// process lanes, opened in headless Chromium through the test build's hook. Prints as JSON on
// stdout, per shape: the open time (events in memory → validated, projected, first frame drawn),
// the draw time of pan, zoom and scroll frames (p50 / p95), the JS heap after opening and the
// canvas's backing store (it holds the rows on screen only). Usage: node bench/timelineShapes.mjs
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const SHAPES = [
  { name: '10k lock tracks', tracks: 10_000, lanes: 0 },
  { name: '50k process lanes', tracks: 0, lanes: 50_000 },
];

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : 0;
};
const round = (x) => Math.round(x * 100) / 100;

/** Runs in the page: a valid protocol-v1 log with `tracks` busy locks or `lanes` processes. */
function shapeLog(tracks, lanes) {
  const ev = [];
  let t = 0;
  const e = (proc, kind, fields) =>
    ev.push({ v: 1, seq: ev.length, t: (t += 3), proc, kind, ...fields });
  e(-1, 'run.start', {
    lab: 'shapes',
    title: { en: 'Shapes', 'zh-CN': '形状' },
    seed: 1,
    speed: 1,
  });
  e(0, 'proc.spawn', { name: 'MainProcess', parent: -1, daemon: false, pid: 1000 });
  e(1, 'proc.spawn', { name: 'Worker', parent: 0, daemon: false, pid: 1001 });
  for (let i = 0; i < tracks; i++) e(0, 'lock.create', { obj: i + 1, name: `lock-${i}` });
  for (let i = 0; i < tracks; i++) {
    e(1, 'lock.request', { obj: i + 1, block: true });
    e(1, 'lock.acquire', { obj: i + 1, waitedUs: 0 });
    e(1, 'lock.release', { obj: i + 1 });
  }
  for (let p = 2; p < lanes; p++)
    e(p, 'proc.spawn', { name: `Process-${p}`, parent: 0, daemon: false, pid: 1000 + p });
  for (let p = 2; p < lanes; p++) {
    e(p, 'sleep.begin', { sec: 0.001 });
    e(p, 'sleep.end', {});
  }
  for (let p = Math.max(2, lanes) - 1; p >= 0; p--)
    e(p, 'proc.exit', { code: 0, reason: 'returned' });
  e(-1, 'run.end', { status: 'ok' });
  return ev;
}

const dir = mkdtempSync(join(tmpdir(), 'tl-shapes-'));
const page = join(dir, 'bench.html');
const dist = pathToFileURL(join(repo, 'dist')).href;
writeFileSync(
  page,
  `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src file:; style-src file:">
<link rel="stylesheet" href="${dist}/webview.css"></head>
<body data-mode="panel"><div id="app"></div><script src="${dist}/webview-test.js"></script><script src="gen.js"></script></body></html>`,
);
writeFileSync(join(dir, 'gen.js'), `window.__shapeLog = ${shapeLog.toString()};\n`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--enable-precise-memory-info',
    '--js-flags=--expose-gc',
  ],
});
const results = [];
try {
  for (const shape of SHAPES) {
    const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors = [];
    p.on('pageerror', (e) => errors.push(String(e)));
    await p.goto(pathToFileURL(page).href);
    await p.waitForFunction(() => window.__timeline !== undefined);
    const r = await p.evaluate(async ({ tracks, lanes }) => {
      const tl = window.__timeline;
      const events = window.__shapeLog(tracks, lanes);
      globalThis.gc?.();
      const heap0 = performance.memory?.usedJSHeapSize ?? 0;
      const t0 = performance.now();
      tl.feed({ type: 'load', runId: 'bench', lang: 'en', mode: 'panel', events, live: false });
      tl.redraw();
      const openMs = performance.now() - t0;
      const v = tl.view();
      const span = v.t1 - v.t0;
      const wrap = document.querySelector('.tl-canvas-wrap');
      const frames = [];
      for (let i = 0; i < 20; i++) tl.redraw(); // warm-up (JIT), not counted
      for (let i = 0; i < 60; i++) {
        const d = span * 0.02 * (i % 30 < 15 ? 1 : -1);
        const w = tl.view();
        tl.setView(w.t0 + d, w.t1 + d);
        frames.push(tl.redraw());
      }
      for (let i = 0; i < 60; i++) {
        const w = tl.view(),
          mid = (w.t0 + w.t1) / 2,
          half = ((w.t1 - w.t0) / 2) * (i < 30 ? 0.85 : 1 / 0.85);
        tl.setView(mid - half, mid + half);
        frames.push(tl.redraw());
      }
      for (let i = 0; i < 60; i++) {
        wrap.scrollTop = ((i + 1) / 60) * (wrap.scrollHeight - wrap.clientHeight);
        frames.push(tl.redraw());
      }
      globalThis.gc?.();
      const heapMB = performance.memory
        ? (performance.memory.usedJSHeapSize - heap0) / 1048576
        : null;
      const c = document.querySelector('canvas.tl-canvas');
      return {
        events: events.length,
        openMs,
        frames,
        heapMB,
        canvasMB: (c.width * c.height * 4) / 1048576,
        rows: tl.layout().rows.length,
        fullHeight: tl.layout().fullHeight,
      };
    }, shape);
    results.push({
      shape: shape.name,
      events: r.events,
      openMs: round(r.openMs),
      frameMs: {
        p50: round(pct(r.frames, 50)),
        p95: round(pct(r.frames, 95)),
        max: round(Math.max(...r.frames)),
      },
      heapMB: r.heapMB === null ? null : round(r.heapMB),
      canvasMB: round(r.canvasMB),
      rowsDrawn: r.rows,
      fullHeightPx: r.fullHeight,
      errors,
    });
    await p.close();
  }
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
console.log(
  JSON.stringify(
    { bench: 'timeline-shapes', cores: cpus().length, loadavg: loadavg().map(round), results },
    null,
    2,
  ),
);
