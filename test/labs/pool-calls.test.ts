/**
 * Pool against CPython's multiprocessing.Pool (spawn start method): the lab and its Python twin
 * print the same probes (result order, errors re-raised by get(), TimeoutError, ready() and
 * successful(), close/join/terminate errors, maxtasksperchild, the initializer once per worker),
 * and both must give the outcomes below, in real time and under a controlled schedule.
 */
import { strict as assert } from 'node:assert';
import { checkLog } from '../../src/protocol/validateEvent';
import { ofKind, printedJson } from '../support/events';
import { twinProbe } from '../support/python';
import { fixture, runLab } from '../support/runLab';
import { comparable, stepsOf } from '../support/scheduleLogs';

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

  it('the table is what CPython does (python3 runs the same probes)', async function () {
    const out = await twinProbe('pool_calls.py');
    if (out === null) return this.skip();
    assert.deepEqual(JSON.parse(out), CPYTHON);
  });

  it('our runtime gives the same outcome for every probe, with a valid log and no stray error', async () => {
    const r = await runLab(fixture('pool-calls.lab.mjs'), { speed: 10, timeoutSec: 90 });
    assert.equal(r.status, 'ok', JSON.stringify(r.done));
    assert.deepEqual(checkLog(r.events), { ok: true });
    assert.deepEqual(printedJson(r.events), CPYTHON);
    assert.deepEqual(
      ofKind(r.events, 'error').map((e) => e.message),
      [],
    );
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
    const replaced = ofKind(r.events, 'pool.worker').filter((e) => e.obj === renewed && e.replaces);
    assert.ok(retired.length >= 5, `${retired.length} workers retired`);
    assert.ok(replaced.length >= 4, `${replaced.length} workers replaced`);
    // Every task that started finished once, on the worker that took it.
    const started = ofKind(r.events, 'pool.start').map(
      (e) => `${e.obj}/${e.job}/${e.task}@${e.proc}`,
    );
    const done = ofKind(r.events, 'pool.done').map((e) => `${e.obj}/${e.job}/${e.task}@${e.proc}`);
    assert.deepEqual([...done].sort(), started.filter((s) => done.includes(s)).sort());
    assert.equal(new Set(done).size, done.length);
    // The owner's calls name their lines of lab code.
    const sites = new Map(ofKind(r.events, 'site').map((e) => [e.id, e]));
    for (const k of ['pool.create', 'pool.submit', 'pool.wait', 'pool.result'] as const)
      for (const e of ofKind(r.events, k))
        assert.match(
          sites.get(e.site ?? -1)?.file ?? '',
          /pool-calls\.lab\.mjs$/,
          `${k} at ${e.seq}`,
        );
  });

  it('the same probes give the same outcomes under a controlled schedule, and replay exactly', async () => {
    const lab = fixture('pool-calls.lab.mjs');
    const r = await runLab(lab, { seed: 3, schedule: 'random' });
    assert.equal(r.status, 'ok', JSON.stringify(r.done));
    assert.deepEqual(printedJson(r.events), CPYTHON);
    const steps = stepsOf(r.events);
    const said = steps.flatMap((s) => s.ops);
    for (const words of ['take a task from Pool 1', 'get() job 1 of Pool 1', 'close Pool 1'])
      assert.ok(
        said.some((s) => s.includes(words)),
        `a step says "${words}"`,
      );
    const replayed = await runLab(lab, { seed: 3, replay: { steps } });
    const withoutSchedule = (events: typeof r.events) =>
      comparable(events.map((e) => (e.kind === 'run.start' ? { ...e, schedule: undefined } : e)));
    assert.deepEqual(withoutSchedule(replayed.events), withoutSchedule(r.events));
  });
});
