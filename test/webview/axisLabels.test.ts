// Axis labels (webview/text.ts fmtAxis, pure): labels one grid step apart never read the same.
import assert from 'node:assert/strict';
import { fmtAxis } from '../../webview/text';

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

  it('keep the short form when it is precise enough', () => {
    assert.equal(fmtAxis(2_000_000, 1_000_000), '2.000 s');
    assert.equal(fmtAxis(10_855_000, 5_000), '10.855 s');
  });
});
