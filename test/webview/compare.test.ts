/**
 * The Compare Runs panel in headless Chromium, fed with two runs recorded during this test (the
 * fifo and the random schedule of ticket-race, seed 4; and ticket-race beside ticket-lock): both
 * runs' lanes on one time axis that zooms for both, the first difference in words and marked.
 * Screenshots go to test-output/webview/compare*.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { firstDifference } from '../../src/model/runDiff';
import type { ToComparePanel } from '../../src/protocol/comparePanel';
import type { LabEvent } from '../../src/protocol/events';
import type { UiLang } from '../../src/protocol/webview';
import { fixture, runLab } from '../support/runLab';
import { OUT, REPO, settle, shot, useBrowser } from './browser';

/** A page as the extension's: the app's bundles, the runs embedded as its data. */
async function openCompare(
  browser: Browser,
  name: string,
  msg: ToComparePanel | Record<string, unknown>,
  lang: UiLang = 'en',
): Promise<Page & { errors: string[] }> {
  const data = JSON.stringify(msg).replace(/</g, '\\u003c');
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8">
<style>${readFileSync(join(REPO, 'dist', 'compare.css'), 'utf8')}</style></head>
<body data-lang="${lang}"><div id="app"></div>
<script type="application/json" id="cmp-data">${data}</script>
<script>${readFileSync(join(REPO, 'dist', 'compare.js'), 'utf8')}</script></body></html>`;
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, `${name}.html`);
  writeFileSync(file, html);
  const page = (await browser.newPage({
    viewport: { width: 1280, height: 1000 },
    deviceScaleFactor: 1,
  })) as Page & { errors: string[] };
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  await page.goto(pathToFileURL(file).href);
  await settle(page);
  return page;
}

const compareOf = (lang: UiLang, a: LabEvent[], b: LabEvent[]): ToComparePanel => ({
  type: 'compare',
  lang,
  runs: [
    { label: 'ticket-race · fifo · seed 4', events: a },
    { label: 'ticket-race · random · seed 4', events: b },
  ],
});

/** The shared window of each canvas, and where its mark is (CSS px), from the canvases' data. */
const canvases = (page: Page) =>
  page.$$eval('canvas', (cs) =>
    cs.map((c) => ({
      t0: Number(c.dataset.t0),
      t1: Number(c.dataset.t1),
      markX: Number(c.dataset.markX),
    })),
  );

describe('Compare Runs panel (headless Chromium)', function () {
  this.timeout(300_000);
  const browser = useBrowser();
  let fifo: LabEvent[], random: LabEvent[];

  before(async () => {
    fifo = (await runLab('ticket-race', { seed: 4, schedule: 'fifo' })).events;
    random = (await runLab('ticket-race', { seed: 4, schedule: 'random' })).events;
  });

  it('stacks both runs on one time axis, says and marks the first difference', async () => {
    const d = firstDifference(fifo, random)!;
    const page = await openCompare(browser(), 'compare', compareOf('en', fifo, random));
    assert.deepEqual(page.errors, []);
    assert.equal(await page.locator('#cmp-diff').textContent(), d.words.en);
    assert.match(d.words.en, /in run B Process \d+ read data\.json before Process \d+ read it/);
    const headings = await page.locator('.cmp-run').allTextContents();
    assert.equal(headings.length, 2);
    assert.match(headings[0], /^Run A: ticket-race · fifo · seed 4 — 1 ticket, \d+ sold/);
    const [a, b] = await canvases(page);
    assert.deepEqual([a.t0, a.t1], [b.t0, b.t1], 'one time axis');
    // Each run's mark stands at its own step's time on that axis.
    const x = (t: number) => 200 + ((t - a.t0) / (a.t1 - a.t0)) * (1280 - 2 * 12 - 2 - 200);
    assert.ok(Math.abs(a.markX - x(d.a!.t)) < 3, `${a.markX} vs ${x(d.a!.t)}`);
    assert.ok(Math.abs(b.markX - x(d.b!.t)) < 3);
    await shot(page, 'compare');
    // Zooming in on run B zooms run A too, keeping the difference under the pointer.
    const box = (await page.locator('canvas').nth(1).boundingBox())!;
    await page.mouse.move(box.x + b.markX, box.y + 60);
    for (let i = 0; i < 8; i++) await page.mouse.wheel(0, -100);
    await settle(page);
    const [a2, b2] = await canvases(page);
    assert.deepEqual([a2.t0, a2.t1], [b2.t0, b2.t1], 'still one time axis');
    assert.ok(a2.t1 - a2.t0 < (a.t1 - a.t0) / 3, 'zoomed in');
    assert.ok(Math.abs(b2.markX - b.markX) < 3, 'the difference stayed under the pointer');
    await shot(page, 'compare-zoomed');
    await page.close();
  });

  it('in Chinese; two equal runs say there is no difference', async () => {
    const zh = await openCompare(
      browser(),
      'compare-zh',
      compareOf('zh-CN', fifo, random),
      'zh-CN',
    );
    assert.match(
      (await zh.locator('#cmp-diff').textContent())!,
      /^第一处不同在 [\d.]+ s：在运行 B 中/,
    );
    assert.match((await zh.locator('.cmp-run').first().textContent())!, /^运行 A：/);
    await shot(zh, 'compare-zh');
    await zh.close();
    const same = await openCompare(browser(), 'compare-same', compareOf('en', random, random));
    assert.equal(
      await same.locator('#cmp-diff').textContent(),
      'No difference: both runs took the same steps in the same order.',
    );
    await same.close();
  });

  it('in Chinese, a lock the lab left unnamed (Lock 1 in the logs) is 锁 1', async () => {
    const lab = fixture('default-names.lab.mjs');
    const a = (await runLab(lab, { seed: 1, schedule: 'fifo' })).events;
    const b = (await runLab(lab, { seed: 1, schedule: 'random' })).events;
    // The difference's words name the lock in each language; the logs keep its English name.
    assert.match(firstDifference(a, b)?.words.en ?? '', /Lock 1/);
    assert.match(firstDifference(a, b)?.words['zh-CN'] ?? '', /锁 1/);
    assert.ok(a.some((e) => e.kind === 'lock.create' && e.name === 'Lock 1'));
    const zh = await openCompare(browser(), 'compare-names-zh', compareOf('zh-CN', a, b), 'zh-CN');
    const diff = (await zh.locator('#cmp-diff').textContent())!;
    assert.match(diff, /锁 1/, diff);
    assert.doesNotMatch(diff, /Lock \d/, diff);
    assert.deepEqual(zh.errors, []);
    await zh.close();
  });

  it('refuses a malformed log with a clear message', async () => {
    const bad = compareOf('en', fifo, random) as unknown as { runs: { events: unknown[] }[] };
    bad.runs[1].events = [...random.slice(0, 5), { kind: 'nonsense' }];
    const page = await openCompare(browser(), 'compare-bad', bad as Record<string, unknown>);
    assert.match(
      (await page.locator('[role=alert]').textContent())!,
      /These runs cannot be compared: run B, event 5: /,
    );
    assert.equal(await page.locator('canvas').count(), 0);
    await page.close();
  });
});
