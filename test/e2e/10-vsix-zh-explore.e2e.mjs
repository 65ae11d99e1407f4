// The packaged .vsix in Chinese (zh-cn): Explore ticket-race, then open an oversold run from its
// histogram in the timeline. Both panels read as Chinese: their words, full-width colons after
// Chinese words, and the buyers' names (进程3) without spaces around them in the narration.
// Pictures of both are kept for a person to look at.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  painted,
  pickQuickItem,
  runFromPalette,
  screenshot,
  until,
  waitForFrame,
  webviewTextProbe,
} from './workbench.mjs';

export const phase = 'vsix';
export const title = 'Installed .vsix in Chinese: Explore ticket-race and an oversold run';

const RUNS = 30;

/** What Chinese text must not hold: an ASCII colon after Chinese, a space beside 进程N. */
const STRAY = [
  [/[\u4e00-\u9fff] ?:/, 'an ASCII colon after a Chinese word'],
  [/[\u4e00-\u9fff，。；] +进程\d/, 'a space before a name'],
  [/进程\d+ +[\u4e00-\u9fff，。；]/, 'a space after a name'],
];

function assertChinese(text, where) {
  for (const [bad, what] of STRAY) {
    const hit = bad.exec(text);
    if (hit)
      throw new Error(
        `${where}: ${what}: "${text.slice(Math.max(0, hit.index - 30), hit.index + 30)}"`,
      );
  }
}

/** Evaluated in a frame: the Explore panel's state, or null. */
function exploreProbe() {
  if (document.body.dataset.mode !== 'explore') return null;
  const box = document.querySelector('.xp-histogram[data-kind="explore"]');
  return {
    choices: document.querySelectorAll('.xp-choice').length,
    phase: box?.dataset.phase ?? 'none',
    failing: [...(box?.querySelectorAll('.xp-bar[data-failed="true"]') ?? [])].map(
      (b) => b.dataset.bar,
    ),
    text: document.body.innerText,
  };
}

export async function scenario({ page, outDir, workspace }) {
  const settings = join(workspace, '.vscode', 'settings.json');
  writeFileSync(settings, JSON.stringify({ 'concurrencyLabs.explore.runs': RUNS }));
  try {
    // No secondary side bar: the panels get the width. (The test pack translates nothing of
    // VS Code itself, so its own commands keep their English titles.)
    if (await page.locator('.part.auxiliarybar').isVisible())
      await runFromPalette(page, 'View: Toggle Secondary Side Bar Visibility').catch(() => {});
    await runFromPalette(page, '并发实验室: 探索实验…', { timeout: 45_000 });
    await pickQuickItem(page, 'ticket-race');
    const asked = await waitForFrame(page, exploreProbe, (s) => s.choices === 11, {
      timeout: 60_000,
      what: 'the Explore panel asking for a prediction, in Chinese',
    });
    if (!/先预测/.test(asked.value.text)) throw new Error(`not Chinese: ${asked.value.text}`);
    await asked.frame.locator('.xp-choice[data-choice="1"]').click();
    const { frame, value } = await waitForFrame(page, exploreProbe, (s) => s.phase === 'done', {
      timeout: 240_000,
      what: 'the exploration to finish',
    });
    if (!/你的预测：1/.test(value.text) || !/找到失败：/.test(value.text))
      throw new Error(`the panel does not say it in Chinese: ${value.text.slice(0, 1500)}`);
    assertChinese(value.text, 'the Explore panel');
    await until(
      async () => (await page.locator('.notification-toast').count()) === 0,
      'the progress notification to close',
      30_000,
    );
    await painted(frame);
    await screenshot(page, outDir, 'zh-cn-explore');

    // An oversold run, opened from its bar, tells its story with the buyers' Chinese names.
    await frame
      .locator(`.xp-histogram[data-kind="explore"] .xp-bar[data-bar="${value.failing[0]}"]`)
      .click();
    const run = await waitForFrame(
      page,
      webviewTextProbe,
      (s) => s.mode === 'panel' && /超卖/.test(s.text) && /发生了什么/.test(s.text),
      { timeout: 60_000, what: 'the oversold run in the timeline, in Chinese' },
    );
    // The banner, the narration and the findings: the timeline's sentences (the print list's
    // columns are separated by spaces on purpose).
    const text = await run.frame.evaluate(() =>
      [...document.querySelectorAll('.tl-banner, .tl-narration, .tl-finding')]
        .map((e) => e.textContent)
        .join('\n'),
    );
    if (!/进程\d读到 ticket_num = 1/.test(text))
      throw new Error(`the narration does not name a buyer: ${text.slice(0, 2000)}`);
    assertChinese(text, 'the timeline');
    await painted(run.frame);
    await screenshot(page, outDir, 'zh-cn-timeline-oversold');
  } finally {
    writeFileSync(settings, '{}\n');
  }
}
