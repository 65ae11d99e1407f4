/**
 * From the timeline to the code (headless Chromium): hovering a lock hold, a wait or a file's
 * read shows the line of lab code that made the call; inside VS Code a click on it, and Enter
 * on the selected one, ask the host to reveal that site (by id: the host looks it up); the
 * standalone page shows the site as text and asks nothing.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { EventOf, LabEvent } from '../../src/protocol/events';
import { fixture, runLab } from '../support/runLab';
import { hook, openLog, settle, useBrowser } from './browser';

const HELPERS = fixture('sites/siteHelpers.mjs');
const fakeVsCodeApi = `
  window.__posted = [];
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__posted.push(m),
    getState: () => null,
    setState: () => undefined,
  });`;

/** The line (from 1) of `file` tagged `// site: tag`. */
function taggedLine(file: string, tag: string): number {
  return (
    readFileSync(file, 'utf8')
      .split('\n')
      .findIndex((l) => l.includes(`site: ${tag}`)) + 1
  );
}

interface Layout {
  gutter: number;
  width: number;
  rows: { kind: string; obj: number; y: number; h: number }[];
}

/** Page coordinates of time t on the lock row of lock `obj`. */
async function onLockRow(page: Page, obj: number, t: number): Promise<{ x: number; y: number }> {
  const box = (await page.locator('canvas').boundingBox())!;
  const lay = await hook<Layout>(page, 'layout');
  const view = await hook<{ t0: number; t1: number }>(page, 'view');
  const row = lay.rows.find((r) => r.kind === 'lock' && r.obj === obj)!;
  assert.ok(row, 'the lock row is on screen');
  const x = lay.gutter + ((t - view.t0) / (view.t1 - view.t0)) * lay.width;
  return { x: box.x + x, y: box.y + row.y + row.h / 2 };
}

describe('timeline webview: call sites (headless Chromium)', function () {
  this.timeout(180_000);
  const browser = useBrowser();
  let events: LabEvent[];
  /** The first hold of the lock taken at the helper's acquire line: its middle, its site. */
  let hold: { obj: number; t: number; site: number };
  const label = `siteHelpers.mjs:${taggedLine(HELPERS, 'helper-acquire')} lock.acquire()`;

  before(async () => {
    events = (await runLab(fixture('sites/sites.lab.mjs'), { seed: 1, speed: 5 })).events;
    const site = events.find(
      (e): e is EventOf<'site'> =>
        e.kind === 'site' && e.file === HELPERS && e.line === taggedLine(HELPERS, 'helper-acquire'),
    )!;
    const acquire = events.find(
      (e): e is EventOf<'lock.acquire'> => e.kind === 'lock.acquire' && e.site === site.id,
    )!;
    const release = events.find(
      (e) => e.kind === 'lock.release' && e.proc === acquire.proc && e.seq > acquire.seq,
    )!;
    hold = { obj: acquire.obj, t: (acquire.t + release.t) / 2, site: site.id };
  });

  it('shows the call site on hover, and in VS Code reveals it on a click and on Enter', async () => {
    const page = await openLog(browser(), 'sites-vscode', events, 'en', undefined, fakeVsCodeApi);
    await hook(page, 'setView', hold.t - 20_000, hold.t + 20_000);
    await settle(page);
    const at = await onLockRow(page, hold.obj, hold.t);
    await page.mouse.move(at.x, at.y);
    await page.locator('#tl-tip').waitFor({ state: 'visible' });
    assert.ok((await page.locator('#tl-tip').textContent())!.includes(label));

    await page.mouse.click(at.x, at.y);
    const reveals = () =>
      page.evaluate(() =>
        (window as unknown as { __posted: { type: string }[] }).__posted.filter(
          (m) => m.type === 'revealSite',
        ),
      );
    assert.deepEqual(await reveals(), [
      { type: 'revealSite', runId: 'standalone', site: hold.site },
    ]);
    // The details name it as a link too, and Enter on the timeline asks again.
    assert.equal(await page.locator('#tl-details .tl-site-link').textContent(), `Code: ${label}`);
    await page.locator('canvas').focus();
    await page.keyboard.press('Enter');
    assert.equal((await reveals()).length, 2);
    await page.locator('#tl-details .tl-site-link').click();
    assert.equal((await reveals()).length, 3);
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  it('shows the call site as text in the standalone page, and asks for nothing', async () => {
    const page = await openLog(browser(), 'sites-standalone', events, 'zh-CN');
    await hook(page, 'setView', hold.t - 20_000, hold.t + 20_000);
    await settle(page);
    const at = await onLockRow(page, hold.obj, hold.t);
    await page.mouse.click(at.x, at.y);
    const details = (await page.locator('#tl-details').textContent())!;
    assert.ok(details.includes(`代码：${label}`), details);
    assert.equal(await page.locator('#tl-details .tl-site-link').count(), 0);
    const outbox = await page.evaluate(
      () => (window as unknown as { __timelineOutbox: { type: string }[] }).__timelineOutbox,
    );
    assert.deepEqual(
      outbox.filter((m) => m.type === 'revealSite'),
      [],
    );
    assert.deepEqual(page.errors, []);
    await page.close();
  });
});
