/**
 * The timeline of the value-counter and pipe-ping-pong labs in headless Chromium: the Value's and
 * the Pipe's tracks are drawn (screenshots under test-output/webview), and "At the playhead"
 * shows the Value's value and last writer, and the messages in the Pipe and who waits in recv(),
 * as read from the raw log here, not through the model.
 */
import assert from 'node:assert/strict';
import type { LabEvent } from '../../src/protocol/events';
import type { UiLang } from '../../src/protocol/webview';
import { ofKind, procNames } from '../support/events';
import { runLab } from '../support/runLab';
import { hook, openLog, settle, shot, useBrowser } from './browser';

describe('timeline webview: Value and Pipe (headless Chromium)', function () {
  this.timeout(300_000);
  const browser = useBrowser();

  async function boxAt(
    events: LabEvent[],
    lang: UiLang,
    title: string,
    T: number,
    picture: string,
  ): Promise<string> {
    const page = await openLog(browser(), `${picture}-${lang}`, events, lang);
    await hook(page, 'setPlayhead', T);
    await settle(page);
    const boxes = await page.locator('#tl-state .tl-state-item').allInnerTexts();
    await shot(page, `${picture}-${lang}`);
    assert.deepEqual(page.errors, []);
    await page.close();
    // A box's first line is its name and what it is ("visitors Value('i')").
    const box = boxes.find((b) => b.split('\n')[0].replace(/ \S+$/, '') === title);
    return box ?? boxes.join(' | ');
  }

  it('a Value: its value at the playhead and who wrote it, in English and Chinese', async () => {
    const { events } = await runLab('value-counter', { seed: 1, schedule: 'random' });
    const names = procNames(events);
    const sets = ofKind(events, 'value.set');
    const tenth = sets[9];
    // Half-way to the next event: after the tenth write, before anything else happens.
    const next = events.find((e) => e.seq > tenth.seq && e.t > tenth.t);
    const T = next ? (tenth.t + next.t) / 2 : tenth.t;
    const en = await boxAt(events, 'en', 'visitors', T, 'value-counter');
    assert.match(en, /^visitors Value\('i'\)$/m);
    assert.match(en, new RegExp(`^value: ${tenth.value}$`, 'm'));
    assert.match(en, new RegExp(`^written by: ${names.get(tenth.proc)}$`, 'm'));
    const zh = await boxAt(events, 'zh-CN', 'visitors', T, 'value-counter');
    assert.match(zh, new RegExp(`^值：${tenth.value}$`, 'm'));
    assert.match(zh, new RegExp(`^最后写入：${names.get(tenth.proc)}$`, 'm'));
  });

  it('a Pipe: the messages in it and who waits in recv()', async () => {
    const { events } = await runLab('pipe-ping-pong', { seed: 1, schedule: 'random' });
    const names = procNames(events);
    // A moment when a player waits in recv(): half-way through its wait.
    const wait = ofKind(events, 'pipe.recv.wait').find((w) =>
      ofKind(events, 'pipe.recv').some((r) => r.proc === w.proc && r.t > w.t),
    )!;
    const got = ofKind(events, 'pipe.recv').find((r) => r.proc === wait.proc && r.t > wait.t)!;
    const T = (wait.t + got.t) / 2;
    let inPipe = 0;
    const waiting: number[] = [];
    for (const e of events) {
      if (e.t > T) break;
      if (e.kind === 'pipe.send') inPipe++;
      if (e.kind === 'pipe.recv') inPipe--;
      if (e.kind === 'pipe.recv.wait') waiting.push(e.proc);
      if (e.kind === 'pipe.recv' || e.kind === 'pipe.eof')
        waiting.splice(waiting.indexOf(e.proc), 1);
    }
    assert.ok(waiting.includes(wait.proc));
    const en = await boxAt(events, 'en', 'table', T, 'pipe-ping-pong');
    assert.match(en, /^table Pipe$/m);
    assert.match(en, new RegExp(`^messages in it: ${inPipe}$`, 'm'));
    const who = waiting.length ? waiting.map((p) => names.get(p)).join(' → ') : 'none';
    assert.match(en, new RegExp(`^waiting: ${who}$`, 'm'));
  });
});
