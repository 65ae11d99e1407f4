/**
 * The Explore panel app in headless Chromium, fed by the extension's own jobs (ExploreJob,
 * RealtimeBatch) running a real runner: the question comes first, the prediction goes back to the
 * host, the bars add up to the runs, failing outcomes are painted in the theme's error colour, a
 * bar asks for its own example run (a real .labrun of that outcome), both histograms stand side by
 * side, and a cancelled exploration leaves no process behind.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { ExploreJob, RealtimeBatch, type JobSetting } from '../../src/extension/exploreRuns';
import { builtinLabInfo } from '../../src/labs/info/builtinLabs';
import type { EventOf, Json } from '../../src/protocol/events';
import type { FromExplorePanel, Histogram, ToExplorePanel } from '../../src/protocol/explorePanel';
import { parseJsonl } from '../../src/protocol/jsonl';
import type { UiLang } from '../../src/protocol/webview';
import { exactOutcomes, outcomeClass, outcomeOf } from '../../src/model/exploreOutcomes';
import { markedProcesses, CAN_SWEEP } from '../../src/processTree/runSweep';
import { DIST } from '../support/build';
import { OUT, settle, useBrowser } from './browser';

const PREDICT = builtinLabInfo('ticket-race')!.predict!;

async function openPanel(browser: Browser, name: string, init = ''): Promise<Page> {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, `${name}.html`);
  writeFileSync(
    file,
    `<!DOCTYPE html><html><head><meta charset="UTF-8">
<link rel="stylesheet" href="${pathToFileURL(join(DIST, 'explore.css')).href}">
<script>${init}</script></head>
<body data-mode="explore"><div id="app"></div>
<script src="${pathToFileURL(join(DIST, 'explore.js')).href}"></script></body></html>`,
  );
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction(() => 'exploreOutbox' in window || '__exploreOutbox' in window);
  assert.deepEqual(errors, []);
  return page;
}

// The message goes as plain JSON: its type is checked here, its shape by the page.
const post = (page: Page, msg: ToExplorePanel) =>
  page.evaluate((m) => window.postMessage(JSON.parse(m), '*'), JSON.stringify(msg));
const outbox = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __exploreOutbox: unknown[] }).__exploreOutbox.splice(0),
  ) as Promise<FromExplorePanel[]>;

/** The bars as drawn: outcome index, count, failed, predicted, and the fill's colour. */
const bars = (page: Page, kind: string) =>
  page.$$eval(`.xp-histogram[data-kind="${kind}"] .xp-bar`, (rows) =>
    rows.map((r) => ({
      bar: Number((r as HTMLElement).dataset.bar),
      count: Number((r as HTMLElement).dataset.count),
      failed: (r as HTMLElement).dataset.failed === 'true',
      predicted: (r as HTMLElement).dataset.predicted === 'true',
      fill: getComputedStyle(r.querySelector('.xp-fill')!).backgroundColor,
      label: r.querySelector('.xp-label')!.textContent,
      title: r.querySelector('.xp-label')!.getAttribute('title'),
    })),
  );

/** A panel in `lang` that skipped the prediction, showing `histogram` as the explored one. */
async function showHistogram(browser: Browser, name: string, lang: UiLang, histogram: Histogram) {
  const page = await openPanel(browser, name);
  await post(page, {
    type: 'setup',
    lang,
    lab: 'ticket-race',
    predict: PREDICT,
    exploreRuns: histogram.total,
    realtimeRuns: 3,
    prediction: null,
  });
  await post(page, { type: 'histogram', histogram });
  await settle(page);
  return page;
}

/** The colour a CSS variable resolves to on the page, as computed style writes it. */
const resolved = (page: Page, cssVar: string) =>
  page.evaluate((v) => {
    const probe = document.createElement('span');
    probe.style.color = `var(${v})`;
    document.body.append(probe);
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
  }, cssVar);

function jobSetting(dir: string, page: Page, sent: Histogram[]): JobSetting {
  return {
    runnerPath: join(DIST, 'runner.js'),
    lab: 'ticket-race',
    seed: 3,
    lang: 'en',
    dir,
    onUpdate: (histogram) => {
      sent.push(histogram);
      void post(page, { type: 'histogram', histogram });
    },
  };
}

