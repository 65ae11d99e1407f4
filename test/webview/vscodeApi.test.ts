/**
 * Inside VS Code the app talks through acquireVsCodeApi: it says `ready`, asks only for allowlisted
 * actions, and keeps its view (zoom, follow, selection) in getState/setState across a reload.
 * A stand-in API (state in sessionStorage) is installed before the page loads.
 */
import assert from 'node:assert/strict';
import { WEBVIEW_ACTIONS } from '../../src/protocol/webview';
import { runLab } from '../support/runLab';
import { hook, openLog, settle, useBrowser } from './browser';

const fakeVsCodeApi = `
  window.__posted = [];
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__posted.push(m),
    getState: () => JSON.parse(sessionStorage.getItem('vscode-state') ?? 'null'),
    setState: (s) => sessionStorage.setItem('vscode-state', JSON.stringify(s)),
  });`;

describe('timeline webview inside a VS Code-like host (headless Chromium)', function () {
  this.timeout(180_000);
  const browser = useBrowser();

  it('says ready, posts only allowlisted actions, and restores its view after a reload', async () => {
    const events = (await runLab('queue-basics', { speed: 10, seed: 1 })).events;
    const page = await openLog(browser(), 'vscode-api', events, 'en', undefined, fakeVsCodeApi);
    const posted = () =>
      page.evaluate(
        () => (window as unknown as { __posted: { type: string; action?: string }[] }).__posted,
      );
    assert.deepEqual((await posted())[0], { type: 'ready' });
    await page.locator('.tl-host-actions button[aria-label="Save recording"]').click();
    const actions = (await posted()).filter((m) => m.type === 'action');
    assert.deepEqual(actions, [{ type: 'action', action: 'saveRecording', runId: 'standalone' }]);
    assert.ok(actions.every((a) => (WEBVIEW_ACTIONS as readonly string[]).includes(a.action!)));

    await page.locator('.tl-zoom-in').click();
    await page.locator('.tl-zoom-in').click();
    const box = (await page.locator('canvas').boundingBox())!;
    await page.mouse.click(box.x + 500, box.y + 26 + 20 + 16); // select the main lane
    const details = await page.locator('#tl-details').textContent();
    assert.ok(details && details.includes('MainProcess'));
    // The view is saved once it has settled: wait until the saved state holds the selection.
    await page.waitForFunction(
      () => JSON.parse(sessionStorage.getItem('vscode-state') ?? 'null')?.selection !== undefined,
    );
    const before = await hook<{ t0: number; t1: number; follow: boolean }>(page, 'view');
    await page.reload();
    await page.waitForFunction(
      () => (window as unknown as { __timeline?: unknown }).__timeline !== undefined,
    );
    await settle(page);
    const after = await hook<{ t0: number; t1: number; follow: boolean }>(page, 'view');
    assert.equal(after.follow, false);
    assert.ok(
      Math.abs(after.t0 - before.t0) < 1 && Math.abs(after.t1 - before.t1) < 1,
      `${JSON.stringify(before)} → ${JSON.stringify(after)}`,
    );
    assert.equal(
      await page.locator('#tl-details').textContent(),
      details,
      'the selection came back',
    );
    assert.deepEqual(page.errors, []);
    await page.close();
  });
});
