// Part 4 — Timeline: bench/timeline.mjs (the webview's own bench) opens 10k / 100k / 1M-event logs in
// headless Chromium; the baseline for opening is JSON.parse of the same log in the same page.
// bench/timelineShapes.mjs opens big shapes (10k lock tracks, 50k process lanes): open time, frame
// p95 (pan, zoom and scroll) and memory.
import { absolute, figure } from '../lib/figure.mjs';
import { runJson } from '../lib/proc.mjs';
import { BENCH, REPO } from '../lib/paths.mjs';
import { join } from 'node:path';

export async function timelinePart() {
  const out = await runJson('node', [join(BENCH, 'timeline.mjs')], {
    cwd: REPO,
    whole: true,
    timeoutMs: 240_000,
  });
  const rows = [];
  for (const r of out.results) {
    const size = r.events >= 1e6 ? `${r.events / 1e6}M` : `${r.events / 1e3}k`;
    const parse = { baseline: [r.jsonParseMs], baselineName: 'JSON.parse of the same log' };
    if (r.events >= 1_000_000)
      rows.push({
        ...absolute({
          part: 'Timeline',
          name: `open ${size}-event log`,
          unit: 'ms',
          ours: [r.openMs],
          limit: 1500,
        }),
        ...withBaseline(r),
      });
    else
      rows.push(
        figure({
          part: 'Timeline',
          name: `open ${size}-event log`,
          unit: 'ms',
          ours: [r.openMs],
          better: 'lower',
          ...parse,
        }),
      );
    rows.push(
      absolute({
        part: 'Timeline',
        name: `pan/zoom frame p95, ${size} (p50 ${r.frameMs.p50} ms)`,
        unit: 'ms',
        ours: [r.frameMs.p95],
        limit: 16,
        note: `180 frames; max ${r.frameMs.max} ms; rasterized before the next frame: p50 ${r.rasterizedFrameMs.p50}, p95 ${r.rasterizedFrameMs.p95} ms`,
      }),
    );
  }
  const shapes = await runJson('node', [join(BENCH, 'timelineShapes.mjs')], {
    cwd: REPO,
    whole: true,
    timeoutMs: 240_000,
  });
  rows.push(...shapes.results.flatMap(shapeRows));
  return { rows, raw: { ...out, shapes } };
}

/** Open time, frame p95 and memory of one big shape (10k tracks, 50k lanes). */
function shapeRows(r) {
  const part = 'Timeline';
  const errors = r.errors.length ? `; ${r.errors.length} page errors: ${r.errors[0]}` : '';
  return [
    absolute({
      part,
      name: `open ${r.shape} (${r.events} events)`,
      unit: 'ms',
      ours: [r.openMs],
      limit: 1500,
      note: `the canvas draws ${r.rowsDrawn} rows of ${r.fullHeightPx} px in all${errors}`,
    }),
    absolute({
      part,
      name: `pan/zoom/scroll frame p95, ${r.shape} (p50 ${r.frameMs.p50} ms)`,
      unit: 'ms',
      ours: [r.frameMs.p95],
      limit: 16,
      note: `180 frames; max ${r.frameMs.max} ms`,
    }),
    figure({
      part,
      name: `memory, ${r.shape}: JS heap after opening`,
      unit: 'MB',
      ours: [r.heapMB ?? 0],
      better: 'lower',
      note: `canvas backing store ${r.canvasMB} MB (the rows on screen only)`,
    }),
  ];
}

/** The JSON.parse reference beside an absolute goal. */
function withBaseline(r) {
  return {
    baselineName: 'JSON.parse of the same log',
    baseline: {
      median: r.jsonParseMs,
      min: r.jsonParseMs,
      max: r.jsonParseMs,
      samples: [r.jsonParseMs],
    },
    ratio: r.openMs / r.jsonParseMs,
  };
}
