// From the command palette run ticket-lock: the timeline panel shows 11 process lanes and "1 sold";
// the side bar shows the lab's last outcome, the run, and the compact live view.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  painted,
  runLabFromPalette,
  runFromPalette,
  screenshot,
  timelineProbe,
  waitForFrame,
} from './workbench.mjs';

export const phase = 'dev';
export const title = 'Run Lab… ticket-lock from the palette: 11 lanes, 1 sold';

export async function scenario({ page, outDir }) {
  // Our activity bar container, and no secondary side bar, for a clean screenshot.
  await page.locator('.activitybar .action-item a[aria-label^="Concurrency Labs"]').first().click();
  await page.locator('.pane-header', { hasText: /Labs/i }).first().waitFor({ timeout: 15_000 });
  if (await page.locator('.part.auxiliarybar').isVisible())
    await runFromPalette(page, 'View: Toggle Secondary Side Bar Visibility').catch(() => {});

  await runLabFromPalette(page, 'Concurrency Labs: Run Lab…', 'ticket-lock');
  const { value, frame } = await waitForFrame(
    page,
    timelineProbe,
    (s) => s.mode === 'panel' && s.ended && s.lanes === 11 && /\b1 sold\b/.test(s.banner),
    { timeout: 60_000, what: 'the ticket-lock timeline with 11 lanes and "1 sold"' },
  );
  const compact = await waitForFrame(
    page,
    timelineProbe,
    (s) => s.mode === 'compact' && s.ended && s.lanes === 11,
    { timeout: 20_000, what: 'the compact live view showing the run' },
  );
  // Labs tree (last outcome) and Runs tree (the run with its outcome).
  await page.locator('.monaco-list-row', { hasText: '1 sold' }).nth(1).waitFor({ timeout: 10_000 });
  await painted(frame);
  await painted(compact.frame);
  await painted(page);
  const shot = await screenshot(page, outDir, 'timeline-ticket-lock');
  // The README shows a typical run (not one that also hit a torn read). Tests never write into
  // tracked files: `npm run screenshots` copies this kept shot into media/.
  if (value.banner.trim() === '1 ticket, 1 sold')
    copyFileSync(shot, join(outDir, 'readme-timeline.png'));
}
