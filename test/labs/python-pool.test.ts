/**
 * multiprocessing.Pool in an unmodified Python script, with real python3 and real processes: the
 * workers are Python's own (started under the script's start method, named as CPython names
 * them), the runner's pool broker hands out the tasks, and the timeline draws each task on its
 * worker's lane. CPython is the judge of what the script prints; one controlled-schedule seed
 * gives one log, and its recording replays to it.
 */
import { strict as assert } from 'node:assert';
import type { LabEvent } from '../../src/protocol/events';
import { checkLog } from '../../src/protocol/validateEvent';
import { ofKind, printed, procNames, runEnd } from '../support/events';
import { cleanup, copyFixture, plainPython, PYTHON, tempFolder } from '../support/python';
import { runLab } from '../support/runLab';
import { comparable, stepsOf } from '../support/scheduleLogs';

const METHODS = ['fork', 'spawn', 'forkserver'] as const;
const KIND = { fork: 'Fork', spawn: 'Spawn', forkserver: 'ForkServer' } as const;

/** Main's printed lines (a worker prints nothing in these scripts). */
const mainLines = (events: readonly LabEvent[]) => printed(events.filter((e) => e.proc === 0));

const plainLines = (out: string) => out.split('\n').filter((line) => line !== '');

/** The log as text with OS pids blanked, and the schedule's name left out of run.start. */
const unnamed = (events: readonly LabEvent[]) =>
  comparable(events.map((e) => (e.kind === 'run.start' ? { ...e, schedule: undefined } : e)));

