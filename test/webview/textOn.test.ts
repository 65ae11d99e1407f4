// Holder names on lock segments (webview/theme.ts textOn, pure): black or white, whichever has
// the contrast WCAG asks for text (4.5:1) on the segment's colour.
import assert from 'node:assert/strict';
import { textOn } from '../../webview/theme';

const lum = (css: string) => {
  const [r, g, b] = css.match(/[\d.]+/g)!.map(Number);
  const lin = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
};
const hex = (h: string) => (h === '#000000' ? 'rgb(0, 0, 0)' : 'rgb(255, 255, 255)');
const contrast = (a: string, b: string) => {
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};

describe('timeline holder label colour', () => {
  for (const bg of [
    'rgb(255, 251, 138)',
    'rgb(255, 184, 108)',
    'rgb(217, 122, 0)',
    'rgb(156, 88, 0)',
    'rgb(181, 32, 13)',
  ])
    it(`reads on ${bg}`, () => {
      const text = hex(textOn(bg));
      assert.ok(contrast(text, bg) >= 4.5, `${text} on ${bg}: ${contrast(text, bg).toFixed(2)}`);
    });
});
