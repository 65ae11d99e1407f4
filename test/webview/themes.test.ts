/**
 * High-contrast themes (VS Code's variables, set as VS Code sets them): holder names readable on
 * their lock segments, hand-off arrows drawn in a colour that stands out. Screenshots to look at.
 */
import assert from 'node:assert/strict';
import type { LabEvent } from '../../src/protocol/events';
import { runLab } from '../support/runLab';
import { hook, openLog, shot, useBrowser } from './browser';

const THEMES = {
  'hc-dark': {
    cls: 'vscode-high-contrast',
    vars: {
      '--vscode-editor-background': '#000000',
      '--vscode-editor-foreground': '#ffffff',
      '--vscode-charts-orange': '#ffb86c',
      '--vscode-charts-yellow': '#fffb8a',
      '--vscode-button-foreground': '#ffffff',
      '--vscode-contrastBorder': '#6fc3df',
      '--vscode-textLink-foreground': '#21a6ff',
    },
  },
  'hc-light': {
    cls: 'vscode-high-contrast-light',
    vars: {
      '--vscode-editor-background': '#ffffff',
      '--vscode-editor-foreground': '#292929',
      '--vscode-charts-orange': '#b5200d',
      '--vscode-textLink-foreground': '#ffffff00',
      '--vscode-contrastBorder': '#0f4a85',
    },
  },
};

/** Sets a theme's body class and variables as the VS Code webview host does. */
const themeScript = (t: { cls: string; vars: Record<string, string> }) =>
  `document.addEventListener('DOMContentLoaded', () => {
    document.body.classList.add(${JSON.stringify(t.cls)});
    for (const [k, v] of Object.entries(${JSON.stringify(t.vars)}))
      document.documentElement.style.setProperty(k, v);
  });`;

describe('timeline webview in high-contrast themes (headless Chromium)', function () {
  this.timeout(300_000);
  const browser = useBrowser();
  let events: LabEvent[] = [];
  before(async () => {
    events = (await runLab('ticket-lock', { seed: 1 })).events;
  });

  for (const [name, theme] of Object.entries(THEMES))
    it(`${name}: hand-off arrows in the foreground colour; a screenshot`, async () => {
      const page = await openLog(
        browser(),
        `theme-${name}`,
        events,
        'en',
        undefined,
        themeScript(theme),
      );
      // VS Code's webviews report a dark colour scheme in dark themes (the fallbacks follow it).
      if (name === 'hc-dark') {
        await page.emulateMedia({ colorScheme: 'dark' });
        await hook(page, 'redraw');
      }
      const first = events.find((e) => e.kind === 'lock.acquire' && e.proc > 0)!;
      const last = events[events.length - 1];
      await hook(page, 'setView', first.t - 200_000, last.t);
      await hook(page, 'redraw');
      // Count foreground-coloured pixels in the plot's process lanes: arrows are drawn there.
      const fg = await page.evaluate(() => {
        const c = document.querySelector('canvas')!;
        const probe = document.createElement('canvas').getContext('2d')!;
        probe.fillStyle = getComputedStyle(document.body).getPropertyValue('--tl-fg').trim();
        probe.fillRect(0, 0, 1, 1);
        const want = probe.getImageData(0, 0, 1, 1).data;
        const d = c.getContext('2d')!.getImageData(260, 60, c.width - 280, 300).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4)
          if (d[i] === want[0] && d[i + 1] === want[1] && d[i + 2] === want[2]) n++;
        return n;
      });
      assert.ok(fg > 200, `hand-off arrows in the foreground colour: ${fg} px`);
      await shot(page, `theme-${name}`);
      assert.deepEqual(page.errors, []);
      await page.close();
    });
});
