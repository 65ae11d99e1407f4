/**
 * Value, Array, Pipe, SimpleQueue and parentProcess() against CPython's multiprocessing: the lab
 * and its Python twin print the same probes, and both must give the outcomes below (the Python
 * side runs where python3 exists), in real time and under a controlled schedule (where each read,
 * write, send, recv, poll and close is a scheduling point).
 */
import { strict as assert } from 'node:assert';
import { checkLog } from '../../src/protocol/validateEvent';
import type { LabEvent } from '../../src/protocol/events';
import { findLostUpdates } from '../../src/model/fileDiagnostics';
import { ofKind, printedJson, procNames } from '../support/events';
import { runLab } from '../support/runLab';
import { cleanup, copyFixture, plainPython, PYTHON, tempFolder } from '../support/python';
import { assertKinds, assertSited, itMatchesCPython } from '../support/twinProbes';

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

/** What the probes do to Values, Arrays and Pipes, as the log must record it. */
const BROKERED_KINDS: readonly LabEvent['kind'][] = [
  'value.create',
  'value.get',
  'value.set',
  'pipe.create',
  'pipe.send',
  'pipe.recv',
  'pipe.eof',
  'pipe.poll',
  'pipe.close',
  'pipe.broken',
];

describe('semantics: Value, Array, Pipe, SimpleQueue and parentProcess as CPython has them', function () {
  this.timeout(240_000);

  itMatchesCPython({
    python: 'shared_calls.py',
    lab: 'shared-calls.lab.mjs',
    table: CPYTHON,
    kinds: [...BROKERED_KINDS, 'pipe.recv.wait'],
    // Every new call names its line of lab code.
    sited: ['value.create', 'value.get', 'value.set', 'pipe.send', 'pipe.recv'],
    check: (r) => {
      assert.ok(
        ofKind(r.events, 'queue.create').some((e) => e.simple && e.name === 'SimpleQueue 1'),
      );
      const array = ofKind(r.events, 'value.create').find((e) => e.size === 3);
      assert.deepEqual(array?.value, [0, 0, 0]);
    },
    controlled: {
      stepWords: [
        'read Value 1',
        'write 7 to Value',
        'recv on end 0 of Pipe',
        'send on end 1 of Pipe',
      ],
    },
  });
});

describe('semantics: Value, Array, Pipe and SimpleQueue in an unmodified Python script, brokered', function () {
  this.timeout(300_000);
  before(function () {
    if (!PYTHON) this.skip();
  });
  after(cleanup);

  for (const method of ['fork', 'spawn', 'forkserver'] as const) {
    it(`shared_calls.py gives CPython's outcomes under ${method}, each read, write and message brokered`, async () => {
      const dir = tempFolder();
      const script = copyFixture('shared_calls.py', dir, `shared_calls.${method}.py`);
      const r = await runLab(script, { seed: 4, speed: 10, timeoutSec: 120 });
      assert.equal(r.status, 'ok', JSON.stringify(r.done));
      assert.deepEqual(checkLog(r.events), { ok: true });
      assert.deepEqual(printedJson(r.events), CPYTHON);
      assertKinds(r.events, BROKERED_KINDS);
      // Brokered at the script's lines, not Python's own memory and pipes.
      const sited = ['value.get', 'value.set', 'pipe.send', 'pipe.recv'] as const;
      assertSited(r.events, sited, /shared_calls\.\w+\.py$/);
      // The Array's items and the child's writes to them, seen by main.
      const array = ofKind(r.events, 'value.create').find(
        (e) => e.size === 3 && e.typecode === 'i',
      );
      assert.deepEqual(array?.value, [0, 0, 0]);
      const childWrites = ofKind(r.events, 'value.set').filter((e) => e.proc !== 0);
      assert.deepEqual(
        childWrites.map((e) => e.value),
        [9, 42],
      );
      // The child read the Value whose lock main held (a synchronized Value, its lock named) only
      // once main had let go of that lock: main's write under the lock came first.
      const read5 = ofKind(r.events, 'value.get').find((e) => e.proc !== 0 && e.value === 5);
      const heldLock = ofKind(r.events, 'value.create').find((e) => e.obj === read5?.obj)?.lock;
      assert.ok(heldLock !== undefined, 'the Value has its lock');
      const write5 = ofKind(r.events, 'value.set').find((e) => e.proc === 0 && e.value === 5);
      const letGo = ofKind(r.events, 'lock.release').find(
        (e) => e.proc === 0 && e.obj === heldLock && e.seq > (write5?.seq ?? Infinity),
      );
      assert.ok(letGo && read5!.seq > letGo.seq, 'the read came after the release');
      // The one-way pipe's send end, held by main and the child: the child's close left one holder.
      const childCloses = ofKind(r.events, 'pipe.close').filter((e) => e.proc !== 0 && e.end === 1);
      assert.ok(
        childCloses.some((e) => e.holders === 1),
        JSON.stringify(childCloses),
      );
    });
  }

  for (const method of ['fork', 'spawn', 'forkserver'] as const) {
    it(`shared_extras.py prints what plain python3 prints under ${method}: pipe ends held, bytes, ctypes, slices`, async () => {
      const dir = tempFolder();
      const script = copyFixture('shared_extras.py', dir, `shared_extras.${method}.py`);
      const plain = await plainPython(script, dir);
      assert.equal(plain.code, 0);
      const expected = JSON.parse(plain.out) as Record<string, unknown>;
      // A forked child holds main's end too, so it never sees the pipe end; a spawned one does.
      assert.deepEqual(expected.inherited, method === 'fork' ? [1] : [1, 'EOF']);
      const r = await runLab(script, { seed: 3, speed: 10, timeoutSec: 120 });
      assert.equal(r.status, 'ok', JSON.stringify(r.done));
      assert.deepEqual(checkLog(r.events), { ok: true });
      assert.deepEqual(printedJson(r.events), expected);
      // Three children added 10 each to a Value and to an Array item, under their locks: every
      // write is on the record (the Array of 200,000 items stays Python's own, with no events).
      assert.equal(ofKind(r.events, 'value.set').filter((e) => e.proc !== 0).length, 60);
      assert.ok(ofKind(r.events, 'value.create').every((e) => (e.size ?? 0) < 200_000));
    });
  }

  for (const method of ['fork', 'spawn'] as const) {
    it(`v.value = v.value + … loses an update as in plain python3 (${method}), and the log shows it`, async () => {
      const dir = tempFolder();
      const script = copyFixture('value_lost_update.py', dir, `value_lost_update.${method}.py`);
      const plain = await plainPython(script, dir);
      assert.equal(plain.code, 0);
      const r = await runLab(script, { seed: 2, speed: 10, timeoutSec: 60 });
      assert.equal(r.status, 'ok', JSON.stringify(r.done));
      assert.deepEqual(printedJson(r.events), JSON.parse(plain.out));
      assert.deepEqual(printedJson(r.events), { final: 1 });
      const slow = [...procNames(r.events)].find(([, n]) => n === 'Slow')![0];
      const lost = findLostUpdates(r.events);
      assert.equal(lost.length, 1);
      assert.equal(lost[0].write.proc, slow);
      assert.equal(lost[0].otherValue, 1);
    });
  }
});
