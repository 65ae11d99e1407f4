/**
 * The timeline's hover text in Chinese takes Chinese punctuation, as the rest of the Chinese UI
 * does: full-width brackets and commas, 、 between names ("等待锁（账户 A） — 于 10 µs，持续
 * 1.000 s", "持有锁：mutex、账户 A"); the English text keeps its own. Headless Chromium.
 */
import assert from 'node:assert/strict';
import type { UiLang } from '../../src/protocol/webview';
import { LogBuilder } from '../support/logBuilder';
import { hook, openLog, useBrowser } from './browser';

interface Row {
  kind: string;
  y: number;
  h: number;
  proc?: number;
}

describe('timeline hover text: punctuation of its language (headless Chromium)', function () {
  this.timeout(120_000);
  const browser = useBrowser();

  /** The hover text over process `proc`'s lane (or the first lock's track) at 0.5 s. */
  async function hovers(lang: UiLang): Promise<string[]> {
    const b = new LogBuilder().start().spawn(0, 'MainProcess').spawn(1, 'A').spawn(2, 'B');
    const acct = b.createLock('账户 A');
    const mutex = b.createLock('mutex');
    b.request(1, acct).acquire(1, acct).request(1, mutex).acquire(1, mutex);
    b.after(10).request(2, acct);
    b.after(1_000_000).release(1, acct).acquire(2, acct).release(2, acct).release(1, mutex);
    const events = b.after(100).exit(1).exit(2).exit(0).end().build();
    const page = await openLog(browser(), `hover-punctuation-${lang}`, events, lang);
    const lay = await hook<{ gutter: number; width: number; rows: Row[] }>(page, 'layout');
    const view = await hook<{ t0: number; t1: number }>(page, 'view');
    const box = (await page.locator('canvas').boundingBox())!;
    const x = box.x + lay.gutter + ((500_000 - view.t0) / (view.t1 - view.t0)) * lay.width;
    const out: string[] = [];
    for (const row of [
      lay.rows.find((r) => r.kind === 'lane' && r.proc === 1)!,
      lay.rows.find((r) => r.kind === 'lane' && r.proc === 2)!,
      lay.rows.find((r) => r.kind === 'lock')!,
    ]) {
      await page.mouse.move(x, box.y + row.y + (row.kind === 'lock' ? 6 : row.h / 2));
      const tip = page.locator('#tl-tip');
      await tip.waitFor({ state: 'visible' });
      out.push(await tip.innerText());
    }
    assert.deepEqual(page.errors, []);
    await page.close();
    return out;
  }

  it('in Chinese: full-width brackets and commas, 、 between names', async () => {
    const [a, b, lock] = await hovers('zh-CN');
    assert.match(a, /^A（pid 4001）\n/);
    assert.match(a, /运行中 — 于 0 µs，持续 1\.000 s\n/);
    assert.match(a, /持有锁：mutex、账户 A\n/);
    assert.match(b, /等待锁（账户 A） — 于 10 µs，持续 1\.000 s\n/);
    assert.match(lock, /持有者：A — 于 0 µs，持续 1\.000 s\n/);
    assert.doesNotMatch([a, b, lock].join('\n'), /, | \(/);
  });

  it('in English: as it was', async () => {
    const [a, b, lock] = await hovers('en');
    assert.match(a, /^A \(pid 4001\)\n/);
    assert.match(a, /holding lock: mutex, 账户 A\n/);
    assert.match(b, /waiting for lock \(账户 A\) — at 10 µs, for 1\.000 s\n/);
    assert.match(lock, /— at 0 µs, for 1\.000 s\n/);
  });
});
