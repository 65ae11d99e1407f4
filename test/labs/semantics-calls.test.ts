/**
 * Each runtime call against CPython's multiprocessing: the lab and its Python twin print the same
 * probes, and both must give the outcomes below (the Python side runs where python3 exists, so
 * the table is checked against the real thing, not only against our reading of it).
 */
import { strict as assert } from 'node:assert';
import { ofKind, printedJson } from '../support/events';
import { fixture, runLab } from '../support/runLab';
import { itMatchesCPython } from '../support/twinProbes';

/** What CPython 3.11 prints for test/fixtures/python/semantics_calls.py. */
const CPYTHON = {
  lockNone: true,
  lockHeldMinusOne: false,
  lockHeldNegative: false,
  lockHeldZero: false,
  lockNonBlockingTimeout: false,
  lockBadTimeout: 'TypeError',
  otherReleased: 'released',
  holderRelease: 'ValueError',
  freeAgain: true,
  getEmptyMinusOne: 'Empty',
  getEmptyZero: 'Empty',
  getNowaitEmpty: 'Empty',
  getNonBlockingNegative: 'Empty',
  getFullMinusOne: 'a',
  getNone: 'b',
  unboundedPutMinusOne: null,
  getBlockFalse: 'c',
  putFullMinusOne: 'Full',
  putFullZero: 'Full',
  putFullNonBlocking: 'Full',
  fullBounded: true,
  qsizeBounded: 1,
  emptyBounded: false,
  negativeMaxsizeFull: false,
  floatMaxsize: 'TypeError',
  putAfterClose: 'ValueError',
  getAfterClose: 'ValueError',
  taskDoneFresh: 'ValueError',
  taskDoneOnce: null,
  taskDoneTwice: 'ValueError',
  joinQueueDone: null,
  beforeStart: [false, null, null],
  terminateBeforeStart: 'AttributeError',
  joinBeforeStart: 'AssertionError',
  mainDaemon: false,
  childDaemonDefault: false,
  startTwice: 'AssertionError',
  setDaemonAfterStart: 'AssertionError',
  joinMinusOne: [null, true],
  joinZero: null,
  joinNone: [0, false],
  joinAgain: null,
  startAfterExit: 'AssertionError',
  inDaemon: { daemon: true, start: 'AssertionError' },
  randintEmpty: 'ValueError',
  randintFloat: 'ValueError',
  randintOne: 3,
  sleepNaN: 'ValueError',
  sleepNegative: 'ValueError',
};

describe('semantics: each call as CPython does it', function () {
  this.timeout(180_000);

  itMatchesCPython({
    python: 'semantics_calls.py',
    lab: 'semantics-calls.lab.mjs',
    table: CPYTHON,
    check: (r) => assert.ok(ofKind(r.events, 'proc.exit').every((e) => e.code === 0)),
  });
});

describe('semantics: a refused request is answered', function () {
  this.timeout(120_000);

  it('a request the runner refuses rejects its caller with a TypeError that says why; the run goes on', async () => {
    const r = await runLab(fixture('semantics-refused.lab.mjs'), { speed: 10, timeoutSec: 60 });
    assert.equal(r.status, 'ok', JSON.stringify(r.done));
    const out = printedJson<{
      refused: { name: string; message: string; isTypeError: boolean };
      after: number;
    }>(r.events);
    assert.equal(out.refused.name, 'TypeError');
    assert.equal(out.refused.isTypeError, true);
    assert.match(out.refused.message, /the runner refused this call: proc\.start: field "name"/);
    assert.equal(out.after, 0);
  });
});
