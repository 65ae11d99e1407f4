// The test hook (window.__timeline) is in the test build only: the shipped dist/webview.js runs
// the same app without it.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderStandaloneHtml } from '../../src/model/standaloneHtml';
import { contendedLockLog } from '../support/modelLogs';
import { OUT, REPO, settle, useBrowser } from './browser';
import { mkdirSync } from 'node:fs';

describe('timeline test hook only in the test build', function () {
  this.timeout(120_000);
  const browser = useBrowser();

  it('dist/webview.js holds no test hook; dist/webview-test.js does', () => {
    const shipped = readFileSync(join(REPO, 'dist', 'webview.js'), 'utf8');
    const test = readFileSync(join(REPO, 'dist', 'webview-test.js'), 'utf8');
    for (const mark of ['__timeline"', "__timeline'", 'installTestHook', 'laneCount'])
      assert.ok(!shipped.includes(mark), `dist/webview.js contains ${mark}`);
    assert.ok(test.includes('laneCount'), 'the test build has the hook');
  });

  it('the shipped bundle draws a run in Chromium and leaves window.__timeline undefined', async () => {
    const html = renderStandaloneHtml({
      script: readFileSync(join(REPO, 'dist', 'webview.js'), 'utf8'),
      css: readFileSync(join(REPO, 'dist', 'webview.css'), 'utf8'),
      events: contendedLockLog().events,
      lang: 'en',
      title: 'shipped',
    });
    mkdirSync(OUT, { recursive: true });
    const file = join(OUT, 'shipped-bundle.html');
    writeFileSync(file, html);
    const page = await browser().newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(pathToFileURL(file).href);
    await page.locator('.tl-banner').waitFor();
    await settle(page);
    assert.match((await page.locator('.tl-status').textContent()) ?? '', /finished|ended/i);
    assert.equal(
      await page.evaluate(() => typeof (window as unknown as { __timeline?: unknown }).__timeline),
      'undefined',
    );
    assert.deepEqual(errors, []);
    await page.close();
  });
});
