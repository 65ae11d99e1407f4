// From the command palette run ticket-lock: the timeline panel shows 11 process lanes and "1 sold".
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { pickQuickItem, runFromPalette, screenshot, timelineProbe, waitForFrame } from './workbench.mjs';

export const phase = 'dev';
export const title = 'Run Lab… ticket-lock from the palette: 11 lanes, 1 sold';

export async function scenario({ page, outDir, repo }) {
  await runFromPalette(page, 'Concurrency Labs: Run Lab…');
  await pickQuickItem(page, 'ticket-lock');
  await waitForFrame(page, timelineProbe, (s) => s.mode === 'panel' && s.ended && s.lanes === 11 && /\b1 sold\b/.test(s.banner),
    { timeout: 60_000, what: 'the ticket-lock timeline with 11 lanes and "1 sold"' });
  await page.waitForTimeout(800); // let the last frame paint
  const shot = await screenshot(page, outDir, 'timeline-ticket-lock');
  copyFileSync(shot, join(repo, 'media', 'screenshot-timeline.png'));

  // The side bar: Labs tree with the last outcome, Runs tree, and the compact live view.
  await page.locator('.activitybar .action-item a[aria-label^="Concurrency Labs"]').first().click();
  await page.locator('.pane-header', { hasText: /Labs/i }).first().waitFor({ timeout: 10_000 });
  await waitForFrame(page, timelineProbe, (s) => s.mode === 'compact' && s.ended && s.lanes === 11,
    { timeout: 20_000, what: 'the compact live view showing the run' });
  await page.locator('.monaco-list-row', { hasText: '1 sold' }).first().waitFor({ timeout: 10_000 });
  await screenshot(page, outDir, 'sidebar');
}
