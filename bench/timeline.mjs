// Timeline benchmark (not a test): opens synthetic 10k / 100k / 1M-event logs (valid protocol v1)
// in headless Chromium and prints, as JSON on stdout, the open time (log in memory → validated,
// projected and first frame drawn), the JSON parse time of the same log for reference, and the
// draw time of pan and zoom frames (p50 / p95), and the same frames rasterized before the next one
// starts (drawing plus the canvas's own raster work, for reference). Usage: node bench/timeline.mjs [sizes…]
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const SIZES = sizes.length ? sizes : [10_000, 100_000, 1_000_000];
const GOAL_OPEN_MS = 1500,
  GOAL_FRAME_P95_MS = 16;

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : 0;
};
const round = (x) => Math.round(x * 100) / 100;

const dir = mkdtempSync(join(tmpdir(), 'tl-bench-'));
const page = join(dir, 'bench.html');
const dist = pathToFileURL(join(repo, 'dist')).href;
writeFileSync(
  page,
  `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src file:; style-src file:">
<link rel="stylesheet" href="${dist}/webview.css"></head>
<body data-mode="panel"><div id="app"></div><script src="${dist}/webview-test.js"></script><script src="gen.js"></script></body></html>`,
);
// The generator runs inside the page, so building the log is not part of what is timed.
const generator = readFileSync(join(repo, 'bench', 'timelineLog.mjs'), 'utf8').replace(
  /^export /m,
  '',
);
writeFileSync(join(dir, 'gen.js'), `${generator}\nwindow.__gen = generateLog;\n`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--enable-precise-memory-info',
    '--js-flags=--expose-gc',
  ],
});
const results = [];
try {
  for (const n of SIZES) {
    const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors = [];
    p.on('pageerror', (e) => errors.push(String(e)));
    await p.goto(pathToFileURL(page).href);
    await p.waitForFunction(() => window.__timeline !== undefined);
    const r = await p.evaluate(async (size) => {
      const tl = window.__timeline;
      // A fixed CPU workload, timed: on a quiet core it takes ~15-30 ms; larger means the machine is busy.
      const c0 = performance.now();
      let acc = 0;
      for (let i = 0; i < 2e7; i++) acc = (acc + i * 7) % 1000003;
      const calibrationMs = performance.now() - c0 + (acc < 0 ? 1 : 0);
      const events = window.__gen(size, 7);
      const text = JSON.stringify(events);
      const p0 = performance.now();
      JSON.parse(text);
      const parseMs = performance.now() - p0;
      globalThis.gc?.();
      const t0 = performance.now();
      tl.feed({ type: 'load', runId: 'bench', lang: 'en', mode: 'panel', events, live: false });
      const firstFrameMs = tl.redraw();
      const openMs = performance.now() - t0;
      const v = tl.view();
      // Warm-up frames (JIT), not counted.
      for (let i = 0; i < 20; i++) {
        tl.setView(v.t0 + i, v.t1 + i);
        tl.redraw();
      }
      tl.setView(v.t0, v.t1);
      const span = v.t1 - v.t0;
      // The same 180 frames twice: as drawn, then each followed by reading a pixel back, which makes
      // the canvas rasterize it then and there (what showing every frame would cost).
      const sequence = (draw) => {
        const frames = { pan: [], zoom: [], zoomedPan: [] };
        tl.setView(v.t0, v.t1);
        for (let i = 0; i < 60; i++) {
          const d = span * 0.02 * (i % 30 < 15 ? 1 : -1);
          const w = tl.view();
          tl.setView(w.t0 + d, w.t1 + d);
          frames.pan.push(draw());
        }
        for (let i = 0; i < 60; i++) {
          const w = tl.view(),
            mid = (w.t0 + w.t1) / 2,
            half = ((w.t1 - w.t0) / 2) * (i < 30 ? 0.85 : 1 / 0.85);
          tl.setView(mid - half, mid + half);
          frames.zoom.push(draw());
        }
        tl.setView(v.tEnd * 0.5, v.tEnd * 0.5 + span / 200);
        for (let i = 0; i < 60; i++) {
          const w = tl.view(),
            d = (w.t1 - w.t0) * 0.05;
          tl.setView(w.t0 + d, w.t1 + d);
          frames.zoomedPan.push(draw());
        }
        return frames;
      };
      const frames = sequence(() => tl.redraw());
      const canvas = document.querySelector('canvas').getContext('2d');
      const shown = sequence(() => {
        const a = performance.now();
        tl.redraw();
        canvas.getImageData(0, 0, 1, 1);
        return performance.now() - a;
      });
      await new Promise((res) => requestAnimationFrame(() => res()));
      const heapMB = performance.memory ? performance.memory.usedJSHeapSize / 1048576 : null;
      return {
        events: size,
        parseMs,
        openMs,
        firstFrameMs,
        frames,
        shown: [...shown.pan, ...shown.zoom, ...shown.zoomedPan],
        heapMB,
        lanes: tl.laneCount(),
        calibrationMs,
      };
    }, n);
    const all = [...r.frames.pan, ...r.frames.zoom, ...r.frames.zoomedPan];
    results.push({
      events: r.events,
      lanes: r.lanes,
      openMs: round(r.openMs),
      firstFrameMs: round(r.firstFrameMs),
      jsonParseMs: round(r.parseMs),
      frameMs: { p50: round(pct(all, 50)), p95: round(pct(all, 95)), max: round(Math.max(...all)) },
      rasterizedFrameMs: {
        p50: round(pct(r.shown, 50)),
        p95: round(pct(r.shown, 95)),
        max: round(Math.max(...r.shown)),
      },
      panMs: { p50: round(pct(r.frames.pan, 50)), p95: round(pct(r.frames.pan, 95)) },
      zoomMs: { p50: round(pct(r.frames.zoom, 50)), p95: round(pct(r.frames.zoom, 95)) },
      heapMB: r.heapMB && round(r.heapMB),
      calibrationMs: round(r.calibrationMs),
      goals:
        n >= 1_000_000
          ? {
              openMs: r.openMs <= GOAL_OPEN_MS ? 'met' : 'MISSED',
              frameP95: pct(all, 95) <= GOAL_FRAME_P95_MS ? 'met' : 'MISSED',
            }
          : { frameP95: pct(all, 95) <= GOAL_FRAME_P95_MS ? 'met' : 'MISSED' },
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
    {
      bench: 'timeline',
      cores: cpus().length,
      loadavg: loadavg().map(round),
      goals: { openMs: GOAL_OPEN_MS, frameP95Ms: GOAL_FRAME_P95_MS },
      results,
    },
    null,
    2,
  ),
);
