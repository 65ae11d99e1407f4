/**
 * Step mode in the timeline, with a real runner: each decision the runner asks shows as a bar and
 * as buttons on the lanes; a click, a digit or `n` / `r` / `u` goes back to the host as a `step`
 * message, which the host's StepControl (the extension's own code) passes on to the runner. The
 * file track follows every step; the finished run marks its steps, scrubs through them with `[`
 * and `]`, and forks from the playhead's step.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { StepControl } from '../../src/extension/stepControl';
import type { LabEvent } from '../../src/protocol/events';
import { DEFAULT_CONFIG, type StepChoice } from '../../src/protocol/host';
import type { FromWebview } from '../../src/protocol/webview';
import { RunnerClient } from '../../src/runnerClient/runnerClient';
import { DIST } from '../support/build';
import { canvasPixel, hook, openLog, settle, shot, useBrowser } from './browser';

const post = (page: Page, msg: unknown) => page.evaluate((m) => window.postMessage(m, '*'), msg);
const postCols = (page: Page, runId: string, cols: Uint8Array) =>
  page.evaluate(
    ([id, bytes]) =>
      window.postMessage({ type: 'batch', runId: id, cols: new Uint8Array(bytes) }, '*'),
    [runId, [...cols]] as const,
  );
/** What the page sent the host since the last call. */
const outbox = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __timelineOutbox: unknown[] };
    return w.__timelineOutbox.splice(0) as FromWebview[];
  });
const steps = (msgs: FromWebview[]) =>
  msgs.filter((m): m is Extract<FromWebview, { type: 'step' }> => m.type === 'step');

interface Row {
  kind: string;
  y: number;
  h: number;
  proc?: number;
}

