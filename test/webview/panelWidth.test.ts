/**
 * The timeline panel at the widths a VS Code editor gives it: 1600 px (a wide window), 800 px and
 * 560 px (half an editor, as beside the Explore panel). The plot keeps most of the canvas, the
 * gutter of names shrinks instead (a fixed 200 px gutter left a plot under 100 px), no name spills
 * into the plot (cut with "…"), and nothing overflows sideways. Headless Chromium, a real run.
 */
import assert from 'node:assert/strict';
import type { LabEvent } from '../../src/protocol/events';
import { runLab } from '../support/runLab';
import { hook, openLog, shot, useBrowser } from './browser';

/** Records each left-aligned text drawn on a canvas, with where it starts and ends (CSS px). */
const RECORD_GUTTER_TEXT = `
  window.__gutterTexts = [];
  const fill = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (text, x, y, ...rest) {
    const m = this.getTransform();
    const left = m.a * x + m.e;
    const align = this.textAlign;
    if (align === 'left' || align === 'start')
      window.__gutterTexts.push({ text: String(text), left, right: left + this.measureText(String(text)).width * m.a });
    return fill.call(this, text, x, y, ...rest);
  };
`;

interface Drawn {
  text: string;
  left: number;
  right: number;
}

describe('timeline webview: the panel at 560, 800 and 1600 px (headless Chromium)', function () {
  this.timeout(300_000);
  const browser = useBrowser();
  let events: LabEvent[] = [];
  before(async () => {
    events = (await runLab('ticket-race', { seed: 3, speed: 20 })).events;
  });

  for (const width of [560, 800, 1600])
    it(`${width} px: the plot keeps most of the canvas; names stay in their gutter`, async () => {
      const page = await openLog(
        browser(),
        `panel-${width}`,
        events,
        'en',
        { width, height: 900 },
        RECORD_GUTTER_TEXT,
      );
      await shot(page, `panel-${width}`);
      const [scroll, client] = await page.evaluate(() => [
        document.documentElement.scrollWidth,
        document.documentElement.clientWidth,
      ]);
      assert.ok(scroll <= client, `no horizontal overflow (${scroll} > ${client})`);
      const lay = await hook<{ gutter: number; width: number }>(page, 'layout');
      const canvas = lay.gutter + lay.width;
      if (width >= 1600) assert.equal(lay.gutter, 200, 'a wide panel keeps the full gutter');
      assert.ok(
        lay.width >= (canvas * 2) / 3,
        `the plot is at least two thirds of the canvas: ${JSON.stringify(lay)}`,
      );
      assert.ok(lay.width >= 300, `a plot of at least 300 px: ${JSON.stringify(lay)}`);
      // The lane labels (the gutter's texts, drawn by the frame onto the canvas): inside it.
      const gutterTexts = ((await page.evaluate('window.__gutterTexts')) as Drawn[]).filter(
        (d) => d.left < lay.gutter,
      );
      assert.ok(
        gutterTexts.some((d) => d.text.startsWith('Process')),
        `lane names drawn: ${JSON.stringify(gutterTexts.slice(0, 5))}`,
      );
      const spilled = gutterTexts.filter((d) => d.right > lay.gutter + 0.5);
      assert.deepEqual(spilled, [], 'no name runs into the plot');
      assert.deepEqual(page.errors, []);
      await page.close();
    });
});
