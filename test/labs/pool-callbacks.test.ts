/**
 * Pool's `callback`/`errorCallback` and activeChildren() beside a Pool's workers, against
 * CPython's multiprocessing (spawn start method): the lab and its Python twin print the same
 * probes, and both must give the outcomes below, in real time and under a controlled schedule
 * (where a pushed result's callback runs only when the owner has its turn).
 */
import { strict as assert } from 'node:assert';
import { printedJson } from '../support/events';
import { fixture, runLab } from '../support/runLab';
import { itMatchesCPython } from '../support/twinProbes';

const worker = (n: number) => [`SpawnPoolWorker-${n}`, true, true];

/** What CPython 3.11 prints for test/fixtures/python/pool_callbacks.py. */
const CPYTHON = {
  childrenBefore: [],
  childrenWithPool: [worker(1), worker(2)],
  // Called once, in the owner, before get() returned.
  applyCallback: [9, [['callback', 9]], 9, [['callback', 9]]],
  applyErrorCallback: [['ValueError', 'bad x'], [['error', ['ValueError', 'bad x']]]],
  mapCallback: [[1, 4, 9], [['callback', [1, 4, 9]]]],
  mapErrorCallback: [['ValueError', 'no 3'], [['error', ['ValueError', 'no 3']]]],
  starmapCallback: [[3, 7], [['callback', [3, 7]]]],
  // A job with no tasks is ready at once, and CPython calls no callback for it.
  emptyMapCallback: [[], []],
  waitCallback: [[['callback', 16]], true, true],
  // join() returns after every result's callback has run, get() or not.
  callbacksWithoutGet: [0, 1, 4],
  childrenAfterJoin: [],
  childrenOfOther: [worker(3)],
  childrenAfterTerminate: [],
};

describe('semantics: Pool callbacks and activeChildren() as CPython has them', function () {
  this.timeout(240_000);

  itMatchesCPython({
    python: 'pool_callbacks.py',
    lab: 'pool-callbacks.lab.mjs',
    table: CPYTHON,
    kinds: ['pool.submit', 'pool.result'],
    controlled: { stepWords: ['get() job 1 of Pool 1', 'close Pool 1'] },
  });
});

describe('Pool callbacks: what CPython leaves undefined', function () {
  this.timeout(120_000);

  it('a callback that is not a function is refused at the call with a TypeError', async () => {
    const r = await runLab(fixture('pool-bad-callback.lab.mjs'), { speed: 10, timeoutSec: 60 });
    assert.equal(r.status, 'ok', JSON.stringify(r.done));
    assert.deepEqual(printedJson(r.events), {
      refused: ['TypeError', 'callback must be a function or null, not number'],
      poolStillWorks: 4,
    });
  });
});
