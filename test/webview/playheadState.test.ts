/**
 * "At the playhead" for RLock, Semaphore, Event, Condition and Barrier (headless Chromium), from a
 * real run of a fixture that uses each under contention. The expected owner, depth, count, flag,
 * round, arrivals and waiters are read from the raw log (primitiveMoments.ts), not the model.
 */
import assert from 'node:assert/strict';
import type { LabEvent } from '../../src/protocol/events';
import type { UiLang } from '../../src/protocol/webview';
import { chineseProcessName } from '../../src/model/chineseText';
import { procNames } from '../support/events';
import { fixture, runLab } from '../support/runLab';
import { hook, openLog, settle, shot, useBrowser } from './browser';
import { firstMoment, objNamed } from './primitiveMoments';

describe('timeline webview: the primitives at the playhead (headless Chromium)', function () {
  this.timeout(300_000);
  const browser = useBrowser();
  let events: LabEvent[] = [];
  let name: (proc: number) => string = String;

  before(async () => {
    events = (await runLab(fixture('sync-contention.lab.mjs'), { seed: 1, schedule: 'random' }))
      .events;
    const names = procNames(events);
    name = (p) => names.get(p) ?? `Process ${p}`;
  });

  /** The text of the box titled `title` with the playhead at T, one line per row. */
  async function boxAt(lang: UiLang, title: string, T: number, picture?: string): Promise<string> {
    const page = await openLog(browser(), `playhead-${title}-${lang}`, events, lang);
    await hook(page, 'setPlayhead', T);
    await settle(page);
    // A box's first line is its name and what it is ("seats Semaphore").
    const boxes = await page.locator('#tl-state .tl-state-item').allInnerTexts();
    const text = boxes.find((b) => b.split('\n')[0].replace(/ \S+$/, '') === title) ?? '';
    if (picture) await shot(page, picture);
    // An own lab without words for its outcome: its title, not a bare "Finished".
    const banner = await hook<string>(page, 'banner');
    assert.equal(
      banner,
      lang === 'en' ? 'Primitives under contention: finished' : '竞争下的同步原语：运行结束',
    );
    assert.deepEqual(page.errors, []);
    await page.close();
    return text;
  }

  it('an RLock: its owner and how deep it holds it', async () => {
    const obj = objNamed(events, 'nested');
    const { T, seen } = firstMoment(events, obj, (s) => s.depth === 2 && s.waiting.length > 0);
    const text = await boxAt('en', 'nested', T);
    assert.match(text, /^nested RLock$/m);
    assert.match(text, new RegExp(`^owner: ${name(seen.owner)}$`, 'm'));
    assert.match(text, /^depth: 2$/m);
    assert.match(text, new RegExp(`^waiting: ${seen.waiting.map(name).join(' → ')}$`, 'm'));
  });

  it('a Semaphore: its count and its waiters, in English and Chinese', async () => {
    const obj = objNamed(events, 'seats');
    const { T, seen } = firstMoment(events, obj, (s) => s.waiting.length >= 2);
    const waiting = seen.waiting.map(name).join(' → ');
    const en = await boxAt('en', 'seats', T, 'playhead-primitives');
    assert.match(en, /^seats Semaphore$/m);
    assert.match(en, new RegExp(`^count: ${seen.level} of 3 free$`, 'm'));
    assert.match(en, new RegExp(`^waiting: ${waiting}$`, 'm'));
    const zh = await boxAt('zh-CN', 'seats', T, 'playhead-primitives-zh');
    assert.match(zh, new RegExp(`^计数：空闲 ${seen.level} / 3$`, 'm'));
    // The Chinese UI says Python's default names in Chinese: Process-2 is 进程2.
    const waitingZh = seen.waiting.map((p) => chineseProcessName(name(p))).join(' → ');
    assert.match(zh, new RegExp(`^等待中：${waitingZh}$`, 'm'));
  });

  it('an Event: clear with its waiters, then set', async () => {
    const obj = objNamed(events, 'start');
    const before = firstMoment(events, obj, (s) => s.waiting.length >= 3 && s.level === 0);
    const text = await boxAt('en', 'start', before.T);
    assert.match(text, /^start Event$/m);
    assert.match(text, /^flag: clear$/m);
    assert.match(text, new RegExp(`^waiting: ${before.seen.waiting.map(name).join(' → ')}$`, 'm'));
    const after = firstMoment(events, obj, (s) => s.level === 1);
    assert.match(await boxAt('en', 'start', after.T), /^flag: set$/m);
  });

  it('a Condition: who waits for a notify', async () => {
    const obj = objNamed(events, 'buffer changed');
    const { T, seen } = firstMoment(events, obj, (s) => s.waiting.length > 0);
    const text = await boxAt('en', 'buffer changed', T);
    assert.match(text, /^buffer changed Condition$/m);
    assert.match(text, new RegExp(`^waiting: ${seen.waiting.map(name).join(' → ')}$`, 'm'));
  });

  it('a Barrier: its round, its arrivals and who waits, not broken', async () => {
    const obj = objNamed(events, 'finish line');
    const { T, seen } = firstMoment(events, obj, (s) => s.gen === 1 && s.level === 2);
    const text = await boxAt('en', 'finish line', T);
    assert.match(text, /^finish line Barrier$/m);
    assert.match(text, /^round: 2$/m);
    assert.match(text, /^arrived: 2 of 4$/m);
    assert.match(text, new RegExp(`^waiting: ${seen.waiting.map(name).join(' → ')}$`, 'm'));
    assert.doesNotMatch(text, /broken/);
  });
});
