/**
 * The timeline in Chinese names Python's processes (and the runtime's default names) as the rest of
 * the Chinese UI does: MainProcess is 主进程 and Process-N is 进程N on the canvas (lane labels, lock
 * holders), in the panel and in the print list (headless Chromium, a real run). What a process
 * printed stays as it printed it. The lock the lab left unnamed, Lock 1 in the log, is 锁 1; a
 * lab's own words that read "Lock 1" are shown as the lab wrote them.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { LabEvent } from '../../src/protocol/events';
import type { UiLang } from '../../src/protocol/webview';
import { fixture, runLab } from '../support/runLab';
import { hook, openLog, settle, shot, useBrowser } from './browser';

/** Records every text the page draws on a canvas, so a test can read the canvas's words. */
const RECORD_CANVAS_TEXT = `
  window.__drawnTexts = [];
  const fill = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
    window.__drawnTexts.push(String(text));
    return fill.call(this, text, ...rest);
  };
`;

const drawnTexts = (page: Page) =>
  page.evaluate(() => (window as unknown as { __drawnTexts: string[] }).__drawnTexts);

describe('timeline webview: process names in Chinese (headless Chromium)', function () {
  this.timeout(300_000);
  const browser = useBrowser();
  let events: LabEvent[] = [];
  let printed: string[] = [];
  /** A moment when Process-1 or Process-2 holds the lock and the other waits for it. */
  let contended = 0;

  before(async () => {
    events = (await runLab(fixture('default-names.lab.mjs'), { seed: 1, speed: 10 })).events;
    printed = events.flatMap((e) => (e.kind === 'log' ? [e.text] : []));
    const acquires = events.filter((e) => e.kind === 'lock.acquire');
    // The second acquire waited: just before it, its process was waiting and the other held.
    contended = acquires[1].t - 1;
  });

  async function open(lang: UiLang): Promise<Page & { errors: string[] }> {
    const page = await openLog(
      browser(),
      `names-${lang}`,
      events,
      lang,
      { width: 1280, height: 700 },
      RECORD_CANVAS_TEXT,
    );
    await hook(page, 'setPlayhead', contended);
    await settle(page);
    return page;
  }

  it('English keeps the names the processes have (the recorder sees the lane labels)', async () => {
    const page = await open('en');
    const drawn = await drawnTexts(page);
    for (const name of ['MainProcess', 'Process-1', 'Process-2', 'Lock 1'])
      assert.ok(
        drawn.some((t) => t.includes(name)),
        `${name} drawn: ${drawn.join(' | ')}`,
      );
    assert.ok(!drawn.some((t) => t.includes('锁')), drawn.join(' | '));
    const state = await hook<string>(page, 'stateText');
    assert.match(state, /Lock 1/, state);
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  it('Chinese says 主进程 and 进程N on the canvas, in the panel and in the print list', async () => {
    const page = await open('zh-CN');
    await shot(page, 'names-zh-CN');
    const drawn = await drawnTexts(page);
    for (const name of ['主进程', '进程1', '进程2'])
      assert.ok(drawn.includes(name), `lane label ${name} drawn: ${drawn.join(' | ')}`);
    // An exit's reason in full-width brackets, as Chinese text has them: 退出 0（正常返回）.
    assert.ok(
      drawn.some((t) => t.includes('退出 0（正常返回）')),
      drawn.join(' | '),
    );
    assert.ok(!drawn.some((t) => t.includes('(正常返回)')), drawn.join(' | '));
    const notPrinted = (t: string) => !printed.some((line) => line.includes(t) || t.includes(line));
    const english = drawn.filter((t) => /MainProcess|Process-\d/.test(t) && notPrinted(t));
    assert.deepEqual(english, [], 'no English default name drawn');

    // The lock's row on the canvas and its box in the panel: 锁 1, never Lock 1.
    assert.ok(drawn.includes('锁 1'), `lock row 锁 1 drawn: ${drawn.join(' | ')}`);
    assert.ok(!drawn.some((t) => /\bLock \d/.test(t)), drawn.join(' | '));
    const state = await hook<string>(page, 'stateText');
    assert.match(state, /进程[12]/, state);
    assert.match(state, /锁 1/, state);
    assert.doesNotMatch(state, /MainProcess|Process-\d|Lock \d/, state);

    const prints = await page.locator('.tl-print').allInnerTexts();
    assert.equal(prints.length, printed.length, prints.join('\n'));
    for (const line of printed)
      assert.ok(
        prints.some((p) => p.endsWith(line)),
        `"${line}" listed as printed: ${prints.join('\n')}`,
      );
    const who = await page.locator('.tl-print-at').allInnerTexts();
    assert.deepEqual(
      who.map((w) => w.split(' · ')[1]).sort(),
      ['主进程', '进程1', '进程2'],
      who.join('\n'),
    );
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  it("shows a lab's own words that read Lock 1 as written, the runner's Lock 1 as 锁 1", async () => {
    const own = (await runLab(fixture('own-words.lab.mjs'), { seed: 1, speed: 10 })).events;
    const page = await openLog(browser(), 'own-words-zh-CN', own, 'zh-CN');
    assert.equal(await hook<string>(page, 'banner'), '菜谱里的 Lock 1：1 位厨师放弃了');
    const findings = (await page.locator('.tl-findings').textContent())!;
    assert.match(findings, /锁 1：1 个进程需要等待/, findings);
    assert.doesNotMatch(findings, /Lock \d/, findings);
    assert.deepEqual(page.errors, []);
    await page.close();
  });
});
