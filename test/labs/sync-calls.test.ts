/**
 * RLock, Semaphore, BoundedSemaphore, Event, Condition and Barrier against CPython's
 * multiprocessing: the lab and its Python twin print the same probes, and both must give the
 * outcomes below (the Python side runs where python3 exists), in real time and under a
 * controlled schedule (where every one of these calls is a scheduling point).
 */
import { strict as assert } from 'node:assert';
import type { LabEvent } from '../../src/protocol/events';
import { checkLog } from '../../src/protocol/validateEvent';
import { ofKind, printedJson } from '../support/events';
import { runLab } from '../support/runLab';
import { cleanup, copyFixture, PYTHON, tempFolder } from '../support/python';
import { assertKinds, assertSited, itMatchesCPython } from '../support/twinProbes';

/** What CPython 3.11 prints for test/fixtures/python/sync_calls.py. */
const CPYTHON = {
  rlockUnowned: 'AssertionError',
  rlock: [true, true, null, null, 'AssertionError'],
  rlockOther: [false, 'AssertionError'],
  sem: [true, true, false, false, 0, null, null, null, 3],
  semNonBlockingTimeout: false,
  semFloat: 'TypeError',
  bsem: ['ValueError', true, null, 'ValueError', 1],
  semOther: true,
  event: [false, false, false, null, true, true, null, false],
  eventChild: true,
  condUnowned: ['AssertionError', 'AssertionError', 'AssertionError', 5, 0],
  condHeld: [0, false, null, null, null, 'AssertionError'],
  condLockUnowned: 'AssertionError',
  condDepth: [false, null, null, 'AssertionError'],
  condNotify: true,
  barrierBreak: ['BrokenBarrierError', true, 'BrokenBarrierError'],
  barrierReset: false,
  barrierAbort: [true, 'BrokenBarrierError'],
  barrierOne: [0, 3],
  barrierAction: [0, 1],
  barrierActionFails: ['ValueError', true],
  barrierWaiting: 2,
  barrierIndices: [0, 1, 2],
};

/** What the probes do to each primitive, as the log must record it. */
const PRIMITIVE_KINDS: readonly LabEvent['kind'][] = [
  'sem.create',
  'sem.acquire',
  'sem.release',
  'sem.timeout',
  'event.set',
  'event.wake',
  'cond.wait',
  'cond.notify',
  'cond.wake',
  'barrier.arrive',
  'barrier.pass',
  'barrier.broken',
  'barrier.reset',
];

describe('semantics: RLock, Semaphore, Event, Condition and Barrier as CPython has them', function () {
  this.timeout(240_000);

  itMatchesCPython({
    python: 'sync_calls.py',
    lab: 'sync-calls.lab.mjs',
    table: CPYTHON,
    // Each primitive is on the record: created, and its operations as events.
    kinds: ['lock.depth', ...PRIMITIVE_KINDS],
    sited: [
      'sem.acquire',
      'event.wait',
      'cond.wait',
      'cond.notify',
      'barrier.arrive',
      'barrier.pass',
      'barrier.broken',
    ],
    check: (r) => {
      const rlock = ofKind(r.events, 'lock.create').find((e) => e.recursive);
      assert.equal(rlock?.name, 'RLock 1');
    },
    controlled: {
      stepWords: ['acquire Semaphore 1', 'wait on Condition 1', 'wait at Barrier 1', 'set Event 1'],
    },
  });
});

describe('semantics: the same primitives in an unmodified Python script, brokered', function () {
  this.timeout(300_000);
  before(function () {
    if (!PYTHON) this.skip();
  });
  after(cleanup);

  for (const method of ['fork', 'spawn', 'forkserver'] as const) {
    it(`sync_calls.py gives CPython's outcomes under ${method}, each call brokered and sited`, async () => {
      const dir = tempFolder();
      const script = copyFixture('sync_calls.py', dir, `sync_calls.${method}.py`);
      const r = await runLab(script, { seed: 4, speed: 10, timeoutSec: 120 });
      assert.equal(r.status, 'ok', JSON.stringify(r.done));
      assert.deepEqual(checkLog(r.events), { ok: true });
      assert.deepEqual(printedJson(r.events), CPYTHON);
      // Brokered, not Python's own: every primitive's operations are on the record, each at its
      // line of the script.
      // (Python's RLock counts its own levels, so it records no lock.depth.)
      const sited = ['sem.acquire', 'event.wait', 'cond.wait', 'barrier.arrive'] as const;
      assertKinds(r.events, [...PRIMITIVE_KINDS, ...sited]);
      assertSited(r.events, sited, /sync_calls\.\w+\.py$/);
      // Each object announced once, by its maker: a copy in a child names the parent's. The
      // script makes three locks (an RLock, a Condition's own RLock, and a Lock for another
      // Condition) and four semaphores.
      assert.equal(ofKind(r.events, 'lock.create').length, 3);
      assert.equal(ofKind(r.events, 'sem.create').length, 4);
    });
  }
});
