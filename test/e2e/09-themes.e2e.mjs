// The ticket-lock timeline in a dark, a high-contrast dark and a high-contrast light theme: the
// canvas re-reads its colours when VS Code switches theme (its background follows the theme's),
// each picture is kept for a person to look at, and in each theme the pixels say:
// - the holder names on the mutex row read on their segments (not white on pale yellow);
// - the hand-off arrows stand out from the background (they vanished in high-contrast light);
// - the mutex row's colours are not the colour of "blocked on get" (it was olive);
// - "starting up" and "waiting in join" are told apart (they were near-identical greys);
// - a hold, the next hold and waiting for the lock are told apart and stand out from the
//   background (VS Code's chart orange is a third opaque: Dark Modern's holds were a dim brown).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  painted,
  runFromPalette,
  runLabFromPalette,
  screenshot,
  timelineProbe,
  until,
  waitForFrame,
} from './workbench.mjs';

export const phase = 'dev';
export const title = 'ticket-lock timeline in a dark and two high-contrast themes';

const THEMES = [
  ['Default Dark Modern', 'timeline-theme-dark'],
  ['Default High Contrast', 'timeline-theme-hc-dark'],
  ['Default High Contrast Light', 'timeline-theme-hc-light'],
];

/** The canvas's top-left pixel (the axis background) as "r,g,b". */
function canvasCorner() {
  const c = document.querySelector('canvas.tl-canvas');
  if (!c || !c.width) return null;
  const [r, g, b] = c.getContext('2d').getImageData(2, 2, 1, 1).data;
  return `${r},${g},${b}`;
}

/**
 * Evaluated in the timeline's frame: what the theme's pixels say, as counts and colours
 * ([r, g, b]; theme colours composited over the canvas background, as the canvas paints them).
 */
function themePixels() {
  const lum = ([r, g, b]) => {
    const lin = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const contrast = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const near = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]) < 24;
  const canvas = document.querySelector('canvas.tl-canvas');
  const ctx = canvas.getContext('2d');
  const dpr = canvas.width / canvas.getBoundingClientRect().width;
  const probe = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  const span = document.createElement('span');
  document.body.append(span);
  const colour = (name) => {
    span.style.color = `var(--tl-${name})`;
    const css = getComputedStyle(span).color;
    span.style.color = 'var(--tl-bg)';
    probe.fillStyle = getComputedStyle(span).color;
    probe.fillRect(0, 0, 1, 1);
    probe.fillStyle = css;
    probe.fillRect(0, 0, 1, 1);
    return [...probe.getImageData(0, 0, 1, 1).data.slice(0, 3)];
  };
  const names = [
    'bg',
    'fg',
    'link',
    'getWait',
    'starting',
    'joinWait',
    'hold',
    'hold2',
    'lockWait',
  ];
  const c = Object.fromEntries(names.map((n) => [n, colour(n)]));
  span.remove();
  const { gutter, width, rows } = window.__timeline.layout();
  const lock = rows.find((r) => r.kind === 'lock');
  const lanes = rows.filter((r) => r.kind === 'lane');
  if (!lock || !lanes.length) return { error: JSON.stringify(rows) };
  /** Pixel rows of a rectangle in CSS px, each an array of [r, g, b]. */
  const region = (x, y, w, h) => {
    const [px, py, pw, ph] = [x, y, w, h].map((v) => Math.round(v * dpr));
    const d = ctx.getImageData(px, py, pw, ph).data;
    const out = [];
    for (let row = 0; row < ph; row++) {
      const line = [];
      for (let i = row * pw * 4; i < (row + 1) * pw * 4; i += 4)
        line.push([d[i], d[i + 1], d[i + 2]]);
      out.push(line);
    }
    return out;
  };
  // The holder bar (webview/drawLocks.ts) spans 15 px from 2 px below the row's top; its first
  // pixel row holds no text, so it gives each column's segment colour.
  const [segment, ...middle] = region(gutter + 1, lock.y + 3, width - 2, 13);
  let readable = 0;
  for (const line of middle)
    line.forEach((p, x) => {
      if (!near(segment[x], c.bg) && contrast(p, segment[x]) >= 3) readable++;
    });
  const shades = new Map();
  for (const p of segment) if (!near(p, c.bg)) shades.set(p.join(), p);
  const top = lanes[0].y;
  const last = lanes[lanes.length - 1];
  let arrows = 0;
  for (const line of region(gutter + 1, top, width - 2, last.y + last.h - top))
    for (const p of line) if (near(p, c.fg) || near(p, c.link)) arrows++;
  return { c, readable, arrows, segments: [...shades.values()] };
}

