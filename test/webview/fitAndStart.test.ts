/**
 * A tab that changes width keeps showing the same time window (refitted), and a live run whose
 * processes are still starting says so instead of showing an empty plot.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { LabEvent } from '../../src/protocol/events';
import type { UiLang } from '../../src/protocol/webview';
import { runLab } from '../support/runLab';
import { hook, openLog, settle, shot, useBrowser } from './browser';

const post = (page: Page, msg: unknown) => page.evaluate((m) => window.postMessage(m, '*'), msg);

describe('timeline webview: refit on resize, start-up message (headless Chromium)', function () {
  this.timeout(300_000);
  const browser = useBrowser();
  let events: LabEvent[] = [];
  before(async () => {
    events = (await runLab('ticket-lock', { seed: 1 })).events;
  });

  it('keeps the whole run in view when the tab gets wider or narrower', async () => {
    const page = await openLog(browser(), 'fit-resize', events, 'en', { width: 700, height: 800 });
    const before = await hook<{ t0: number; t1: number }>(page, 'view');
    const narrow = await hook<{ width: number }>(page, 'layout');
    await page.setViewportSize({ width: 1500, height: 800 });
    await settle(page);
    const after = await hook<{ t0: number; t1: number }>(page, 'view');
    const wide = await hook<{ width: number }>(page, 'layout');
    assert.ok(
      wide.width > narrow.width + 500,
      `the plot got wider: ${narrow.width} → ${wide.width}`,
    );
    assert.ok(Math.abs(after.t0 - before.t0) < 1, `same start: ${before.t0} → ${after.t0}`);
    assert.ok(
      Math.abs(after.t1 - before.t1) <= (before.t1 - before.t0) * 1e-6,
      `same end: ${before.t1} → ${after.t1}`,
    );
    await shot(page, 'fit-resize-wide');
    await page.setViewportSize({ width: 560, height: 800 });
    await settle(page);
    const back = await hook<{ t0: number; t1: number }>(page, 'view');
    assert.ok(
      Math.abs(back.t1 - before.t1) <= (before.t1 - before.t0) * 1e-6,
      'and narrower again',
    );
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  for (const [lang, text] of [
    ['en', 'Starting 10 processes…'],
    ['zh-CN', '正在启动 10 个进程……'],
  ] as [UiLang, string][]) {
    it(`${lang}: a live run says how many processes are starting until one runs`, async () => {
      const page = await openLog(browser(), `starting-${lang}`, [], lang);
      // The log up to the last spawn, before any child did anything: what the tab has at first.
      let lastSpawn = events.length - 1;
      while (events[lastSpawn].kind !== 'proc.spawn') lastSpawn--;
      const spawnedOnly = events
        .slice(0, lastSpawn + 1)
        .filter((e) => e.proc <= 0 || e.kind === 'proc.spawn');
      assert.equal(spawnedOnly.filter((e) => e.kind === 'proc.spawn' && e.proc > 0).length, 10);
      const load = { type: 'load', runId: 'r1', lang, mode: 'panel', live: true };
      await post(page, { ...load, events: spawnedOnly });
      await settle(page);
      assert.ok((await hook<string>(page, 'banner')).endsWith(text), await hook(page, 'banner'));
      await shot(page, `starting-${lang}`);
      const firstWork = events.findIndex((e) => e.proc > 0 && e.kind !== 'proc.spawn');
      await post(page, { ...load, runId: 'r2', events: events.slice(0, firstWork + 1) });
      await settle(page);
      assert.ok(!(await hook<string>(page, 'banner')).includes(text.slice(0, 6)));
      assert.deepEqual(page.errors, []);
      await page.close();
    });
  }
});
