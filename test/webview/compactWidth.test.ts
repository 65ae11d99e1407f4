/**
 * The Live view (compact mode) in a narrow sidebar: no horizontal overflow, and the plot keeps
 * most of the width (the gutter of names narrows instead).
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { runLab } from '../support/runLab';
import { hook, openLog, settle, shot, useBrowser } from './browser';

const post = (page: Page, msg: unknown) => page.evaluate((m) => window.postMessage(m, '*'), msg);

describe('timeline webview: the Live view at narrow widths (headless Chromium)', function () {
  this.timeout(300_000);
  const browser = useBrowser();

  it('fits 300 px and 170 px without overflow, leaving the plot over half the canvas', async () => {
    const events = (await runLab('producer-consumer-joinable', { seed: 1 })).events;
    for (const width of [300, 170]) {
      const page = await openLog(browser(), `compact-${width}`, [], 'en', { width, height: 700 });
      await post(page, {
        type: 'load',
        runId: 'r',
        lang: 'en',
        mode: 'compact',
        events,
        live: false,
      });
      await settle(page);
      const [scroll, client] = await page.evaluate(() => [
        document.documentElement.scrollWidth,
        document.documentElement.clientWidth,
      ]);
      assert.ok(scroll <= client, `${width} px: no horizontal overflow (${scroll} > ${client})`);
      const lay = await hook<{ gutter: number; width: number }>(page, 'layout');
      assert.ok(lay.width > lay.gutter + lay.width * 0.1, `${width} px: ${JSON.stringify(lay)}`);
      assert.ok(
        lay.width >= (lay.gutter + lay.width) * 0.55,
        `${width} px: ${JSON.stringify(lay)}`,
      );
      await shot(page, `compact-${width}`);
      assert.deepEqual(page.errors, []);
      await page.close();
    }
  });
});
