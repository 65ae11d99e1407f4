/**
 * Pool workers as processes: many tasks on few workers, terminate() and a crashed owner leave no
 * worker behind, and a task lost with its worker is named by the hang diagnosis.
 */
import { strict as assert } from 'node:assert';
import { statsLines } from '../../src/cli/statsTable';
import { computeStats } from '../../src/model/stats';
import { buildTimeline } from '../../src/model/timeline';
import { LaneState } from '../../src/model/timelineLanes';
import { checkLog } from '../../src/protocol/validateEvent';
import { ofKind, printedJson, runEnd } from '../support/events';
import { fixture, labProcesses, runLab } from '../support/runLab';

describe('Pool workers as processes', function () {
  this.timeout(240_000);

  it('60 tasks on 2 workers: each runs once, on one worker at a time, results in order', async () => {
    // A controlled schedule with a fixed seed: which worker takes which task is decided, not raced.
    const r = await runLab(fixture('pool-contention.lab.mjs'), { seed: 7, schedule: 'random' });
    assert.equal(r.status, 'ok', JSON.stringify(r.done));
    assert.deepEqual(checkLog(r.events), { ok: true });
    const squares = Array.from({ length: 60 }, (_, i) => i * i);
    assert.deepEqual(printedJson(r.events), { squares });
    const workers = ofKind(r.events, 'pool.worker').map((e) => e.proc);
    assert.equal(workers.length, 2);
    const starts = ofKind(r.events, 'pool.start');
    assert.deepEqual(
      starts.map((e) => e.task).sort((a, b) => a - b),
      squares.map((_, i) => i),
    );
    // On each worker, a task starts only after its previous one is done.
    for (const w of workers) {
      const mine = r.events.filter(
        (e) => (e.kind === 'pool.start' || e.kind === 'pool.done') && e.proc === w,
      );
      mine.forEach((e, i) => assert.equal(e.kind, i % 2 === 0 ? 'pool.start' : 'pool.done'));
    }
    const perWorker = workers.map((w) => starts.filter((e) => e.proc === w).length);
    assert.ok(
      perWorker.every((n) => n > 0),
      `both workers took tasks: ${perWorker.join(', ')}`,
    );
  });

  it('terminate() returns once every busy worker is gone, and their job is never ready', async () => {
    const r = await runLab(fixture('pool-terminate.lab.mjs'), { speed: 10 });
    assert.equal(r.status, 'ok', JSON.stringify(r.done));
    assert.deepEqual(printedJson(r.events), { alive: 0, ready: false });
    const workers = new Set(ofKind(r.events, 'pool.worker').map((e) => e.proc));
    const exits = ofKind(r.events, 'proc.exit').filter((e) => workers.has(e.proc));
    assert.deepEqual(
      exits.map((e) => e.reason),
      ['terminated', 'terminated', 'terminated'],
    );
    assert.deepEqual(labProcesses(r.runnerPid), []);
  });

  it('an owner that dies (an error, or SIGKILL) takes its busy workers with it', async () => {
    const r = await runLab(fixture('pool-owner-crash.lab.mjs'), { speed: 10 });
    assert.equal(r.status, 'error');
    assert.deepEqual(printedJson(r.events), { childExit: -9 });
    const workers = new Set(ofKind(r.events, 'pool.worker').map((e) => e.proc));
    assert.equal(workers.size, 4, 'two pools of two, and no worker replaced');
    const exits = ofKind(r.events, 'proc.exit').filter((e) => workers.has(e.proc));
    assert.deepEqual(
      exits.map((e) => e.reason),
      ['daemon', 'daemon', 'daemon', 'daemon'],
    );
    assert.deepEqual(labProcesses(r.runnerPid), []);
  });

  it('a task lost with its worker: get() hangs, as in CPython, and the diagnosis names the task', async () => {
    const r = await runLab(fixture('pool-lost-task.lab.mjs'), { speed: 10 });
    assert.equal(r.status, 'hang');
    const message = ofKind(r.events, 'diag').find((d) => d.code === 'hang')?.message;
    assert.match(
      message?.en ?? '',
      /MainProcess waits in get\(\) on Pool 1 for job 1, 0 of 1 tasks done \(task 0 was lost when SpawnPoolWorker-1 exited\)/,
    );
    assert.match(message?.['zh-CN'] ?? '', /任务 0 随 SpawnPoolWorker-1 退出而丢失/);
    // The dead worker was replaced by one that waits for a task.
    assert.equal(ofKind(r.events, 'pool.worker').at(-1)?.replaces, 1);
    assert.equal(runEnd(r.events).status, 'hang');
  });
});

describe('Pool on the timeline and in the statistics', function () {
  this.timeout(240_000);

  it('pool-map: each task is a span on its worker lane with its result; the owner waits in get()', async () => {
    const r = await runLab('pool-map', { seed: 1, schedule: 'random' });
    assert.equal(r.status, 'ok');
    const m = buildTimeline(r.events);
    const [one, four] = [...m.pools.values()];
    assert.deepEqual([one.name, four.name], ['one worker', 'four workers']);
    // One worker: four chunks of two; four workers: eight tasks of one, two per worker.
    assert.equal(one.taskStart.count, 4);
    assert.deepEqual([...one.taskItems.values.slice(0, 4)], [2, 2, 2, 2]);
    assert.equal(four.taskStart.count, 8);
    for (let i = 0; i < 8; i++) {
      const worker = m.lane(four.taskWorker.values[i])!.info.name;
      assert.match(worker, /^SpawnPoolWorker-[2-5]$/);
      assert.ok(Number.isFinite(four.taskEnd.values[i]), 'the task ended');
      const n = four.taskIndex.values[i] + 1;
      assert.deepEqual(four.taskValue[i], [n * n], `task ${n - 1} returned its square`);
    }
    // While its map runs, MainProcess waits on the pool (a wait the lane shows).
    const job = four.jobs.get(1)!;
    const main = m.lane(0)!;
    const mid = (job.submitT + job.resultT) / 2;
    const span = main.spanAt(mid);
    assert.equal(main.state.values[span], LaneState.SyncWait);
    assert.equal(main.obj.values[span], four.obj);
    // Statistics: two tasks per worker of four, each about a second busy in lab time.
    const stats = computeStats(r.events).pools[1];
    assert.deepEqual(
      stats.workers.map((w) => w.tasks),
      [2, 2, 2, 2],
    );
    for (const w of stats.workers) assert.ok(w.busyUs >= 1e6 && w.busyUs < 1.1e6, `${w.busyUs}`);
    const lines = statsLines(r.events, 'en', 1);
    assert.ok(lines.some((l) => /pool four workers: 4 workers, 1 job, 8 tasks/.test(l)));
  });
});
