/**
 * Semaphores, events, conditions and barriers in the timeline (headless Chromium), from logs the
 * engine makes during this test: a track per primitive, the waits on the lanes, the legend.
 * Screenshots go to test-output/webview/<lab>.png.
 */
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { runLab } from '../support/runLab';
import { hook, openLog, shot, useBrowser } from './browser';

const LABS = {
  barrier: ['lap line'],
  'semaphore-pool': ['connections'],
  'bounded-buffer-condition': ['items'],
  'dining-philosophers-seats': ['seats'],
} as const;

describe('timeline webview: synchronization tracks (headless Chromium)', function () {
  this.timeout(300_000);
  const browser = useBrowser();

  for (const [lab, names] of Object.entries(LABS)) {
    it(`${lab}: a track for each primitive, and the waits in them on the lanes`, async () => {
      const r = await runLab(lab, { seed: 1, schedule: 'random' });
      const page = await openLog(browser(), `sync-${lab}`, r.events);
      assert.deepEqual(page.errors, []);
      const tracks = await hook<{ kind: string; name: string }[]>(page, 'tracks');
      assert.deepEqual(
        tracks.filter((t) => t.kind === 'sync').map((t) => t.name),
        names,
      );
      const legend = await page.locator('#tl-legend, .tl-legend').first().textContent();
      assert.match(legend ?? '', /waiting in a semaphore, event, condition, barrier, pool or pipe/);
      const png = await shot(page, `sync-${lab}`);
      assert.ok(statSync(png).size > 10_000);
      await page.close();
    });
  }
});
