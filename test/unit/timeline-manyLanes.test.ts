/** Building the model is linear in lanes: a run of many processes opens in one pass. */
import assert from 'node:assert/strict';
import { buildTimeline, TimelineModel } from '../../src/model/timeline';
import { LogBuilder } from '../support/logBuilder';

/** `lanes` processes, spawned in a shuffled order (a fork tree is not in proc order). */
function manyLanes(lanes: number) {
  const b = new LogBuilder().start().spawn(0, 'MainProcess');
  const order = Array.from({ length: lanes }, (_, i) => i + 1);
  let s = 7;
  for (let i = order.length - 1; i > 0; i--) {
    s = (s * 1664525 + 1013904223) >>> 0;
    const j = s % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  for (const p of order) b.after(1).spawn(p, `P${p}`);
  for (const p of order) b.after(1).exit(p);
  return b.after(1).exit(0).end().build();
}

/** Comparisons made by every Array#sort call during fn (the model's only ordering step). */
function countSortComparisons(fn: () => void): { calls: number; comparisons: number } {
  const sort = Array.prototype.sort;
  const seen = { calls: 0, comparisons: 0 };
  Array.prototype.sort = function (this: unknown[], cmp?: (a: unknown, b: unknown) => number) {
    seen.calls++;
    const counted = (a: unknown, b: unknown) => {
      seen.comparisons++;
      return cmp ? cmp(a, b) : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
    };
    return sort.call(this, counted);
  } as typeof sort;
  try {
    fn();
  } finally {
    Array.prototype.sort = sort;
  }
  return seen;
}

describe('timeline model with many lanes', () => {
  it('orders 5,000 lanes with O(n log n) comparisons in all, not a sort per new lane', () => {
    const n = 5000;
    const events = manyLanes(n);
    let m: TimelineModel | undefined;
    const seen = countSortComparisons(() => (m = buildTimeline(events)));
    assert.equal(m!.lanes.length, n + 1);
    for (let i = 1; i < m!.lanes.length; i++)
      assert.ok(m!.lanes[i - 1].info.proc < m!.lanes[i].info.proc, 'lanes in proc order');
    const bound = 4 * n * Math.log2(n);
    assert.ok(
      seen.comparisons <= bound,
      `${seen.comparisons} comparisons in ${seen.calls} sorts for ${n} lanes (bound ${Math.round(bound)})`,
    );
  });

  it('keeps lanes in order when they arrive over many live batches', () => {
    const events = manyLanes(300);
    const m = new TimelineModel();
    for (let i = 0; i < events.length; i += 7) m.append(events.slice(i, i + 7));
    assert.deepEqual(
      m.lanes.map((l) => l.info.proc),
      Array.from({ length: 301 }, (_, i) => i),
    );
  });
});
