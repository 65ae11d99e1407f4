/** Controls from the keyboard, replay of a finished run, and redraw on a theme change. */
import assert from 'node:assert/strict';
import type { LabEvent } from '../../src/protocol/events';
import { runLab } from '../support/runLab';
import { hook, openLog, useBrowser } from './browser';

interface View {
  t0: number;
  t1: number;
  follow: boolean;
  playhead: number;
  tEnd: number;
}

describe('timeline webview controls (headless Chromium)', function () {
  this.timeout(180_000);
  const browser = useBrowser();
  let events: LabEvent[];
  before(async () => {
    events = (await runLab('ipc', { speed: 10, seed: 3 })).events;
  });

  it('every control is a labelled button reachable with Tab; keys zoom, pan and fit', async () => {
    const page = await openLog(browser(), 'controls', events);
    const labels = await page
      .locator('.tl-toolbar button, .tl-toolbar select')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    assert.ok(labels.length >= 6 && labels.every((l) => l && l.length > 0), JSON.stringify(labels));
    // A sighted user sees each button's key in its tooltip; assistive technology reads it too.
    const keys = await page
      .locator('.tl-toolbar [aria-keyshortcuts]')
      .evaluateAll((els) =>
        els.map((e) => [e.getAttribute('aria-keyshortcuts'), e.getAttribute('title')]),
      );
    assert.deepEqual(keys, [
      ['L', 'Follow live (L)'],
      ['Space', 'Replay (Space)'],
      ['+', 'Zoom in (+)'],
      ['-', 'Zoom out (-)'],
      ['F', 'Fit all (F)'],
    ]);
    // Tab from the top reaches the zoom-in button; Enter activates it.
    let focused = '';
    for (let i = 0; i < 12 && focused !== 'Zoom in'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    }
    assert.equal(focused, 'Zoom in');
    const before = await hook<View>(page, 'view');
    await page.keyboard.press('Enter');
    const zoomed = await hook<View>(page, 'view');
    assert.ok(zoomed.t1 - zoomed.t0 < (before.t1 - before.t0) * 0.8, 'zoomed in');
    await page.locator('canvas').focus();
    await page.keyboard.press('ArrowRight');
    const panned = await hook<View>(page, 'view');
    assert.ok(panned.t0 > zoomed.t0, 'panned right');
    await page.keyboard.press('-');
    const out = await hook<View>(page, 'view');
    assert.ok(out.t1 - out.t0 > panned.t1 - panned.t0, 'zoomed out');
    await page.keyboard.press('f');
    const fit = await hook<View>(page, 'view');
    assert.ok(fit.t0 <= events[0].t && fit.t1 >= fit.tEnd, 'fit all shows the whole run');
    await page.keyboard.press(',');
    assert.ok(
      (await hook<View>(page, 'view')).playhead < fit.playhead,
      'comma steps the playhead back one event',
    );
    await page.close();
  });

  it('replays a finished run from the start and stops at the end', async () => {
    const page = await openLog(browser(), 'replay', events);
    const tEnd = (await hook<View>(page, 'view')).tEnd;
    await page.locator('.tl-speed').selectOption('0.25');
    // Click and read in the same task, before any frame advances it: the playhead restarts at the
    // beginning and the button says Pause (the whole replay takes only ~250 ms at this speed, so a
    // later read may already see its end).
    const { started, label } = await page.evaluate(() => {
      const play = document.querySelector('.tl-play') as HTMLButtonElement;
      play.click();
      return {
        started: (window as unknown as { __timeline: { view(): View } }).__timeline.view().playhead,
        label: play.getAttribute('aria-label'),
      };
    });
    assert.equal(started, events[0].t, 'the playhead went back to the start');
    assert.equal(label, 'Pause');
    await page.waitForFunction(
      (t) => (window as unknown as { __timeline: { view(): View } }).__timeline.view().playhead > t,
      started,
      { timeout: 30_000 },
    );
    await page.locator('.tl-speed').selectOption('8');
    await page.waitForFunction(
      (end) =>
        (window as unknown as { __timeline: { view(): View } }).__timeline.view().playhead >= end,
      tEnd,
      { timeout: 60_000 },
    );
    assert.equal(
      await page.locator('.tl-play').getAttribute('aria-label'),
      'Replay',
      'back to a play button at the end',
    );
    await page.close();
  });

  it('redraws when the theme changes', async () => {
    const page = await openLog(browser(), 'theme', events);
    const n = (await hook<number[]>(page, 'frameTimes')).length;
    await page.evaluate(() => document.body.classList.add('vscode-high-contrast'));
    await page.waitForFunction(
      (k) =>
        (window as unknown as { __timeline: { frameTimes(): number[] } }).__timeline.frameTimes()
          .length > k,
      n,
    );
    await page.close();
  });

  it('composites translucent theme colours over the background (no black rows)', async () => {
    // VS Code themes often give list backgrounds alpha; a pixel row must not turn them opaque black.
    const init = `document.addEventListener('DOMContentLoaded', () => {
      const s = document.documentElement.style;
      s.setProperty('--vscode-editor-background', '#ffffff');
      s.setProperty('--vscode-editor-foreground', '#333333');
      s.setProperty('--vscode-list-hoverBackground', 'rgba(0, 0, 0, 0.04)');
      s.setProperty('--vscode-disabledForeground', 'rgba(97, 97, 97, 0.5)');
    });`;
    const page = await openLog(browser(), 'theme-translucent', events, 'en', undefined, init);
    await hook(page, 'redraw');
    const black = await page.evaluate(() => {
      const c = document.querySelector('canvas')!;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4)
        if (d[i] === 0 && d[i + 1] === 0 && d[i + 2] === 0 && d[i + 3] === 255) n++;
      return n;
    });
    assert.equal(black, 0, 'no opaque black pixels from translucent colours');
    await page.close();
  });
});
