// Step Through Lab… ticket-race from the palette, and make it oversell by clicking: at every step
// a buyer about to read data.json goes first (so every buyer reads 1 before anyone writes 0),
// otherwise the default. The run's recorded decisions are exactly the clicks; the banner says
// oversold and the narration names the choices that caused it.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  openLabPanel,
  painted,
  runFromPalette,
  screenshot,
  timelineProbe,
  until,
  waitForFrame,
} from './workbench.mjs';

export const phase = 'dev';
export const title = 'Step Through Lab… ticket-race: oversold by clicking, step by step';

/** Evaluated in a frame: the open decision of a panel timeline, or null. */
function stepProbe() {
  const t = window.__timeline;
  if (!t || document.body.dataset.mode !== 'panel' || typeof t.stepOpen !== 'function') return null;
  const buttons = [...document.querySelectorAll('.tl-step-list button[data-proc]')].map((b) => ({
    proc: Number(b.dataset.proc),
    text: b.textContent,
    default: b.classList.contains('tl-step-default'),
  }));
  return { step: t.stepOpen(), buttons, ended: t.view().ended, banner: String(t.banner()) };
}

export async function scenario({ page, outDir }) {
  // No other editor: the timeline gets the width (and the picture shows it); an earlier scenario
  // may have left a lab file open beside it.
  await runFromPalette(page, 'View: Close All Editors');
  let { frame, value } = await openLabPanel(
    page,
    'Concurrency Labs: Step Through Lab…',
    'ticket-race',
    stepProbe,
    (s) => s.step === 1,
    'the step bar of step 1',
  );
  const clicks = [];
  /** The README's picture: the step with the most processes that could go on (a later one on a tie). */
  let pictured = { step: 0, choices: 0 };
  for (let n = 1; n < 400; n++) {
    const reader = value.buttons.find((b) => /read data\.json/.test(b.text));
    const pick = reader ?? value.buttons.find((b) => b.default) ?? value.buttons[0];
    const more = value.buttons.length > pictured.choices;
    if (
      more ||
      (value.buttons.length === pictured.choices && pictured.step < 30 && value.step >= 30)
    ) {
      pictured = { step: value.step, choices: value.buttons.length };
      await painted(frame);
      copyFileSync(await screenshot(page, outDir, 'step-mode'), join(outDir, 'readme-step.png'));
    }
    const onLane = frame.locator(`.tl-step-lanes button[data-proc="${pick.proc}"]`);
    const inBar = frame.locator(`.tl-step-list button[data-proc="${pick.proc}"]`);
    await ((await onLane.isVisible()) ? onLane : inBar).click();
    clicks.push({ step: value.step, chosen: pick.proc });
    const was = value.step;
    value = await until(
      async () => {
        const s = await frame.evaluate(stepProbe);
        return s && (s.ended || s.step > was) ? s : null;
      },
      `step ${was + 1} or the end of the run`,
      30_000,
    );
    if (value.ended) break;
  }
  const end = await waitForFrame(page, timelineProbe, (s) => s.mode === 'panel' && s.ended, {
    timeout: 30_000,
    what: 'the stepped run to end',
  });
  if (!/oversold/.test(end.value.banner))
    throw new Error(`the clicks did not oversell: ${end.value.banner}`);
  const recorded = await frame.evaluate(() =>
    window.__timeline.steps().map((s) => ({ step: s.step, chosen: s.chosen })),
  );
  if (JSON.stringify(recorded) !== JSON.stringify(clicks))
    throw new Error(
      `the run's decisions are not the clicks: ${JSON.stringify(recorded).slice(0, 300)} vs ${JSON.stringify(clicks).slice(0, 300)}`,
    );
  const narration = await frame.evaluate(
    () => document.querySelector('.tl-narration')?.textContent ?? '',
  );
  if (!/you let Process \d+ read data\.json before Process \d+ wrote it/.test(narration))
    throw new Error(`the narration does not name the choices: ${narration.slice(0, 1500)}`);
  await painted(frame);
  await screenshot(page, outDir, 'step-mode-oversold');
}