describe('Python scripts: multiprocessing.Pool, brokered', function () {
  this.timeout(600_000);
  before(function () {
    if (!PYTHON) this.skip();
  });
  after(cleanup);

  for (const method of METHODS) {
    it(`${method}: every Pool call prints what plain python3 prints; each task runs on a worker's lane`, async () => {
      const dir = tempFolder();
      const script = copyFixture('pool_tour.py', dir, `pool_tour.${method}.py`);
      const plain = await plainPython(script, dir);
      assert.equal(plain.code, 0, plain.out);
      const { events } = await runLab(script, { seed: 5, speed: 1 });
      const valid = checkLog(events);
      assert.ok(valid.ok, valid.ok ? '' : valid.error);
      const end = runEnd(events);
      assert.equal(end.status, 'ok', end.message);
      assert.deepEqual(mainLines(events), plainLines(plain.out));

      // The workers: Python's own processes, adopted into their pools, named as CPython names them.
      const names = procNames(events);
      const workers = ofKind(events, 'pool.worker');
      const pools = ofKind(events, 'pool.create');
      assert.equal(pools.length, 5);
      // 2, 1, then 3 or 4 (maxtasksperchild=1: each that retires while the pool runs is
      // replaced), os.cpu_count() and 2.
      assert.ok(workers.length >= 2 + 1 + 3 + 1 + 2, `${workers.length} workers`);
      const workerProcs = new Set(workers.map((w) => w.proc));
      for (const w of workers) {
        const name = names.get(w.proc) ?? '';
        assert.match(name, new RegExp(`^${KIND[method]}PoolWorker-\\d+$`));
        const spawn = ofKind(events, 'proc.spawn').find((s) => s.proc === w.proc);
        assert.ok(spawn && spawn.daemon && spawn.parent === 0, `${name} is main's daemon`);
      }
      // Every task started and finished on a worker's lane, never on main's.
      const starts = ofKind(events, 'pool.start');
      const dones = ofKind(events, 'pool.done');
      assert.ok(starts.length >= 40, `${starts.length} tasks`);
      assert.equal(dones.length, starts.length);
      for (const e of [...starts, ...dones])
        assert.ok(workerProcs.has(e.proc), `${e.kind} on ${e.proc}`);
      for (const d of dones) {
        const start = starts.find((s) => s.obj === d.obj && s.job === d.job && s.task === d.task);
        assert.ok(start && start.proc === d.proc && start.seq < d.seq, 'done where it started');
      }
      // A task's error is shown in the worker's words.
      assert.ok(dones.some((d) => d.error === "KeyError: 'no 3'"));
      assert.ok(dones.some((d) => d.error === 'ValueError: bad x'));
      // A replaced worker names the one it replaces, and retired ones say so.
      const replacing = workers.filter((w) => w.replaces !== undefined);
      assert.ok(replacing.length >= 2, `${replacing.length} replaced`);
      for (const w of replacing) assert.ok(workerProcs.has(w.replaces ?? -1));
      assert.ok(ofKind(events, 'pool.retire').length >= 3);
      // Results travel pickled and show as their repr: map(pair) gave tuples.
      assert.ok(
        dones.some(
          (d) => JSON.stringify(d.value) === JSON.stringify([{ $preview: "(1, '1')", $size: -1 }]),
        ),
        JSON.stringify(dones.map((d) => d.value)),
      );
      // Main waited for results, closed, joined and terminated its pools.
      assert.ok(ofKind(events, 'pool.wait').every((e) => e.proc === 0));
      assert.equal(ofKind(events, 'pool.close').length, 2);
      assert.equal(ofKind(events, 'pool.join.done').length, 3);
      assert.ok(ofKind(events, 'pool.terminate').length >= 3);
    });
  }

  for (const method of METHODS) {
    it(`${method}: concurrent.futures.ProcessPoolExecutor prints what plain python3 prints, on the same broker`, async () => {
      const dir = tempFolder();
      const script = copyFixture('executor_tour.py', dir, `executor_tour.${method}.py`);
      const plain = await plainPython(script, dir);
      assert.equal(plain.code, 0, plain.out);
      const { events } = await runLab(script, { seed: 5, speed: 1 });
      const end = runEnd(events);
      assert.equal(end.status, 'ok', end.message);
      assert.deepEqual(mainLines(events), plainLines(plain.out));
      const names = procNames(events);
      const pools = ofKind(events, 'pool.create');
      assert.deepEqual(
        pools.map((p) => p.name),
        ['ProcessPoolExecutor 1', 'ProcessPoolExecutor 2'],
      );
      // Its workers keep CPython's Process names, are not daemons, and end when the script does.
      const workers = ofKind(events, 'pool.worker');
      assert.equal(workers.length, 3);
      for (const w of workers) {
        assert.match(names.get(w.proc) ?? '', new RegExp(`^${KIND[method]}Process-\\d+$`));
        const spawn = ofKind(events, 'proc.spawn').find((e) => e.proc === w.proc);
        assert.equal(spawn?.daemon, false);
        const exit = ofKind(events, 'proc.exit').find((e) => e.proc === w.proc);
        assert.equal(exit?.reason, 'returned');
      }
      const lanes = new Set(workers.map((w) => w.proc));
      const starts = ofKind(events, 'pool.start');
      assert.equal(starts.length, 19, 'each submit is one task; map(chunksize=2) of 5 is three');
      for (const e of [...starts, ...ofKind(events, 'pool.done')]) assert.ok(lanes.has(e.proc));
      assert.ok(ofKind(events, 'pool.submit').some((e) => e.fn === 'square'));
    });
  }

  it('ProcessPoolExecutor under a controlled schedule: one seed gives one log', async () => {
    const dir = tempFolder();
    const script = copyFixture('executor_sched.py', dir);
    const plain = await plainPython(script, dir);
    assert.equal(plain.code, 0, plain.out);
    const a = await runLab(script, { seed: 4, schedule: 'random' });
    assert.equal(runEnd(a.events).status, 'ok', runEnd(a.events).message);
    assert.deepEqual(mainLines(a.events), plainLines(plain.out));
    const b = await runLab(script, { seed: 4, schedule: 'random' });
    assert.deepEqual(unnamed(b.events), unnamed(a.events));
    assert.equal(ofKind(a.events, 'pool.start').length, 5 + 4);
    // A result() not ready yet waits through the runner (a wait on a Python lock alone would
    // leave the run stuck, the owner seen as running).
    assert.ok(ofKind(a.events, 'pool.wait').length >= 1, 'result() waited through the runner');
    // Every result() asks the runner, even for a Future the owner's result thread has settled
    // already: whether it has is thread timing, which no seed decides (5 results, then 4 of map).
    assert.equal(ofKind(a.events, 'pool.wait').filter((e) => e.proc === 0).length, 5 + 4);
  });

  for (const method of METHODS) {
    it(`${method}: under a controlled schedule one seed gives one log, and a replay gives it again`, async () => {
      const dir = tempFolder();
      const script = copyFixture('pool_sched.py', dir, `pool_sched.${method}.py`);
      const plain = await plainPython(script, dir);
      assert.equal(plain.code, 0, plain.out);
      const a = await runLab(script, { seed: 3, schedule: 'random' });
      assert.equal(runEnd(a.events).status, 'ok', runEnd(a.events).message);
      assert.deepEqual(mainLines(a.events), plainLines(plain.out));
      const b = await runLab(script, { seed: 3, schedule: 'random' });
      assert.deepEqual(unnamed(b.events), unnamed(a.events));
      // The scheduler chose the worker of each task: both took some, on their own lanes.
      const starts = ofKind(a.events, 'pool.start');
      assert.equal(starts.length, 9);
      assert.ok(new Set(starts.map((s) => s.proc)).size >= 2);
      assert.ok(ofKind(a.events, 'pool.worker').some((w) => w.replaces !== undefined));
      const replayed = await runLab(script, { seed: 3, replay: { steps: stepsOf(a.events) } });
      assert.deepEqual(unnamed(replayed.events), unnamed(a.events));
    });
  }
});
