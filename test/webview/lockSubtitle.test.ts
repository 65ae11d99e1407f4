/**
 * The subtitle under a lock's name in the gutter: how many processes waited for it at most, and
 * for a lock no one waited for, that no one did (not "at most 0 waiting"). Headless Chromium.
 */
import assert from 'node:assert/strict';
import { LogBuilder } from '../support/logBuilder';
import { openLog, useBrowser } from './browser';

/** Records every text drawn on a canvas. */
const RECORD_TEXT = `
  window.__texts = [];
  const fill = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
    window.__texts.push(String(text));
    return fill.call(this, text, ...rest);
  };
`;

describe('timeline gutter: a lock’s subtitle (headless Chromium)', function () {
  this.timeout(120_000);
  const browser = useBrowser();

  for (const [lang, waited, none] of [
    ['en', 'Lock · at most 1 waiting', 'Lock · no one waited'],
    ['zh-CN', '锁 · 最多 1 个在等', '锁 · 没有进程等过'],
  ] as const)
    it(`says how many waited at most, and "no one" rather than "0" (${lang})`, async () => {
      const b = new LogBuilder().start().spawn(0, 'MainProcess').spawn(1, 'A').spawn(2, 'B');
      const busy = b.createLock('busy');
      const quiet = b.createLock('quiet');
      b.request(1, busy).acquire(1, busy).request(2, busy);
      b.after(1000).release(1, busy).acquire(2, busy).release(2, busy);
      b.request(1, quiet).acquire(1, quiet).release(1, quiet);
      const events = b.after(100).exit(1).exit(2).exit(0).end().build();
      const page = await openLog(
        browser(),
        `lock-subtitle-${lang}`,
        events,
        lang,
        undefined,
        RECORD_TEXT,
      );
      const texts = (await page.evaluate('window.__texts')) as string[];
      assert.ok(texts.includes(waited), `"${waited}" among ${JSON.stringify(texts)}`);
      assert.ok(texts.includes(none), `"${none}" among ${JSON.stringify(texts)}`);
      assert.ok(!texts.some((t) => /at most 0|最多 0/.test(t)), JSON.stringify(texts));
      assert.deepEqual(page.errors, []);
      await page.close();
    });
});