const lum = ([r, g, b]) => {
  const lin = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
};
/** WCAG contrast ratio of two colours. */
const contrast = (a, b) => {
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};
const distance = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

/** Throws, naming the theme, when its pixels show one of issue 14's colour bugs. */
function checkPixels(theme, px) {
  if (px.error) throw new Error(`${theme}: no mutex row or lanes on screen: ${px.error}`);
  const fail = (what) => {
    throw new Error(`${theme}: ${what} (colours ${JSON.stringify(px.c)})`);
  };
  if (px.readable < 60)
    fail(`holder names do not read on the mutex row: ${px.readable} px of legible text`);
  if (px.arrows < 200) fail(`the hand-off arrows do not show: ${px.arrows} px`);
  // Hand-off arrows are drawn in the link colour, or the foreground in high contrast.
  const arrowColour = theme.includes('High Contrast') ? px.c.fg : px.c.link;
  if (contrast(arrowColour, px.c.bg) < 3)
    fail(`hand-off arrows barely differ from the background: ${contrast(arrowColour, px.c.bg)}`);
  for (const s of px.segments)
    if (distance(s, px.c.getWait) < 60) fail(`the mutex row uses the "blocked on get" colour ${s}`);
  if (distance(px.c.starting, px.c.joinWait) < 60)
    fail('"starting up" and "waiting in join" look the same');
  // The lock's shades: WCAG's 3:1 for graphics for a hold; the alternate hold between it and the
  // background; neither in the colour of waiting for the lock.
  const { hold, hold2, lockWait, bg } = px.c;
  if (contrast(hold, bg) < 3) fail(`a hold barely shows on the background: ${contrast(hold, bg)}`);
  if (contrast(hold2, bg) < 1.5 || contrast(hold, hold2) < 1.5)
    fail(`two holds in a row are not told apart: ${contrast(hold, hold2)}`);
  if (distance(hold, lockWait) < 60 || distance(hold2, lockWait) < 60)
    fail('holding the lock looks like waiting for it');
  if (!px.segments.some((s) => distance(s, hold) < 3))
    fail(`the mutex row is not painted in the hold colour ${hold}`);
}

/** Shows or hides a part of the workbench (side bars) by its palette command; true if it changed. */
async function setVisible(page, part, command, visible) {
  if ((await page.locator(part).isVisible()) === visible) return false;
  await runFromPalette(page, command);
  await until(async () => (await page.locator(part).isVisible()) === visible, command, 10_000);
  return true;
}

const SIDE_BAR = ['.part.sidebar', 'View: Toggle Primary Side Bar Visibility'];
const AUX_BAR = ['.part.auxiliarybar', 'View: Toggle Secondary Side Bar Visibility'];

export async function scenario({ page, outDir, workspace }) {
  // The timeline gets the width, so each hold of the mutex is wide enough for its holder's name;
  // and it is the only one open (earlier scenarios leave timelines of other labs behind).
  await runFromPalette(page, 'View: Close All Editors');
  await setVisible(page, ...AUX_BAR, false);
  const hidSideBar = await setVisible(page, ...SIDE_BAR, false);
  try {
    await themes(page, outDir, workspace);
  } finally {
    if (hidSideBar) await setVisible(page, ...SIDE_BAR, true);
  }
}

async function themes(page, outDir, workspace) {
  await runLabFromPalette(page, 'Concurrency Labs: Run Lab…', 'ticket-lock');
  const { frame } = await waitForFrame(
    page,
    timelineProbe,
    (s) => s.mode === 'panel' && s.ended && s.lanes === 11,
    { timeout: 60_000, what: 'the ticket-lock timeline' },
  );
  const settings = join(workspace, '.vscode', 'settings.json');
  let before = await frame.evaluate(canvasCorner);
  try {
    for (const [theme, name] of THEMES) {
      writeFileSync(settings, JSON.stringify({ 'workbench.colorTheme': theme }) + '\n');
      // Each theme's background differs from the one before (high-contrast light is as white as
      // the default light theme): the canvas has followed once its corner has changed.
      before = await until(
        async () => {
          const c = await frame.evaluate(canvasCorner);
          return c && c !== before ? c : null;
        },
        `the canvas in ${theme}`,
        20_000,
      );
      await painted(frame);
      await painted(page);
      await screenshot(page, outDir, name);
      checkPixels(theme, await frame.evaluate(themePixels));
    }
  } finally {
    writeFileSync(settings, '{}\n');
  }
}
