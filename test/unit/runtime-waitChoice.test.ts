import { strict as assert } from 'node:assert';
import { WaitChoice } from '../../src/runtime/waitChoice';

/** Makes `n` acquires the way the choice says, each answered in `quickMs` or `loopMs`. */
function acquires(choice: WaitChoice, n: number, quickMs: number, loopMs: number): boolean[] {
  const ways: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const quick = choice.quickNow();
    ways.push(quick);
    choice.timed(quick, quick ? quickMs : loopMs);
  }
  return ways;
}

describe('lab runtime: how an acquire waits for its answer is chosen by timing both ways', () => {
  it('times 32 acquires each way, then keeps the faster way for a long run, then times both again', () => {
    const choice = new WaitChoice();
    const trial = acquires(choice, 64, 0.05, 0.03);
    assert.deepEqual(trial, [...Array(32).fill(true), ...Array(32).fill(false)]);
    // The event loop answered faster: the run waits there.
    assert.ok(acquires(choice, 2048, 0.05, 0.03).every((quick) => !quick));
    // The machine got quieter: the next trial finds the synchronous read faster and keeps it.
    acquires(choice, 64, 0.02, 0.03);
    assert.ok(acquires(choice, 2048, 0.02, 0.03).every((quick) => quick));
  });

  it('leaves out answers that waited for a holder: they say nothing about the way of waiting', () => {
    const choice = new WaitChoice();
    // Every quick-way answer waited for a holder: too few to compare, the last choice (quick) stays.
    acquires(choice, 64, 5, 0.03);
    assert.ok(acquires(choice, 100, 5, 0.03).every((quick) => quick));
  });
});
