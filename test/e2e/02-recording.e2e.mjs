// Save a run as a .labrun, open it in the custom editor; a broken file shows a clear error.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  painted,
  quickOpen,
  runFromPalette,
  screenshot,
  timelineProbe,
  until,
  waitForFrame,
  webviewTextProbe,
} from './workbench.mjs';

export const phase = 'dev';
export const title = 'Save Recording, open the .labrun in the custom editor, and a broken one';

export async function scenario({ page, outDir, workspace }) {
  // Save the latest finished run: code-server's save dialog is a quick input with the default path.
  await runFromPalette(page, 'Concurrency Labs: Save Recording');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  // The dialog fills in the default path: OK before then would save nowhere.
  await until(
    async () => /\.labrun$/.test(await input.inputValue()),
    'the save dialog to offer a .labrun path',
    10_000,
  );
  await page.locator('.quick-input-widget .monaco-button', { hasText: /^OK$/ }).first().click();
  const saved = await until(
    () => readdirSync(workspace).find((n) => n.startsWith('ticket-lock') && n.endsWith('.labrun')),
    'a .labrun saved into the workspace',
    10_000,
  );

  await quickOpen(page, saved);
  const opened = await waitForFrame(
    page,
    timelineProbe,
    (s) => s.lanes === 11 && /\b1 sold\b/.test(s.banner),
    { timeout: 30_000, what: `the recording ${saved} in the custom editor` },
  );
  await painted(opened.frame);
  await screenshot(page, outDir, 'recording');

  const broken = join(workspace, 'broken.labrun');
  if (!existsSync(broken))
    writeFileSync(broken, '{"v":1,"seq":0,"t":0,"proc":-1,"kind":"run.start"}\nthis is not json\n');
  await quickOpen(page, 'broken.labrun');
  await waitForFrame(page, webviewTextProbe, (s) => /not a valid recording/.test(s.text), {
    timeout: 20_000,
    what: 'the error shown for a malformed recording',
  });
  await screenshot(page, outDir, 'recording-broken');
}
