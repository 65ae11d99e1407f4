// Helpers that drive a real VS Code workbench (code-server) in Chromium, as a user would.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** The workbench is up. Commands may still be registering: runFromPalette retries until they are. */
export async function waitForWorkbench(page, timeout = 60_000) {
  await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout });
}

/**
 * Resolves once `target` (the page or a webview frame) has drawn two more animation frames, so a
 * screenshot shows what was just rendered. A frame that is not on screen draws none: after a
 * second it counts as painted.
 */
export async function painted(target) {
  await target.evaluate(
    () =>
      new Promise((resolve) => {
        requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
        setTimeout(resolve, 1000);
      }),
  );
}

/**
 * Runs `labId` from the palette until its live panel says it runs at speed 1× (the workspace
 * setting the scenario wrote: VS Code applies it when its file watcher reports the change, so
 * an early run may still use the old speed; it is stopped and the lab run again).
 */
export async function runLabAtSpeedOne(page, profile, labId, attempts = 5) {
  for (let i = 1; ; i++) {
    await runLabFromPalette(page, 'Concurrency Labs: Run Lab…', labId);
    try {
      return await waitForFrame(
        page,
        timelineProbe,
        (s) => s.mode === 'panel' && !s.ended && / 1× /.test(s.text),
        { timeout: 15_000, what: 'a live real-time run (speed 1×)' },
      );
    } catch (err) {
      if (i >= attempts) throw err;
      // The run at the old speed may be over already (at 20× it takes a second or two): Stop Lab
      // is then not offered, and there is nothing to stop.
      await runFromPalette(page, 'Concurrency Labs: Stop Lab', { timeout: 10_000 }).catch(
        async (stopErr) => {
          if ((await labProcesses(profile.xdg)).length > 0) throw stopErr;
        },
      );
      await until(
        async () => (await labProcesses(profile.xdg)).length === 0,
        'the run at the old speed to end',
        20_000,
      );
    }
  }
}

/** Resolves once the page holds a new document (after a reload that `trigger` starts). */
export async function reloaded(page, trigger, timeout = 60_000) {
  await page.evaluate(() => (window.__beforeReload = true));
  await trigger();
  await until(
    async () => {
      try {
        return await page.evaluate(() => !window.__beforeReload && !!document.body);
      } catch {
        return false; // navigating
      }
    },
    'the window to reload',
    timeout,
  );
}

/**
 * Runs a command from the command palette by its full title ("Category: Title").
 * Retries: on a fresh profile the palette can open before the extension registered it.
 */
export async function runFromPalette(page, title, { timeout = 30_000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      await typeInQuickInput(page, `>${title}`);
    } catch (err) {
      if (Date.now() > deadline) throw err;
      continue;
    }
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    try {
      await row.waitFor({ state: 'visible', timeout: 2500 });
      await page.keyboard.press('Enter');
      return;
    } catch (err) {
      if (Date.now() > deadline)
        throw new Error(`command "${title}" not found in the palette: ${err.message}`, {
          cause: err,
        });
    }
  }
}

/** Opens the quick input (F1) afresh and types `text`; throws when it does not open in time. */
async function typeInQuickInput(page, text) {
  // Keys typed while a webview iframe has focus may not reach the workbench: take focus back.
  await page.evaluate(() => {
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  });
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible', timeout: 3000 });
  await input.fill(text, { timeout: 5000 });
}

/** Polls `fn` until it returns a truthy value and returns it; throws naming `what` after `timeout` ms. */
export async function until(fn, what, timeout, everyMs = 100) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Picks an item in the open quick pick by typing its text and pressing Enter. */
export async function pickQuickItem(page, text, timeout = 15_000) {
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible', timeout });
  await input.fill(text, { timeout });
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: text })
    .first()
    .waitFor({ state: 'visible', timeout });
  await page.keyboard.press('Enter');
}

/** Opens a workspace file through Quick Open (the palette without ">"), as a user would. */
export async function quickOpen(page, fileName, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      await typeInQuickInput(page, fileName);
      await page
        .locator('.quick-input-list .monaco-list-row', { hasText: fileName })
        .first()
        .waitFor({ state: 'visible', timeout: 3000 });
      await page.keyboard.press('Enter');
      return;
    } catch (err) {
      if (Date.now() > deadline)
        throw new Error(`could not open ${fileName} with Quick Open: ${err.message}`, {
          cause: err,
        });
    }
  }
}

/**
 * Waits until some frame's `probe` (evaluated inside the frame) returns a value that `until`
 * accepts. Webviews are nested iframes two levels down: every frame is tried.
 */
export async function waitForFrame(
  page,
  probe,
  until,
  { timeout = 30_000, what = 'webview' } = {},
) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    for (const frame of page.frames()) {
      try {
        const v = await frame.evaluate(probe);
        if (v) {
          last = v;
          if (until(v)) return { frame, value: v };
        }
      } catch {
        /* detached or cross-origin frame */
      }
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out waiting for ${what} (last seen: ${JSON.stringify(last)?.slice(0, 600)})`,
      );
    await page.waitForTimeout(250);
  }
}

/** Evaluated inside a frame: the timeline app's state, or null when the frame holds none. */
export function timelineProbe() {
  const t = window.__timeline;
  if (!t) return null;
  return {
    lanes: typeof t.laneCount === 'function' ? t.laneCount() : undefined,
    banner: typeof t.banner === 'function' ? String(t.banner() ?? '') : '',
    mode: document.body.dataset.mode,
    ended: typeof t.view === 'function' ? !!t.view().ended : undefined,
    events: typeof t.view === 'function' ? t.view().eventCount : undefined,
    text: (document.body.innerText || '').slice(0, 3000),
  };
}

/** Evaluated inside a frame: its text, when it is one of our webviews (it has data-mode). */
export function webviewTextProbe() {
  if (!document.body || !document.body.dataset.mode) return null;
  return { mode: document.body.dataset.mode, text: (document.body.innerText || '').slice(0, 3000) };
}

export async function screenshot(page, outDir, name) {
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Lab processes (runner, lab hosts) still alive that were started under our code-server: they
 * inherit its environment, whose XDG folders contain `marker` (the test's scratch folder).
 */
export async function labProcesses(marker) {
  const { execFileSync } = await import('node:child_process');
  const { readFileSync } = await import('node:fs');
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((l) => /(runner|labhost)\.js/.test(l))
    .filter((l) => {
      try {
        return readFileSync(`/proc/${parseInt(l, 10)}/environ`, 'utf8').includes(marker);
      } catch {
        return false;
      }
    });
}

/** "Run Lab…" from the palette, then the lab from the quick pick; retried when the pick closes early. */
export async function runLabFromPalette(page, commandTitle, labId, attempts = 3) {
  for (let i = 1; ; i++) {
    try {
      await runFromPalette(page, commandTitle);
      await pickQuickItem(page, labId, 10_000);
      return;
    } catch (err) {
      if (i >= attempts) throw err;
    }
  }
}

/**
 * Runs `command` on lab `labId` from the palette with the secondary side bar closed (the panel
 * gets the width, and the pictures show it), then waits for a frame where `probe` gives a value
 * that `ready` accepts: `{ frame, value }`.
 */
export async function openLabPanel(page, command, labId, probe, ready, what) {
  if (await page.locator('.part.auxiliarybar').isVisible())
    await runFromPalette(page, 'View: Toggle Secondary Side Bar Visibility').catch(() => {});
  await runLabFromPalette(page, command, labId);
  return waitForFrame(page, probe, ready, { timeout: 60_000, what });
}
