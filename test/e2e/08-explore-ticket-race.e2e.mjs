// Explore Lab… ticket-race from the palette: predict "1 ticket sold", watch the histogram of the
// explored schedules fill in, find the failure (oversold), then Run N Times (Real Time) beside it.
// The bars add up to the runs, failing ones are marked, a bar opens a run of its outcome in the
// timeline, and Stop ends an exploration with no process left behind.
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  labProcesses,
  openLabPanel,
  painted,
  runLabFromPalette,
  screenshot,
  timelineProbe,
  until,
  waitForFrame,
} from './workbench.mjs';

export const phase = 'dev';
export const title = 'Explore Lab… ticket-race: predict, histogram, failure, real time, cancel';

const RUNS = 60;
const REALTIME_RUNS = 5;

/** Evaluated in a frame: the Explore panel as a learner sees it, or null. */
function exploreProbe() {
  if (document.body.dataset.mode !== 'explore') return null;
  const histogram = (kind) => {
    const box = document.querySelector(`.xp-histogram[data-kind="${kind}"]`);
    if (!box) return null;
    return {
      phase: box.dataset.phase ?? 'none',
      status: box.querySelector('.xp-status')?.textContent ?? '',
      bars: [...box.querySelectorAll('.xp-bar')].map((b) => ({
        bar: Number(b.dataset.bar),
        count: Number(b.dataset.count),
        failed: b.dataset.failed === 'true',
        predicted: b.dataset.predicted === 'true',
        label: b.querySelector('.xp-label')?.textContent ?? '',
      })),
      failure: box.querySelector('.xp-failure')?.textContent ?? '',
      verdict: box.querySelector('.xp-verdict')?.textContent ?? '',
    };
  };
  return {
    choices: document.querySelectorAll('.xp-choice').length,
    answer: document.querySelector('.xp-answer')?.textContent ?? '',
    explore: histogram('explore'),
    realtime: histogram('realtime'),
  };
}

const done = (kind) => (s) => s[kind]?.phase === 'done';

export async function scenario({ page, outDir, workspace, profile }) {
  const settings = join(workspace, '.vscode', 'settings.json');
  const write = (values) => writeFileSync(settings, JSON.stringify(values));
  write({
    'concurrencyLabs.explore.runs': RUNS,
    'concurrencyLabs.explore.realtimeRuns': REALTIME_RUNS,
  });
  try {
    let { frame, value } = await openLabPanel(
      page,
      'Concurrency Labs: Explore Lab…',
      'ticket-race',
      exploreProbe,
      (s) => s.choices === 11,
      'the Explore panel asking how many tickets will be sold',
    );
    if (value.explore) throw new Error('the panel ran something before the prediction');
    await frame.locator('.xp-choice[data-choice="1"]').click();
    ({ value } = await waitForFrame(page, exploreProbe, done('explore'), {
      timeout: 240_000,
      what: 'the exploration to finish',
    }));
    const explored = value.explore;
    const total = explored.bars.reduce((n, b) => n + b.count, 0);
    if (total !== RUNS || !explored.status.includes(`${RUNS} runs`))
      throw new Error(`the bars add up to ${total}, not ${RUNS}: ${JSON.stringify(explored)}`);
    if (!explored.bars.some((b) => b.failed && /oversold/.test(b.label)))
      throw new Error(`no failing (oversold) bar: ${JSON.stringify(explored.bars)}`);
    if (!/Failure found: oversold/.test(explored.failure))
      throw new Error(`the found failure is not shown: ${explored.failure}`);
    if (!/You predicted 1/.test(explored.verdict))
      throw new Error(`the prediction is not compared: ${explored.verdict}`);
    if (value.answer !== 'Your prediction: 1') throw new Error(`answer shown: ${value.answer}`);

    await frame.locator('.xp-run[data-kind="realtime"]').click();
    ({ value } = await waitForFrame(page, exploreProbe, done('realtime'), {
      timeout: 180_000,
      what: `${REALTIME_RUNS} real-time runs`,
    }));
    const real = value.realtime.bars.reduce((n, b) => n + b.count, 0);
    if (real !== REALTIME_RUNS) throw new Error(`${real} real-time runs counted`);
    await until(
      async () => (await page.locator('.notification-toast').count()) === 0,
      'the progress notifications to close',
      30_000,
    );
    // The README's picture from the top: the prediction, the explored schedules and the real-time
    // runs side by side (the panel scrolls down to the failure it found).
    await frame.evaluate(() => window.scrollTo(0, 0));
    await painted(frame);
    copyFileSync(await screenshot(page, outDir, 'explore'), join(outDir, 'readme-explore.png'));

    // A bar opens a run that ended that way, in the timeline.
    const failing = value.explore.bars.find((b) => b.failed);
    await frame
      .locator(`.xp-histogram[data-kind="explore"] .xp-bar[data-bar="${failing.bar}"]`)
      .click();
    // A bar is a class of outcomes ("some buyer crashed" folds every number of crashes): the run
    // it opens sold what the class says, with its own exact count of crashes.
    const sold = /^\d+ tickets?, \d+ sold/.exec(failing.label)?.[0];
    if (!sold) throw new Error(`a bar without tickets sold: ${failing.label}`);
    const opened = await waitForFrame(
      page,
      timelineProbe,
      (s) => s.ended && s.banner.startsWith(sold),
      { timeout: 60_000, what: `the timeline of a run with outcome "${failing.label}"` },
    );
    if (!/oversold/.test(opened.value.banner)) throw new Error(`banner: ${opened.value.banner}`);
    await screenshot(page, outDir, 'explore-example-run');

    // Stop ends a long exploration, and every lab process with it.
    write({ 'concurrencyLabs.explore.runs': 100000, 'concurrencyLabs.explore.realtimeRuns': 5 });
    await runLabFromPalette(page, 'Concurrency Labs: Explore Lab…', 'ticket-race');
    ({ frame } = await waitForFrame(page, exploreProbe, (s) => !!s.explore, {
      what: 'the Explore panel again',
    }));
    await until(
      async () => frame.locator('.xp-run[data-kind="explore"]').isVisible(),
      'Explore again to be offered',
      30_000,
    );
    // VS Code applies the new setting when its file watcher reports it: until then Explore again
    // runs the old budget, which is let finish and started again.
    for (let attempt = 1; ; attempt++) {
      await frame.locator('.xp-run[data-kind="explore"]').click();
      ({ value } = await waitForFrame(page, exploreProbe, (s) => s.explore?.phase === 'running', {
        what: 'the exploration to run again',
      }));
      if (value.explore.status.includes('of 100000 runs')) break;
      if (attempt >= 5) throw new Error(`the new budget was never used: ${value.explore.status}`);
      await waitForFrame(page, exploreProbe, done('explore'), {
        timeout: 240_000,
        what: 'the exploration with the old budget to end',
      });
    }
    await until(async () => (await labProcesses(profile.xdg)).length > 0, 'lab processes', 30_000);
    // Stop in the panel cancels as the progress notification's Cancel does (the same job.cancel();
    // code-server shows this headless page no notification toasts to click).
    await frame.locator('.xp-stop').click();
    ({ value } = await waitForFrame(page, exploreProbe, done('explore'), {
      timeout: 60_000,
      what: 'the cancelled exploration to end',
    }));
    if (!/stopped after \d+ runs/.test(value.explore.status))
      throw new Error(`not stopped: ${value.explore.status}`);
    await until(
      async () => (await labProcesses(profile.xdg)).length === 0,
      'no lab process left after Cancel',
      20_000,
    );
  } finally {
    write({});
  }
}
