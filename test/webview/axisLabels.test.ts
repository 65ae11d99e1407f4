// Axis labels (webview/text.ts fmtAxis, pure): labels one grid step apart never read the same,
// with the fewest decimals; on the canvas, no label is cut at the right edge.
import assert from 'node:assert/strict';
import { fmtAxis, setTimeScale } from '../../webview/text';
import { LogBuilder } from '../support/logBuilder';
import { hook, openLog, shot, useBrowser } from './browser';

describe('timeline axis labels', () => {
  for (const [at, step] of [
    [10_850_000, 5_000],
    [10_850_000, 500],
    [10_850_000, 20],
    [2_500, 1],
    [45_000_000, 1_000_000],
  ])
    it(`are distinct at ${at} µs every ${step} µs`, () => {
      const labels = Array.from({ length: 8 }, (_, k) => fmtAxis(at + k * step, step));
      assert.equal(new Set(labels).size, labels.length, labels.join(' | '));
    });

  it('say the origin in the unit of the grid step, not in µs', () => {
    assert.equal(fmtAxis(0, 5_000_000), '0 s');
    assert.equal(fmtAxis(0, 500_000), '0 ms');
    assert.equal(fmtAxis(0, 20), '0 µs');
  });

  it('use the fewest decimals that tell the ticks apart, the same along the axis', () => {
    assert.equal(fmtAxis(2_000_000, 1_000_000), '2 s');
    assert.equal(fmtAxis(2_500_000, 500_000), '2.5 s');
    assert.equal(fmtAxis(3_000_000, 500_000), '3.0 s');
    assert.equal(fmtAxis(10_855_000, 5_000), '10.855 s');
    assert.equal(fmtAxis(1_200, 100), '1.2 ms');
    assert.equal(fmtAxis(1_200, 200), '1.2 ms');
    assert.equal(fmtAxis(40_000, 10_000), '40 ms');
    assert.equal(fmtAxis(600, 200), '600 µs');
  });

  it('say every label of a view in one unit, the one of its largest time', () => {
    const axis = (step: number, n: number, view: number) =>
      Array.from({ length: n }, (_, k) => fmtAxis(k * step, step, view));
    assert.deepEqual(axis(200_000, 8, 1_500_000), [
      '0 s',
      '0.2 s',
      '0.4 s',
      '0.6 s',
      '0.8 s',
      '1.0 s',
      '1.2 s',
      '1.4 s',
    ]);
    assert.deepEqual(axis(500_000, 4, 1_600_000), ['0 s', '0.5 s', '1.0 s', '1.5 s']);
    assert.deepEqual(axis(100, 4, 950), ['0 µs', '100 µs', '200 µs', '300 µs']);
    assert.deepEqual(axis(200, 3, 1_300), ['0 ms', '0.2 ms', '0.4 ms']);
  });

  it('carry no float noise: a line at k steps says k steps', () => {
    // 0.1 + 0.2 and friends: the sums a running tick would make.
    assert.equal(fmtAxis(0.1e6 + 0.2e6, 100_000), '300 ms');
    assert.equal(fmtAxis(999.9999999, 100), '1.0 ms');
    assert.equal(fmtAxis(999_999.9999, 100_000), '1.0 s');
    try {
      // At speed 3 a lab second is a third of a run second: the step in run µs is no round number.
      setTimeScale(3);
      const step = 200_000 / 3;
      const labels = [1, 2, 3, 4, 5, 6].map((k) => fmtAxis(k * step, step, 6 * step));
      assert.deepEqual(labels, ['0.2 s', '0.4 s', '0.6 s', '0.8 s', '1.0 s', '1.2 s']);
    } finally {
      setTimeScale(1);
    }
  });
});

/** Records each text drawn on a canvas with where it starts and ends and its line (CSS px). */
const RECORD_TEXT = `
  window.__texts = [];
  const fill = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (text, x, y, ...rest) {
    const m = this.getTransform(), d = devicePixelRatio;
    const left = (m.a * x + m.e) / d;
    const width = this.measureText(String(text)).width * m.a / d;
    window.__texts.push({ text: String(text), left, right: left + width, y: (m.d * y + m.f) / d });
    return fill.call(this, text, x, y, ...rest);
  };
`;

describe('timeline axis labels on the canvas (headless Chromium)', function () {
  this.timeout(120_000);
  const browser = useBrowser();

  it('leave out a label that would run past the right edge rather than cut it', async () => {
    const b = new LogBuilder().start().spawn(0, 'MainProcess');
    const events = b.at(11_000_000).exit(0).end().build();
    const page = await openLog(
      browser(),
      'axis-right-edge',
      events,
      'en',
      { width: 1280, height: 400 },
      RECORD_TEXT,
    );
    const lay = await hook<{ gutter: number; width: number }>(page, 'layout');
    const edge = lay.gutter + lay.width;
    const AXIS = /^\d+(\.\d+)? (µs|ms|s)$/;
    let closest = Infinity;
    // Views ending just past a grid line, by a few px more each time.
    for (let k = 0; k < 40; k++) {
      const t1 = 10_000_000 + k * 2_500;
      await page.evaluate('window.__texts = []');
      await hook(page, 'setView', t1 - 1_000_000, t1);
      await hook(page, 'redraw');
      const texts = (await page.evaluate('window.__texts')) as {
        text: string;
        left: number;
        right: number;
        y: number;
      }[];
      const labels = texts.filter((d) => d.y < 26 && AXIS.test(d.text));
      assert.ok(labels.length >= 2, `axis labels drawn: ${JSON.stringify(texts.slice(0, 8))}`);
      for (const l of labels)
        assert.ok(l.right <= edge + 0.5, `"${l.text}" runs past the edge ${edge}: ${l.right}`);
      closest = Math.min(closest, edge - labels[labels.length - 1].right);
    }
    assert.ok(closest < 40, `some label ends near the edge (closest ${closest} px away)`);
    await shot(page, 'axis-right-edge');
    assert.deepEqual(page.errors, []);
    await page.close();
  });
});