describe('step mode in the timeline (headless Chromium, a real step-mode run)', function () {
  this.timeout(300_000);
  const browser = useBrowser();

  it('shows the choices on the lanes, answers by click and keys, and forks from a step', async () => {
    const page = await openLog(browser(), 'step-bar', []);
    const runId = 'step-1';
    await post(page, { type: 'load', runId, lang: 'en', mode: 'panel', events: [], live: true });
    const events: LabEvent[] = [];
    const asked: StepChoice[] = [];
    let chain = Promise.resolve();
    let answered = 0;
    const client = new RunnerClient(
      {
        runnerPath: join(DIST, 'runner.js'),
        config: { ...DEFAULT_CONFIG, lab: 'ticket-race', seed: 1, schedule: 'step' },
      },
      {
        onEvents: (batch) => {
          events.push(...batch.events);
          chain = chain.then(() => postCols(page, runId, batch.bytes));
        },
        onChoose: (choice) => control.ask(choice),
      },
    );
    const control = new StepControl(client, (choice) => {
      if (choice) asked.push(choice);
      chain = chain.then(() => post(page, { type: 'choose', runId, choice }));
    });
    client.start();
    let over = false;
    void client.done.then(() => (over = true));
    const nextQuestion = async (): Promise<StepChoice> => {
      while (asked.length <= answered) {
        if (over)
          throw new Error(
            `the run ended after ${answered} questions: ${JSON.stringify(await client.done)} ${JSON.stringify(events.slice(-5))}`,
          );
        await new Promise((r) => setTimeout(r, 20));
      }
      await chain;
      await settle(page);
      return asked[answered++];
    };
    const forward = async () => {
      for (const m of steps(await outbox(page))) control.answer(m.step, m.pick, m.proc);
    };

    // Step 1: a bar with every runnable process and its pending operation, the same on its lane.
    let choice = await nextQuestion();
    assert.equal(choice.step, 1);
    assert.match(await page.locator('.tl-stepbar strong').innerText(), /Step 1/);
    const barTexts = await page.locator('.tl-step-list button').allInnerTexts();
    assert.equal(barTexts.length, choice.runnable.length);
    choice.runnable.forEach((r, i) => {
      assert.ok(barTexts[i].includes(r.name) && barTexts[i].includes(r.op.en), barTexts[i]);
    });
    const rows = (await hook<{ rows: Row[] }>(page, 'layout')).rows;
    const canvasTop = (await page.locator('canvas').boundingBox())!.y;
    for (const r of choice.runnable) {
      const box = (await page
        .locator(`.tl-step-lanes button[data-proc="${r.proc}"]`)
        .boundingBox())!;
      const lane = rows.find((row) => row.kind === 'lane' && row.proc === r.proc)!;
      const mid = box.y + box.height / 2 - canvasTop;
      assert.ok(mid > lane.y && mid < lane.y + lane.h, `${r.name}'s button sits on its lane`);
    }
    // Step 1 has nothing to undo: u sends nothing.
    await page.keyboard.press('u');
    assert.deepEqual(steps(await outbox(page)), []);

    // A click on a lane button answers with that process; the bar goes.
    const clicked = choice.runnable.at(-1)!.proc;
    await page.locator(`.tl-step-lanes button[data-proc="${clicked}"]`).click();
    const sent = steps(await outbox(page));
    assert.deepEqual(sent, [{ type: 'step', runId, step: 1, pick: 'proc', proc: clicked }]);
    assert.equal(await page.locator('.tl-stepbar').isVisible(), false);
    control.answer(sent[0].step, sent[0].pick, sent[0].proc);

    // Digits and n answer too; blocked processes show greyed with their reason; the file track
    // shows what the last write put in data.json after every step.
    let sawBlocked = false;
    for (let i = 0; i < 40; i++) {
      choice = await nextQuestion();
      const blocked = await page
        .locator('.tl-stepbar .tl-step-waiting .tl-step-blocked')
        .allInnerTexts();
      assert.deepEqual(
        blocked,
        choice.blocked.map((b) => b.reason.en),
      );
      sawBlocked ||= blocked.length > 0;
      const written = events.some((e) => e.kind === 'file.write');
      await hook(page, 'setPlayhead', (await hook<{ tEnd: number }>(page, 'view')).tEnd);
      const fileState = /data\.json = [^\n]*?ticket_num"?: ?(\d)/.exec(
        await hook<string>(page, 'stateText'),
      );
      assert.equal(fileState?.[1], written ? '0' : '1', 'the file track shows the last write');
      if (i === 30) await shot(page, 'step-bar-live');
      await page.keyboard.press(i % 2 ? 'n' : String(choice.runnable.length));
      const [m] = steps(await outbox(page));
      assert.equal(m.step, choice.step);
      if (i % 2) assert.equal(m.pick, 'default');
      else assert.equal(m.proc, choice.runnable.at(-1)!.proc);
      control.answer(m.step, m.pick, m.proc);
    }
    assert.ok(sawBlocked, 'some step had a blocked (asleep) process');

    // u at a later step asks for an undo (the host forks; here the runner is not told).
    choice = await nextQuestion();
    await page.keyboard.press('u');
    assert.deepEqual(steps(await outbox(page)), [
      { type: 'step', runId, step: choice.step, pick: 'undo' },
    ]);
    // The host answered nothing, so the question is shown again; r runs to the end.
    await post(page, { type: 'choose', runId, choice });
    await settle(page);
    await page.keyboard.press('r');
    await forward();
    const end = await client.done;
    assert.equal(end.status, 'ok');
    await chain;
    await post(page, { type: 'ended', runId });
    await settle(page);
    assert.match(await hook<string>(page, 'banner'), /oversold/);

    // Steps are marked on their lanes; [ and ] move between them; fork asks for the playhead's step.
    const decisions = events.filter((e) => e.kind === 'sched.step');
    const view = await hook<{ t0: number; t1: number; tEnd: number }>(page, 'view');
    const total = decisions.length;
    await hook(page, 'setPlayhead', decisions[total - 1].t);
    const stepShown = async () =>
      Number(/Step (\d+) of (\d+)/.exec(await hook<string>(page, 'stateText'))?.[1]);
    assert.equal(await stepShown(), total);
    await page.keyboard.press('[');
    await page.keyboard.press('[');
    await settle(page);
    assert.equal(await stepShown(), total - 2, '[ twice: two steps back');
    await page.keyboard.press(']');
    await settle(page);
    assert.equal(await stepShown(), total - 1, '] one step on');
    void view;
    const fork = page.locator('.tl-fork');
    assert.match(await fork.innerText(), new RegExp(`after step ${total - 1}\\b`));
    await fork.click();
    assert.deepEqual(
      (await outbox(page)).filter((m) => m.type === 'fork'),
      [{ type: 'fork', runId, step: total - 1 }],
    );
    // The first decision's mark: a notch in the link colour at the bottom of the chosen lane.
    const first = decisions[0];
    if (first.kind !== 'sched.step') throw new Error('not a step');
    await hook(page, 'setView', first.t - 200_000, first.t + 200_000);
    await settle(page);
    const lay = await hook<{ gutter: number; width: number; rows: Row[] }>(page, 'layout');
    const lane = lay.rows.find((r) => r.kind === 'lane' && r.proc === first.chosen)!;
    const x = lay.gutter + lay.width / 2;
    const px = await canvasPixel(page, x, lane.y + lane.h - 3, '--tl-link');
    const near = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - b[i]) <= 4);
    assert.ok(near(px.at, px.want), `the step mark is drawn on its lane: ${px.at} vs ${px.want}`);
    const beside = await canvasPixel(page, x - 30, lane.y + lane.h - 3, '--tl-link');
    assert.ok(!near(beside.at, beside.want), 'beside the mark the lane has no link colour');
    await shot(page, 'step-bar-end');
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  it('words the hint for one choice when only one process can go on, in both languages', async () => {
    const op = { en: 'start Process-0', 'zh-CN': '启动进程0' };
    const one: StepChoice = {
      step: 1,
      runnable: [{ proc: 0, name: 'MainProcess', op }],
      blocked: [],
      fallback: 0,
    };
    const two: StepChoice = {
      ...one,
      step: 2,
      runnable: [...one.runnable, { proc: 1, name: 'Process-0', op }],
    };
    for (const lang of ['en', 'zh-CN'] as const) {
      const page = await openLog(browser(), `step-hint-${lang}`, [], lang);
      const runId = 'hint';
      await post(page, { type: 'load', runId, lang, mode: 'panel', events: [], live: true });
      const hint = async (choice: StepChoice) => {
        await post(page, { type: 'choose', runId, choice });
        await settle(page);
        return page.locator('.tl-step-hint').innerText();
      };
      assert.equal(
        await hint(one),
        lang === 'en'
          ? '1 or n goes on · r run to the end · u undo · [ ] move between steps'
          : '按 1 或 n 继续 · r 运行到结束 · u 撤销 · [ ] 在步骤间移动',
      );
      assert.match(await hint(two), lang === 'en' ? /^digits choose/ : /^数字选择/);
      assert.deepEqual(page.errors, []);
      await page.close();
    }
  });
});
