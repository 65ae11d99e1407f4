/** Headless Chromium for the webview tests: the system browser, a fresh profile, pages from standalone HTML. */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { LabEvent } from '../../src/protocol/events';
import type { UiLang } from '../../src/protocol/webview';
import { renderStandaloneHtml } from '../../src/model/standaloneHtml';
import { ensureBuilt } from '../support/build';

export const REPO = resolve(__dirname, '../..');
export const OUT = join(REPO, 'test-output', 'webview');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Session {
  browser: Browser;
  close(): Promise<void>;
}

/** `chromium.launch` gives every browser a fresh temporary profile of its own. */
export async function launch(): Promise<Session> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  return { browser, close: () => browser.close() };
}

/**
 * One browser for the enclosing describe block, launched (after the bundles are built) before
 * its tests and closed after them. Call inside describe(); the getter works inside the tests.
 */
export function useBrowser(): () => Browser {
  let session: Session | undefined;
  before(async () => {
    await ensureBuilt();
    session = await launch();
  });
  after(async () => {
    await session?.close();
  });
  return () => session!.browser;
}

/** Calls the page's test hook `fn` (webview/testHook.ts) with `args` and resolves with its result. */
export const hook = <T>(page: Page, fn: string, ...args: unknown[]) =>
  page.evaluate(
    ([f, a]) => {
      const h = (window as unknown as { __timeline: Record<string, (...x: unknown[]) => unknown> })
        .__timeline;
      return h[f as string](...(a as unknown[]));
    },
    [fn, args] as const,
  ) as Promise<T>;

/** Writes a standalone page for `events` and opens it; resolves once the app hook is there. */
export async function openLog(
  browser: Browser,
  name: string,
  events: readonly LabEvent[],
  lang: UiLang = 'en',
  size = { width: 1280, height: 900 },
  init?: string,
): Promise<Page & { errors: string[] }> {
  const html = renderStandaloneHtml({
    script: readFileSync(join(REPO, 'dist', 'webview-test.js'), 'utf8'),
    css: readFileSync(join(REPO, 'dist', 'webview.css'), 'utf8'),
    events,
    lang,
    title: name,
  });
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, `${name}.html`);
  writeFileSync(file, html);
  const page = (await browser.newPage({ viewport: size, deviceScaleFactor: 1 })) as Page & {
    errors: string[];
  };
  page.errors = [];
  // A string, not a function: the test compiler adds helpers a serialized function would miss.
  if (init) await page.addInitScript({ content: init });
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') page.errors.push(m.text());
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction(
    () => (window as unknown as { __timeline?: { laneCount(): number } }).__timeline !== undefined,
  );
  await settle(page);
  return page;
}

/** Waits for two animation frames so the canvas and panels show the latest state. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((r) =>
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 200))),
      ),
  );
}

export async function shot(page: Page, name: string): Promise<string> {
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The canvas pixel at CSS (x, y), and the pixel the CSS colour variable `cssVar` paints. */
export const canvasPixel = (page: Page, x: number, y: number, cssVar: string) =>
  page.evaluate(
    ([x, y, v]) => {
      const c = document.querySelector('canvas')!,
        d = devicePixelRatio;
      const at = Array.from(
        c
          .getContext('2d')!
          .getImageData(Math.round(x * d), Math.floor(y * d), 1, 1)
          .data.slice(0, 3),
      );
      const probe = document.createElement('canvas').getContext('2d')!;
      probe.fillStyle = getComputedStyle(document.body)
        .getPropertyValue(v as string)
        .trim();
      probe.fillRect(0, 0, 1, 1);
      return { at, want: Array.from(probe.getImageData(0, 0, 1, 1).data.slice(0, 3)) };
    },
    [x, y, cssVar] as const,
  );
