// The packaged .vsix, installed with --install-extension, with VS Code's display language zh-cn:
// our labels are Chinese, and a lab runs from the palette.
import {
  painted,
  pickQuickItem,
  runFromPalette,
  screenshot,
  webviewTextProbe,
  waitForFrame,
} from './workbench.mjs';

export const phase = 'vsix';
export const title = 'Installed .vsix in Chinese: activity bar, palette, ticket-lock timeline';

export async function scenario({ page, outDir }) {
  // Manifest strings from package.nls.zh-cn.json.
  await page
    .locator('.activitybar .action-item a[aria-label^="并发实验室"]')
    .first()
    .waitFor({ timeout: 30_000 });
  await runFromPalette(page, '并发实验室: 运行实验…', { timeout: 45_000 });
  // Runtime strings from l10n/bundle.l10n.zh-cn.json.
  await page
    .locator('.quick-input-widget input[placeholder="选择要运行的实验"]')
    .waitFor({ timeout: 15_000 });
  await pickQuickItem(page, 'ticket-lock');
  // The packaged timeline has no test hook (window.__timeline): read what the learner reads.
  const timeline = await waitForFrame(page, webviewTextProbe, (s) => /卖出 1 张/.test(s.text), {
    timeout: 60_000,
    what: 'the ticket-lock timeline in Chinese',
  });
  await painted(timeline.frame);
  await screenshot(page, outDir, 'zh-cn-timeline');
  await page.locator('.activitybar .action-item a[aria-label^="并发实验室"]').first().click();
  await page.locator('.pane-header', { hasText: '实验' }).first().waitFor({ timeout: 10_000 });
  await painted(page);
  await screenshot(page, outDir, 'zh-cn-sidebar');
}
