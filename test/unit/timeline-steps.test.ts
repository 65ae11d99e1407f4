/** Pixel-column summaries: galloping searches, step-function maxima and means, and what a column shows. */
import assert from 'node:assert/strict';
import {
  Float64Column,
  Int32Column,
  countLE,
  countLT,
  countLEFrom,
  countLTFrom,
} from '../../src/model/timelineColumns';
import { StepStats } from '../../src/model/timelineSteps';
import { Viewport } from '../../webview/viewport';
import { forVisibleSteps } from '../../webview/visible';

let seed = 5;
const rnd = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 4294967296;

function steps(pairs: [number, number][]): { t: Float64Column; v: Int32Column; stats: StepStats } {
  const t = new Float64Column(),
    v = new Int32Column();
  for (const [a, b] of pairs) {
    t.push(a);
    v.push(b);
  }
  return { t, v, stats: new StepStats(t, v) };
}

function view(t0: number, usPerPx: number, width: number): Viewport {
  const vp = new Viewport();
  vp.width = width;
  vp.t0 = t0;
  vp.usPerPx = usPerPx;
  return vp;
}

describe('timeline pixel columns', () => {
  it('galloping searches agree with plain binary searches from any valid start', () => {
    const a = new Float64Array(500);
    let t = 0;
    for (let i = 0; i < a.length; i++) a[i] = t += rnd() < 0.3 ? 0 : rnd() * 10;
    for (let k = 0; k < 5000; k++) {
      const x = rnd() * (t + 20) - 10;
      const lt = countLT(a, a.length, x),
        le = countLE(a, a.length, x);
      assert.equal(countLTFrom(a, a.length, x, Math.floor(rnd() * (lt + 1))), lt);
      assert.equal(countLEFrom(a, a.length, x, Math.floor(rnd() * (le + 1))), le);
    }
  });

  it('range maxima and integrals match a scan, also while the last value still changes', () => {
    const s = steps([]);
    const tv: number[] = [],
      vv: number[] = [];
    let t = 0;
    for (let i = 0; i < 1000; i++) {
      t += 1 + Math.floor(rnd() * 5);
      const v = Math.floor(rnd() * 9);
      s.t.push(t);
      s.v.push(v);
      tv.push(t);
      vv.push(v);
      if (rnd() < 0.2) {
        const w = Math.floor(rnd() * 9);
        s.v.set(s.v.count - 1, w);
        vv[vv.length - 1] = w;
      } // same-instant collapse
      if (i % 97 !== 0) continue;
      for (let k = 0; k < 30; k++) {
        const a = Math.floor(rnd() * vv.length),
          b = a + 1 + Math.floor(rnd() * (vv.length - a));
        assert.equal(s.stats.max(a, b), Math.max(...vv.slice(a, b)));
        const at = tv[0] + rnd() * (t - tv[0]),
          j = countLE(s.t.values, s.t.count, at) - 1;
        let area = 0;
        for (let q = 0; q < j; q++) area += vv[q] * (tv[q + 1] - tv[q]);
        area += vv[j] * (at - tv[j]);
        assert.ok(Math.abs(s.stats.integralAt(j, at) - area) < 1e-6, `integral at ${at}`);
      }
    }
  });

  it('a blip shorter than a pixel is drawn as the maximum of its pixel; the mean tells it from sustained waiting', () => {
    // 1 waiter for 1 µs at t = 5000, otherwise nobody, drawn at 100 µs per pixel.
    const s = steps([
      [0, 0],
      [5000, 1],
      [5001, 0],
      [8000, 3],
    ]);
    const cols: [number, number, number, number][] = [];
    forVisibleSteps(
      s.t.values,
      s.stats,
      s.v.values,
      s.t.count,
      view(0, 100, 100),
      10_000,
      0,
      (x0, x1, most, mean) => cols.push([x0, x1, most, mean]),
    );
    const at = (x: number) => cols.find(([a, b]) => x >= a && x < b)!;
    assert.equal(at(50.5)[2], 1, 'the blip shows');
    assert.ok(at(50.5)[3] > 0 && at(50.5)[3] < 0.05, 'as a blip');
    assert.equal(at(10)[2], 0);
    assert.equal(at(90)[2], 3);
    assert.equal(at(90)[3], 3, 'sustained: the mean is the value');
    // The runs tile the drawn range without gaps or overlaps.
    for (let k = 1; k < cols.length; k++) assert.equal(cols[k][0], cols[k - 1][1]);
    assert.equal(cols[0][0], 0);
    assert.equal(cols[cols.length - 1][1], 100);
  });

  it('costs a few searches per column however many steps are in view', () => {
    const pairs: [number, number][] = [];
    for (let i = 0; i < 200_000; i++) pairs.push([i, i % 7 === 0 ? 2 : 0]);
    const s = steps(pairs);
    const probe = { max: 0 };
    const counting = {
      max: (i: number, j: number) => {
        probe.max++;
        return s.stats.max(i, j);
      },
      integralAt: (i: number, t: number) => s.stats.integralAt(i, t),
    } as unknown as StepStats;
    let calls = 0;
    forVisibleSteps(
      s.t.values,
      counting,
      s.v.values,
      s.t.count,
      view(0, 200, 1000),
      200_000,
      0,
      () => calls++,
    );
    assert.ok(probe.max <= 1000, `${probe.max} range queries for 1000 columns`);
    assert.ok(calls <= 1000);
  });
});
