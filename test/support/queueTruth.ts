/** The queue events of a log checked against a model FIFO (the lease tests, JS and Python). */
import { strict as assert } from 'node:assert';
import type { LabEvent } from '../../src/protocol/events';

/**
 * Replays every queue's puts and gets in log order against a model FIFO: each get takes the
 * front item (never one not yet put), and every `size` and qsize answer matches the model.
 */
export function assertQueueTruth(events: readonly LabEvent[]): void {
  const model = new Map<number, number[]>();
  const q = (obj: number) => model.get(obj) ?? (model.set(obj, []), model.get(obj)!);
  for (const e of events) {
    if (e.kind === 'queue.put') {
      q(e.obj).push(e.item);
      assert.equal(e.size, q(e.obj).length, `size after put #${e.seq}`);
    } else if (e.kind === 'queue.get') {
      const front = q(e.obj).shift();
      assert.equal(e.item, front, `get #${e.seq} takes the front item`);
      assert.equal(e.size, q(e.obj).length, `size after get #${e.seq}`);
    } else if (e.kind === 'queue.query' && e.op === 'qsize') {
      assert.equal(e.result, q(e.obj).length, `qsize #${e.seq}`);
    }
  }
}
