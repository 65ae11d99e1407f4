/**
 * Pool workers as processes: many tasks on few workers, terminate() and a crashed owner leave no
 * worker behind, and a task lost with its worker is named by the hang diagnosis.
 */
import { strict as assert } from 'node:assert';
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
