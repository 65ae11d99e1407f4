/**
 * Value, Array, Pipe, SimpleQueue and parentProcess() against CPython's multiprocessing: the lab
 * and its Python twin print the same probes, and both must give the outcomes below (the Python
 * side runs where python3 exists), in real time and under a controlled schedule (where each read,
 * write, send, recv, poll and close is a scheduling point).
 */
import { strict as assert } from 'node:assert';
import { checkLog } from '../../src/protocol/validateEvent';
import { ofKind, printedJson } from '../support/events';
import { fixture, runLab } from '../support/runLab';
import { twinProbe } from '../support/python';
import { stepsOf } from '../support/scheduleLogs';

/** What CPython 3.11 prints for test/fixtures/python/shared_calls.py. */
const CPYTHON = {
  valueInts: [-2147483648, -56, 255, -25536, 4294967295, 127, 1, 1099511627777],
  valueFloats: [0.10000000149011612, 3, 1],
  valueChars: ['a', 'A', 'x'],
  valueErrors: [
    'TypeError',
    'TypeError',
    'TypeError',
    'TypeError',
    'TypeError',
    'TypeError',
    'TypeError',
    'TypeError',
    'TypeError',
  ],
  valueZero: [0, 0, '\u0000', '\u0000'],
  valueSet: [null, 7, null, 3, 'TypeError', 3],
  rawValue: ['AttributeError', null, 2],
  valueLock: 'RLock',
  valueOwnLock: true,
  valueBadLock: 'AttributeError',
  valueUnderLock: 2,
  valueWaitsForLock: 5,
  arrayBasics: [[0, 0, 0], 3, 0, 'IndexError', 'IndexError', 'TypeError'],
  arraySet: [null, null, [5, 0, 7], 'IndexError', 'TypeError', 5],
  arrayInit: [[1, 2], 'TypeError', 'TypeError', 'ValueError', ['a', 'b'], ['a', 'b']],
  arrayChild: [9, 42],
  pipeBasics: [false, null, true, 1],
  pipeClosed: [true, true, 'EOFError', 'BrokenPipeError', 'OSError', 'OSError', 'OSError', null],
  pipeDrain: [1, 2, 'EOFError'],
  pipeOneWay: ['OSError', 'OSError', 'OSError', true, false, false, true],
  pipeOneWayBroken: [true, 'x', null, 'BrokenPipeError'],
  pipeWriterClosed: [true, 'EOFError'],
  pipeSelfClosed: [false, true, 'OSError', 'OSError', null],
  pipeHolders: ['hi', false, true, 'EOFError'],
  pipeDuplexChild: [true, 42],
  simpleQueue: [true, null, false, 1],
  simpleQueueClosed: ['OSError', 'OSError', 'OSError', null],
  simpleQueueChild: 'x',
  parentInMain: null,
  parentInChild: ['MainProcess', true],
};

describe('semantics: Value, Array, Pipe, SimpleQueue and parentProcess as CPython has them', function () {
  this.timeout(240_000);

  it('the table is what CPython does (python3 runs the same probes)', async function () {
    const out = await twinProbe('shared_calls.py');
    if (out === null) return this.skip();
    assert.deepEqual(JSON.parse(out), CPYTHON);
  });

  it('our runtime gives the same outcome for every probe, with a valid log and no stray error', async () => {
    const r = await runLab(fixture('shared-calls.lab.mjs'), { speed: 10, timeoutSec: 90 });
    assert.equal(r.status, 'ok', JSON.stringify(r.done));
    assert.deepEqual(checkLog(r.events), { ok: true });
    assert.deepEqual(printedJson(r.events), CPYTHON);
    assert.deepEqual(
      ofKind(r.events, 'error').map((e) => e.message),
      [],
    );
    const kinds = new Set(r.events.map((e) => e.kind));
    for (const k of [
      'value.create',
      'value.get',
      'value.set',
      'pipe.create',
      'pipe.send',
      'pipe.recv',
      'pipe.recv.wait',
      'pipe.eof',
      'pipe.poll',
      'pipe.close',
      'pipe.broken',
    ] as const)
      assert.ok(kinds.has(k), `the log has ${k}`);
    assert.ok(ofKind(r.events, 'queue.create').some((e) => e.simple && e.name === 'SimpleQueue 1'));
    // The child's exit closed its copy of the one-way pipe's send end, but main held one too.
    const array = ofKind(r.events, 'value.create').find((e) => e.size === 3);
    assert.deepEqual(array?.value, [0, 0, 0]);
    // Every new call names its line of lab code (a site in the fixture file).
    const sites = new Map(ofKind(r.events, 'site').map((e) => [e.id, e]));
    for (const k of ['value.create', 'value.get', 'value.set', 'pipe.send', 'pipe.recv'] as const)
      for (const e of ofKind(r.events, k))
        assert.match(
          sites.get(e.site ?? -1)?.file ?? '',
          /shared-calls\.lab\.mjs$/,
          `${k} at seq ${e.seq}`,
        );
  });

  it('the same probes give the same outcomes under a controlled schedule, each call a step', async () => {
    const r = await runLab(fixture('shared-calls.lab.mjs'), { seed: 3, schedule: 'random' });
    assert.equal(r.status, 'ok', JSON.stringify(r.done));
    assert.deepEqual(printedJson(r.events), CPYTHON);
    const said = ofKind(r.events, 'sched.step').flatMap((e) => e.ops.map((o) => JSON.stringify(o)));
    assert.ok(stepsOf(r.events).length > 50);
    for (const words of [
      'read Value 1',
      'write 7 to Value',
      'recv on end 0 of Pipe',
      'send on end 1 of Pipe',
    ])
      assert.ok(
        said.some((s) => s.includes(words)),
        `a step says "${words}"`,
      );
  });
});
