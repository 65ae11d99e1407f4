/**
 * The lock row's shades in VS Code's default Modern themes (their variables, as VS Code's colour
 * registry computes them): a hold, the next hold and the waiting graph are told apart, and each
 * stands out from the background. VS Code's chart orange is the find-match highlight at a third
 * opacity (#EA5C0055): used as it is, Dark Modern's holds were a dim brown on a dark grey.
 * Read from the canvas's pixels (headless Chromium), with a screenshot to look at.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { LabEvent } from '../../src/protocol/events';
import { runLab } from '../support/runLab';
import { hook, openLog, shot, useBrowser } from './browser';

type Rgb = [number, number, number];

const THEMES = {
  'dark-modern': {
    scheme: 'dark' as const,
    vars: {
      '--vscode-editor-background': '#1F1F1F',
      '--vscode-editor-foreground': '#CCCCCC',
      '--vscode-charts-orange': '#EA5C0055',
      '--vscode-charts-red': '#F14C4C',
      '--vscode-charts-yellow': '#CCA700',
      '--vscode-charts-blue': '#3794FF',
      '--vscode-charts-green': '#89D185',
      '--vscode-charts-purple': '#B180D7',
      '--vscode-textLink-foreground': '#4daafc',
      '--vscode-disabledForeground': '#CCCCCC80',
    },
  },
  'light-modern': {
    scheme: 'light' as const,
    vars: {
      '--vscode-editor-background': '#FFFFFF',
      '--vscode-editor-foreground': '#3B3B3B',
      '--vscode-charts-orange': '#EA5C0055',
      '--vscode-charts-red': '#E51400',
      '--vscode-charts-yellow': '#BF8803',
      '--vscode-charts-blue': '#1A85FF',
      '--vscode-charts-green': '#388A34',
      '--vscode-charts-purple': '#652D90',
      '--vscode-textLink-foreground': '#005FB8',
      '--vscode-disabledForeground': '#61616180',
    },
  },
};

const themeScript = (vars: Record<string, string>) =>
  `document.addEventListener('DOMContentLoaded', () => {
    for (const [k, v] of Object.entries(${JSON.stringify(vars)}))
      document.documentElement.style.setProperty(k, v);
  });`;

const lum = ([r, g, b]: Rgb) => {
  const lin = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
};
/** WCAG contrast ratio of two colours. */
const contrast = (a: Rgb, b: Rgb) => {
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};
const distance = (a: Rgb, b: Rgb) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

/**
 * Evaluated in the page (a string: the test compiler's helpers would be missing there): the mutex
 * row's hold-bar colours (most painted first), its waiting colour, and the background.
 */
const LOCK_ROW_COLOURS = `(() => {
  const canvas = document.querySelector('canvas');
  const ctx = canvas.getContext('2d');
  const dpr = canvas.width / canvas.getBoundingClientRect().width;
  const { gutter, width, rows } = window.__timeline.layout();
  const lock = rows.find((r) => r.kind === 'lock');
  const line = (y) => {
    const d = ctx.getImageData(
      Math.round((gutter + 1) * dpr), Math.round(y * dpr), Math.round((width - 2) * dpr), 1).data;
    const seen = new Map();
    for (let i = 0; i < d.length; i += 4) {
      const key = d[i] + ',' + d[i + 1] + ',' + d[i + 2];
      seen.set(key, (seen.get(key) || 0) + 1);
    }
    return [...seen.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k.split(',').map(Number));
  };
  const bg = line(lock.y + 1)[0];
  const same = (a, b) => a.every((v, i) => v === b[i]);
  // The hold bar's first pixel row (webview/drawLocks.ts: 15 px from 2 px below the row's top)
  // holds no text: only the hold shades and the background.
  const holds = line(lock.y + 3).filter((c) => !same(c, bg));
  // The waiting graph's bottom level: where at least one process waits.
  const waiting = line(lock.y + lock.h - 3).filter((c) => !same(c, bg));
  // The theme's colour of waiting for a lock, as the canvas paints it.
  const span = document.createElement('span');
  span.style.color = 'var(--tl-lockWait)';
  document.body.append(span);
  const probe = document.createElement('canvas').getContext('2d');
  probe.fillStyle = getComputedStyle(span).color;
  probe.fillRect(0, 0, 1, 1);
  span.remove();
  const lockWait = [...probe.getImageData(0, 0, 1, 1).data.slice(0, 3)];
  return { bg, holds, waiting, lockWait };
})()`;

const lockRowColours = (page: Page) =>
  page.evaluate(LOCK_ROW_COLOURS) as Promise<{
    bg: Rgb;
    holds: Rgb[];
    waiting: Rgb[];
    lockWait: Rgb;
  }>;

describe('timeline webview: lock shades in the Modern themes (headless Chromium)', function () {
  this.timeout(300_000);
  const browser = useBrowser();
  let events: LabEvent[] = [];
  before(async () => {
    events = (await runLab('ticket-lock', { seed: 1 })).events;
  });

  for (const [name, theme] of Object.entries(THEMES))
    it(`${name}: a hold, the next hold and the waiting graph stand apart and out`, async () => {
      const page = await openLog(
        browser(),
        `lock-shades-${name}`,
        events,
        'en',
        undefined,
        themeScript(theme.vars),
      );
      await page.emulateMedia({ colorScheme: theme.scheme });
      const first = events.find((e) => e.kind === 'lock.acquire' && e.proc > 0)!;
      await hook(page, 'setView', first.t - 200_000, events[events.length - 1].t);
      await hook(page, 'redraw');
      await shot(page, `lock-shades-${name}`);
      const { bg, holds, waiting, lockWait } = await lockRowColours(page);
      assert.ok(holds.length >= 2, `two hold shades on the mutex row: ${JSON.stringify(holds)}`);
      const [hold, next] = holds;
      const say = `bg ${bg}, holds ${hold} / ${next}, waiting ${lockWait}`;
      // WCAG asks 3:1 of graphics against what is next to them.
      assert.ok(
        contrast(hold, bg) >= 3,
        `a hold on the background: ${contrast(hold, bg)} (${say})`,
      );
      assert.ok(contrast(next, bg) >= 1.5, `the next hold on the background (${say})`);
      assert.ok(
        contrast(hold, next) >= 1.5,
        `a hold beside the next: ${contrast(hold, next)} (${say})`,
      );
      assert.ok(
        waiting.some((c) => distance(c, lockWait) < 3),
        `the waiting graph is painted in the lock-wait colour (${say}; ${JSON.stringify(waiting)})`,
      );
      for (const shade of [hold, next])
        assert.ok(distance(shade, lockWait) >= 60, `holding is not waiting's colour (${say})`);
      assert.deepEqual(page.errors, []);
      await page.close();
    });
});
