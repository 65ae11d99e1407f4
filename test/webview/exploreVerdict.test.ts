// The Explore panel's verdict under a histogram (webview/explore/verdict.ts, pure): "Most often"
// names an outcome only when one came more often than every other.
import assert from 'node:assert/strict';
import { builtinLabInfo } from '../../src/labs/info/builtinLabs';
import type { Histogram, OutcomeBar } from '../../src/protocol/explorePanel';
import { verdictLines } from '../../webview/explore/verdict';
import { setLang } from '../../webview/explore/words';

const PREDICT = builtinLabInfo('ticket-race')!.predict!;
const bar = (sold: number, count: number): OutcomeBar => ({
  outcome: { tickets: 1, sold },
  count,
  failed: sold > 1,
  example: false,
});
const histogram = (bars: OutcomeBar[]): Histogram =>
  ({
    kind: 'realtime',
    runs: bars.reduce((n, b) => n + b.count, 0),
    total: bars.reduce((n, b) => n + b.count, 0),
    bars,
    failure: null,
  }) as unknown as Histogram;

describe('Explore verdict: the most frequent outcome', () => {
  // setLang sets the page's lang attribute: a stand-in page for it.
  before(() => {
    (globalThis as { document?: unknown }).document ??= { documentElement: {} };
  });
  after(() => setLang('en'));

  it('names the outcome that came most often', () => {
    setLang('en');
    const lines = verdictLines(histogram([bar(3, 1), bar(5, 3), bar(9, 1)]), PREDICT, null);
    assert.equal(lines.length, 1);
    assert.match(lines[0], /^Most often: .*5 sold.* \(3 of 5 runs\)\.$/);
  });

  it('says a tie is a tie, in both languages, instead of naming one of the tied at random', () => {
    const tied = histogram([bar(3, 1), bar(4, 1), bar(5, 1), bar(9, 1), bar(2, 1)]);
    setLang('en');
    assert.deepEqual(verdictLines(tied, PREDICT, null), [
      '5 outcomes tie for most often, each in 1 of 5 runs.',
    ]);
    setLang('zh-CN');
    assert.deepEqual(verdictLines(tied, PREDICT, null), [
      '5 种结果并列最常见，各占 5 次中的 1 次。',
    ]);
    setLang('en');
    const two = histogram([bar(3, 2), bar(4, 2), bar(5, 1)]);
    assert.deepEqual(verdictLines(two, PREDICT, null), [
      '2 outcomes tie for most often, each in 2 of 5 runs.',
    ]);
  });
});
