// Reload the window while a lab runs: the old extension host leaves no lab process behind, and the
// timeline panels come back (WebviewPanelSerializer) with their runs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  labProcesses,
  reloaded,
  until,
  runLabAtSpeedOne,
  runFromPalette,
  screenshot,
  timelineProbe,
  waitForFrame,
  waitForWorkbench,
} from './workbench.mjs';

export const phase = 'dev';
export const title = 'Reload Window during a run: no process left, timeline panels restored';

export async function scenario({ page, outDir, profile, workspace }) {
  let seed;
  const settings = join(workspace, '.vscode', 'settings.json');
  writeFileSync(settings, JSON.stringify({ 'concurrencyLabs.speed': 1 }));
  try {
    await runLabAtSpeedOne(page, profile, 'ticket-lock');
    await until(
      async () => (await labProcesses(profile.xdg)).length >= 5,
      'a real-time run to start its processes',
      30_000,
      200,
    );
    const live = await waitForFrame(
      page,
      timelineProbe,
      (s) => s.mode === 'panel' && !s.ended && /seed \d+/.test(s.text),
      { timeout: 10_000, what: 'the live panel of the run' },
    );
    seed = /seed (\d+)/.exec(live.value.text)[1];
  } finally {
    writeFileSync(settings, '{}\n');
  }
  await reloaded(page, () => runFromPalette(page, 'Developer: Reload Window'));
  await until(
    async () => (await labProcesses(profile.xdg)).length === 0,
    'no lab process left after the reload',
    15_000,
    200,
  );
  await waitForWorkbench(page);
  // The interrupted run's panel is restored from its log on disk, and the Runs view lists it as stopped.
  await waitForFrame(
    page,
    timelineProbe,
    (s) => s.mode === 'panel' && s.text.includes(`seed ${seed}`) && s.lanes === 11,
    { timeout: 45_000, what: `the restored panel of the interrupted run (seed ${seed})` },
  );
  await page
    .locator('.monaco-list-row', { hasText: /stopped/i })
    .first()
    .waitFor({ timeout: 10_000 });
  await screenshot(page, outDir, 'restored-after-reload');
}
