/**
 * Pool against CPython's multiprocessing.Pool (spawn start method): the lab and its Python twin
 * print the same probes (result order, errors re-raised by get(), TimeoutError, ready() and
 * successful(), close/join/terminate errors, maxtasksperchild, the initializer once per worker),
 * and both must give the outcomes below, in real time and under a controlled schedule.
 */
import { strict as assert } from 'node:assert';
import { ofKind } from '../support/events';
import { fixture, runLab } from '../support/runLab';
import { comparable, stepsOf } from '../support/scheduleLogs';
import { itMatchesCPython } from '../support/twinProbes';

const squares = (n: number) => Array.from({ length: n }, (_, i) => i * i);

/** What CPython 3.11 prints for test/fixtures/python/pool_calls.py. */
const CPYTHON = {
  workerNames: true,
  initOnce: [[1], [7]],
  map: squares(10),
  mapChunks: squares(7),
  mapEmpty: [],
  starmap: [3, 7],
  apply: 5,
  imap: [9, 1, 4],
  imapUnordered: [1, 4, 9],
  imapError: [0, 1, 4, ['ValueError', 'no 3'], 16],
  imapChunk0: ['ValueError', 'Chunksize must be 1+, not 0'],
  getError: ['ValueError', 'bad x'],
  mapError: ['ValueError', 'no 3'],
  timeout: [['TimeoutError', ''], false, 'ValueError', null, true, true, 5],
  failed: [true, false],
  joinRunning: ['ValueError', 'Pool is still running'],
  afterClose: [['ValueError', 'Pool not running'], 'ValueError', 'ValueError'],
  join: null,
  terminate: [null, ['ValueError', 'Pool not running']],
  badArgs: ['ValueError', 'ValueError'],
  maxtasks: [6, [0]],
};

describe('semantics: Pool as CPython has it', function () {
  this.timeout(240_000);

  itMatchesCPython({
    python: 'pool_calls.py',
    lab: 'pool-calls.lab.mjs',
    table: CPYTHON,
    // The owner's calls name their lines of lab code.
    sited: ['pool.create', 'pool.submit', 'pool.wait', 'pool.result'],
    check: (r) => {
      // Workers are daemon children of main, named as CPython names them under spawn.
      const workers = ofKind(r.events, 'proc.spawn').filter((e) => e.parent === 0);
      assert.deepEqual(
        workers.slice(0, 2).map((e) => [e.name, e.daemon]),
        [
          ['SpawnPoolWorker-1', true],
          ['SpawnPoolWorker-2', true],
        ],
      );
      // maxtasksperchild=1: six tasks, each retired its worker, and each was replaced.
      const renewed = ofKind(r.events, 'pool.create').at(-1)!.obj;
      const retired = ofKind(r.events, 'pool.retire').filter((e) => e.obj === renewed);
      const replaced = ofKind(r.events, 'pool.worker').filter(
        (e) => e.obj === renewed && e.replaces,
      );
      assert.ok(retired.length >= 5, `${retired.length} workers retired`);
      assert.ok(replaced.length >= 4, `${replaced.length} workers replaced`);
      // Every task that started finished once, on the worker that took it.
      const started = ofKind(r.events, 'pool.start').map(
        (e) => `${e.obj}/${e.job}/${e.task}@${e.proc}`,
      );
      const done = ofKind(r.events, 'pool.done').map(
        (e) => `${e.obj}/${e.job}/${e.task}@${e.proc}`,
      );
      assert.deepEqual([...done].sort(), started.filter((s) => done.includes(s)).sort());
      assert.equal(new Set(done).size, done.length);
    },
    controlled: {
      stepWords: ['take a task from Pool 1', 'get() job 1 of Pool 1', 'close Pool 1'],
      // The schedule the log recorded replays exactly.
      check: async (r) => {
        const steps = stepsOf(r.events);
        const replayed = await runLab(fixture('pool-calls.lab.mjs'), {
          seed: 3,
          replay: { steps },
        });
        const withoutSchedule = (events: typeof r.events) =>
          comparable(
            events.map((e) => (e.kind === 'run.start' ? { ...e, schedule: undefined } : e)),
          );
        assert.deepEqual(withoutSchedule(replayed.events), withoutSchedule(r.events));
      },
    },
  });
});