describe('the Explore panel (headless Chromium, real runners)', function () {
  this.timeout(300_000);
  const browser = useBrowser();
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'explore-panel-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('asks first, then shows the runs as bars that add up, failing ones in the error colour', async () => {
    const page = await openPanel(browser(), 'explore-panel');
    assert.deepEqual(await outbox(page), [{ type: 'ready' }]);
    const setup: ToExplorePanel = {
      type: 'setup',
      lang: 'en',
      lab: 'Ticket race (no lock)',
      predict: PREDICT,
      exploreRuns: 40,
      realtimeRuns: 3,
    };
    await post(page, setup);
    await settle(page);
    const choices = await page.$$eval('.xp-choice', (b) => b.map((x) => x.textContent));
    assert.deepEqual(choices, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    assert.equal(await page.locator('.xp-histogram').count(), 0, 'nothing runs before the answer');
    await page.click('.xp-choice[data-choice="1"]');
    assert.deepEqual(await outbox(page), [{ type: 'predict', choice: 1 }]);
    await post(page, { ...setup, prediction: 1 });

    const sent: Histogram[] = [];
    const job = new ExploreJob(jobSetting(join(dir, 'explore'), page, sent), {
      strategy: 'random',
      depth: 2,
      runs: 40,
      bound: 1,
    });
    const final = await job.done;
    await settle(page);
    assert.equal(final.phase, 'done');
    assert.ok(sent.length >= 2, 'progress came before the end');
    const drawn = await bars(page, 'explore');
    assert.equal(
      drawn.reduce((n, b) => n + b.count, 0),
      40,
      'the bars add up to the runs',
    );
    assert.equal(drawn.length, final.bars.length);
    const error = await resolved(page, '--xp-fail');
    const pass = await resolved(page, '--xp-pass');
    for (const b of drawn) {
      assert.equal(b.failed, final.bars[b.bar].failed);
      assert.equal(b.fill, b.failed ? error : pass, `bar ${b.label}`);
      // A label cut short says itself whole on hover, then the exact outcomes its class holds.
      const [whole, ...exactLines] = (b.title ?? '').split('\n');
      assert.equal(whole, b.label);
      const exact = exactOutcomes(final.bars[b.bar].exact);
      assert.equal(
        exact.reduce((n, x) => n + x.count, 0),
        b.count,
        `bar ${b.label}: its exact outcomes add up to its runs`,
      );
      for (const x of exact)
        assert.deepEqual(outcomeClass(x.outcome), final.bars[b.bar].outcome, `bar ${b.label}`);
      const folds = exact.some(
        (x) => JSON.stringify(x.outcome) !== JSON.stringify(final.bars[b.bar].outcome),
      );
      assert.equal(exactLines.length, folds ? exact.length : 0, b.title ?? '');
      // No bar fragments by crash count: a crash is one class, "some buyer crashed".
      assert.doesNotMatch(b.label ?? '', /\d+ crashed/, b.label ?? '');
      // The prediction names the sales alone: a run with a crashed buyer that sold 1 matches it.
      const soldOne = (final.bars[b.bar].outcome as { sold?: number }).sold === 1;
      assert.equal(b.predicted, soldOne, `bar ${b.label} is marked exactly when it sold 1`);
    }
    assert.ok(
      drawn.some((b) => b.failed),
      'ticket-race oversells under some schedule',
    );
    const verdict = await page.textContent('.xp-histogram[data-kind="explore"] .xp-verdict');
    const came = drawn.find((b) => b.predicted);
    assert.match(
      verdict ?? '',
      came
        ? /You predicted 1: it happened in \d+ of 40 runs/
        : /You predicted 1: no run ended that way/,
    );
    assert.match(
      (await page.textContent('.xp-failure')) ?? '',
      /Failure found: oversold: \d+ tickets sold/,
    );

    // A bar asks for its own example: a real run that ended with that bar's outcome.
    const pick = drawn[drawn.length - 1];
    await page.click(`.xp-bar[data-bar="${pick.bar}"]`);
    assert.deepEqual(await outbox(page), [{ type: 'openExample', kind: 'explore', bar: pick.bar }]);
    const example = job.exampleFile(pick.bar)!;
    const { events } = parseJsonl(readFileSync(example, 'utf8'));
    const end = events.at(-1) as EventOf<'run.end'>;
    assert.deepEqual(outcomeClass(outcomeOf(end)), final.bars[pick.bar].outcome);
    assert.ok(existsSync(job.failureFile()!), 'the shrunk failing run is written');
    await page.click('.xp-open-failure');
    assert.deepEqual(await outbox(page), [{ type: 'openFailure' }]);

    // Real time beside it: the two histograms side by side.
    await page.click('.xp-run[data-kind="realtime"]');
    assert.deepEqual(await outbox(page), [{ type: 'run', kind: 'realtime' }]);
    const batch = new RealtimeBatch(jobSetting(join(dir, 'realtime'), page, []), 3, 20);
    const real = await batch.done;
    await settle(page);
    const realBars = await bars(page, 'realtime');
    assert.equal(
      realBars.reduce((n, b) => n + b.count, 0),
      3,
    );
    assert.equal(real.runs, 3);
    const boxes = await page.$$eval('.xp-histogram', (s) =>
      s.map((x) => x.getBoundingClientRect()).map((r) => ({ left: r.left, top: r.top })),
    );
    assert.equal(boxes.length, 2);
    assert.equal(boxes[0].top, boxes[1].top, 'side by side');
    assert.ok(boxes[1].left > boxes[0].left + 300);
    await page.screenshot({ path: join(OUT, 'explore-panel.png'), fullPage: true });
    await page.close();
  });

  it('a bar that folds several exact outcomes lists them on hover, in both languages', async () => {
    const crashedClass = { tickets: 1, sold: 4, crashed: true };
    const histogram: Histogram = {
      kind: 'explore',
      runs: 6,
      total: 6,
      strategy: 'random',
      phase: 'done',
      stopped: false,
      exhausted: false,
      bars: [
        {
          outcome: crashedClass,
          count: 5,
          failed: true,
          example: false,
          exact: [
            { outcome: { tickets: 1, sold: 4, crashed: 2 }, count: 4 },
            { outcome: { tickets: 1, sold: 4, crashed: 1 }, count: 1 },
          ],
        },
        {
          outcome: { tickets: 1, sold: 1 },
          count: 1,
          failed: false,
          example: false,
          exact: [{ outcome: { tickets: 1, sold: 1 }, count: 1 }],
        },
      ],
      failure: null,
    };
    const expected = {
      en: [
        [
          '1 ticket, 4 sold, some buyer crashed on a torn read — oversold',
          '  1 ticket, 4 sold, 2 crashed on a torn read — oversold: 4 runs',
          '  1 ticket, 4 sold, 1 crashed on a torn read — oversold: 1 run',
        ],
        ['1 ticket, 1 sold'],
      ],
      'zh-CN': [
        [
          '1 张票，卖出 4 张，有买家读到残缺文件而崩溃 — 超卖',
          '  1 张票，卖出 4 张，2 个进程读到残缺文件而崩溃 — 超卖：4 次',
          '  1 张票，卖出 4 张，1 个进程读到残缺文件而崩溃 — 超卖：1 次',
        ],
        ['1 张票，卖出 1 张'],
      ],
    } as const;
    for (const lang of ['en', 'zh-CN'] as const) {
      const page = await showHistogram(browser(), `explore-exact-${lang}`, lang, histogram);
      const drawn = await bars(page, 'explore');
      const byBar = [...drawn].sort((a, b) => a.bar - b.bar);
      assert.deepEqual(
        byBar.map((b) => (b.title ?? '').split('\n')),
        expected[lang],
        `${lang}: ${JSON.stringify(byBar)}`,
      );
      assert.deepEqual(
        byBar.map((b) => b.label),
        expected[lang].map((lines) => lines[0]),
      );
      await page.close();
    }
  });

  it('lists the passing class first, then failures by class, as the CLI does', async () => {
    const bar = (outcome: Json, count: number, failed: boolean) => ({
      outcome,
      count,
      failed,
      example: false,
    });
    const histogram: Histogram = {
      kind: 'explore',
      runs: 20,
      total: 20,
      strategy: 'random',
      phase: 'done',
      stopped: false,
      exhausted: false,
      bars: [
        bar({ produced: 10, consumed: 9 }, 8, true),
        bar('deadlock', 5, true),
        bar({ produced: 10, consumed: 10 }, 1, false),
        bar({ produced: 10, consumed: 8 }, 6, true),
      ],
      failure: null,
    };
    const page = await showHistogram(browser(), 'explore-order', 'en', histogram);
    const drawn = await bars(page, 'explore');
    assert.deepEqual(
      drawn.map((b) => [b.bar, b.label]),
      [
        [2, '10 produced, 10 consumed'],
        [3, '10 produced, 8 consumed — 2 never consumed'],
        [0, '10 produced, 9 consumed — 1 never consumed'],
        [1, 'Deadlock'],
      ],
    );
    await page.close();
  });

  it('a cancelled exploration ends as stopped and leaves no process of its run', async () => {
    const page = await openPanel(browser(), 'explore-cancel');
    const sent: Histogram[] = [];
    const job = new ExploreJob(jobSetting(join(dir, 'cancel'), page, sent), {
      strategy: 'random',
      depth: 2,
      runs: 100_000,
      bound: 1,
    });
    await new Promise<void>((resolve) => {
      const wait = setInterval(() => {
        if (sent.some((h) => h.runs > 0)) {
          clearInterval(wait);
          resolve();
        }
      }, 50);
    });
    job.cancel();
    const end = await job.done;
    assert.equal(end.stopped, true);
    assert.equal(end.phase, 'done');
    assert.ok(end.runs < 100_000);
    if (CAN_SWEEP) assert.deepEqual(markedProcesses(job.runId), []);
    await page.close();
  });
});
