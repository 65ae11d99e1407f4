import { strict as assert } from 'node:assert';
import { Fifo } from '../../src/runner/fifo';

describe('runner: Fifo', () => {
  it('keeps first-in first-out order across compactions', () => {
    const f = new Fifo<number>();
    const out: number[] = [];
    for (let i = 0; i < 5000; i++) {
      f.push(i);
      f.push(i + 0.5);
      out.push(f.shift() as number);
    }
    assert.equal(f.length, 5000);
    while (f.length) out.push(f.shift() as number);
    assert.equal(f.shift(), undefined);
    assert.deepEqual(
      out,
      [...out].sort((a, b) => a - b),
    );
    assert.equal(out.length, 10_000);
  });
});
