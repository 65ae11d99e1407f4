/**
 * XSS probe: a lab run by the engine names a process, a queue item, a log line and its title
 * `<img src=x onerror=…>`. The app shows them as text and runs nothing.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runLab } from '../support/runLab';
import { hook, openLog, shot, useBrowser } from './browser';

const PROBE = '<img src=x onerror="window.__xss=1">';

describe('timeline webview, XSS probe (headless Chromium)', function () {
  this.timeout(120_000);
  const browser = useBrowser();

  it('renders markup from a lab as text and executes none of it', async () => {
    const r = await runLab(join(__dirname, 'fixtures', 'xss.lab.mjs'), { speed: 10 });
    assert.equal(r.status, 'ok');
    const put = r.events.find((e) => e.kind === 'queue.put');
    assert.ok(
      put && put.kind === 'queue.put' && put.value === PROBE,
      'the engine recorded the probe as the item',
    );
    const page = await openLog(browser(), 'xss-probe', r.events);
    assert.ok((await hook<{ name: string }[]>(page, 'lanes')).some((l) => l.name === PROBE));
    // Put the playhead where the item sits in the queue: the state panel lists it.
    const get = r.events.find((e) => e.kind === 'queue.get')!;
    await hook(page, 'setPlayhead', Math.floor((put.t + get.t) / 2));
    assert.deepEqual(await page.locator('#tl-state .tl-slot').allTextContents(), [
      JSON.stringify(PROBE),
    ]);
    assert.ok((await page.locator('.tl-title').textContent())!.includes(PROBE));
    // Hover the probe's lane so its name goes through the tooltip too.
    const box = (await page.locator('canvas').boundingBox())!;
    await page.mouse.move(box.x + 600, box.y + 26 + 20 + 32 + 16);
    // The tooltip is shown (an <img> it held would be counted below, loaded or not).
    await page.locator('#tl-tip').waitFor({ state: 'visible' });
    assert.equal(
      await page.evaluate(() => (window as unknown as { __xss?: number }).__xss),
      undefined,
    );
    assert.equal(await page.locator('img').count(), 0);
    assert.deepEqual(page.errors, []);
    await shot(page, 'xss-probe');
    await page.close();
  });
});
