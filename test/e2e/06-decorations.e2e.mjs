// The editor shows the run: a lab file of the workspace is run from its CodeLens; back in the
// editor, each line that made calls says what it did (calls, waits, holds, the lost update at
// the write), a hover gives the per-process table, a CodeLens at the top the summary. Hide and
// show come from the palette; an edit hides them and the top of the file says why.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  painted,
  quickOpen,
  runFromPalette,
  screenshot,
  timelineProbe,
  until,
  waitForFrame,
} from './workbench.mjs';

export const phase = 'dev';
export const title = 'Run a lab file: its lines show calls, waits, holds and the lost update';

const LAB = `// Two clerks add to one counter: they take turns with a lock, then read and write without it.
import { defineLab, Barrier, Process, Lock, sharedJson, sleep } from 'concurrency-labs';

export async function clerk(counter, lock, gate) {
  await lock.acquire();
  await sleep(0.2);
  lock.release();
  const { n } = await counter.read();
  await gate.wait(); // both have read before either writes: a lost update in every run
  await counter.write({ n: n + 1 });
}

export default defineLab(
  { id: 'clerks', title: 'Two clerks', description: 'A lock, then a lost update.', processes: 2 },
  async () => {
    const counter = sharedJson('counter.json', { n: 0 });
    const lock = new Lock();
    const gate = new Barrier(2);
    const clerks = [1, 2].map(() => new Process(clerk, [counter, lock, gate]));
    for (const c of clerks) await c.start();
    for (const c of clerks) await c.join();
  },
);
`;
const FILE = 'clerks.lab.mjs';
/** The line of LAB (from 1) that holds `text`. */
const lineOf = (text) => LAB.split('\n').findIndex((l) => l.includes(text)) + 1;

/** Every after-line text the editor shows (decorations draw it as ::after content). */
function afterTexts() {
  const out = [];
  for (const e of document.querySelectorAll('.monaco-editor .view-lines span')) {
    const c = getComputedStyle(e, '::after').content;
    if (c && c !== 'none' && c !== 'normal') out.push(c.replace(/^"|"$/g, ''));
  }
  return out;
}
const lensTexts = () =>
  [...document.querySelectorAll('.monaco-editor .codelens-decoration')].map((e) => e.textContent);

export async function scenario({ page, outDir, workspace }) {
  writeFileSync(join(workspace, FILE), LAB);
  await quickOpen(page, FILE);
  await page.locator('.codelens-decoration a', { hasText: 'Run lab' }).first().click();
  await waitForFrame(page, timelineProbe, (s) => s.mode === 'panel' && s.ended && s.lanes === 3, {
    timeout: 60_000,
    what: 'the clerks timeline, ended, with 3 lanes',
  });
  // Back to the code: its lines say what they did.
  await quickOpen(page, FILE);
  const texts = await until(
    async () => {
      const t = await page.evaluate(afterTexts);
      return t.some((x) => /lost update/.test(x)) ? t : undefined;
    },
    'the run written after the lines of the lab file',
    30_000,
  );
  const want = [
    /^2 calls · waited .+ \(longest .+\) · held .+ \(longest .+\)$/,
    /^2 calls · 1 lost update$/,
  ];
  for (const re of want)
    if (!texts.some((t) => re.test(t))) throw new Error(`no ${re} in ${JSON.stringify(texts)}`);
  // CodeLenses are asked for again a little after a change.
  await until(
    async () =>
      (await page.evaluate(lensTexts)).some((t) =>
        /Last run: \d+ calls on \d+ lines .*1 lost update/.test(t),
      ) || undefined,
    'the run summary at the top of the file',
    15_000,
  );

  // Room for the code in the picture: no side bars (put back at the end).
  const sideBars = [];
  for (const [part, command] of [
    ['.part.sidebar', 'View: Toggle Primary Side Bar Visibility'],
    ['.part.auxiliarybar', 'View: Toggle Secondary Side Bar Visibility'],
  ])
    if (await page.locator(part).isVisible()) {
      await runFromPalette(page, command).catch(() => {});
      sideBars.push(command);
    }
  // One editor group, the lab file in front: earlier scenarios and the run leave other groups
  // beside it (two half-width copies of the file in the picture).
  await runFromPalette(page, 'View: Single Column Editor Layout');
  await quickOpen(page, FILE);
  // The hover of the acquire line: a table with a row per clerk.
  const acquire = page.locator('.view-line', { hasText: 'await lock.acquire();' }).first();
  const box = await acquire.boundingBox();
  await page.mouse.move(box.x + 60, box.y + box.height / 2);
  const hover = page.locator('.monaco-hover', { hasText: 'Longest hold' });
  await hover.first().waitFor({ state: 'visible', timeout: 15_000 });
  const table = await hover.first().innerText();
  if (!/Process-1/.test(table) || !/Process-2/.test(table))
    throw new Error(`the hover has no row per clerk: ${table}`);
  await painted(page);
  // Kept for the README (`npm run screenshots` copies it into media/).
  await screenshot(page, outDir, 'readme-decorations');
  await page.keyboard.press('Escape');

  // Hidden from the palette, and back.
  await runFromPalette(page, 'Concurrency Labs: Hide the Run from the Editor');
  await until(
    async () => (await page.evaluate(afterTexts)).length === 0 || undefined,
    'decorations hidden',
    10_000,
  );
  await runFromPalette(page, 'Concurrency Labs: Show the Last Run in the Editor');
  await until(
    async () => (await page.evaluate(afterTexts)).length > 0 || undefined,
    'decorations back',
    10_000,
  );

  // An edit: the lines no longer match the run.
  await page
    .locator('.view-line')
    .nth(lineOf('// Two clerks') - 1)
    .click();
  await page.keyboard.press('End');
  await page.keyboard.type(' (edited)');
  await until(
    async () => (await page.evaluate(afterTexts)).length === 0 || undefined,
    'decorations gone after an edit',
    10_000,
  );
  await until(
    async () =>
      (await page.evaluate(lensTexts)).some((t) => /Edited since the last run/.test(t)) ||
      undefined,
    'the top of the file saying it was edited',
    10_000,
  );
  await runFromPalette(page, 'File: Revert File').catch(() => {});
  for (const command of sideBars) await runFromPalette(page, command).catch(() => {});
}
