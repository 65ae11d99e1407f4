import { strict as assert } from 'node:assert';
import { checkLog } from '../../src/protocol/validateEvent';
import { ofKind, printed, runEnd } from '../support/events';
import { fixture, labProcesses, runLab, type LabResult } from '../support/runLab';

/** Every fault must end cleanly: a valid log ending in run.end, and no lab process left. */
function assertClean(r: LabResult): void {
  assert.deepEqual(checkLog(r.events), { ok: true });
  assert.equal(runEnd(r.events).status, r.status);
  assert.deepEqual(labProcesses(r.runnerPid), [], 'lab processes were left behind');
  const spawned = ofKind(r.events, 'proc.spawn')
    .map((e) => e.proc)
    .sort();
  const exited = ofKind(r.events, 'proc.exit')
    .map((e) => e.proc)
    .sort();
  assert.deepEqual(exited, spawned, 'every spawned process has its proc.exit');
}

describe('engine: faults end with the right status, leaving nothing behind', function () {
  this.timeout(60_000);

  it('a syntax error in the lab file: status error naming the file and line', async () => {
    const r = await runLab(fixture('syntax-error.lab.mjs'));
    assert.equal(r.status, 'error');
    assertClean(r);
    const err = ofKind(r.events, 'error')[0];
    assert.match(err.message, /SyntaxError/);
    assert.equal(err.line, 4);
    assert.ok(err.file?.endsWith('syntax-error.lab.mjs'));
    assert.match(runEnd(r.events).message ?? '', /syntax-error\.lab\.mjs:4/);
  });

  it('a primitive created at the top level of the lab file: a clear error', async () => {
    const r = await runLab(fixture('toplevel.lab.mjs'));
    assert.equal(r.status, 'error');
    assertClean(r);
    assert.match(ofKind(r.events, 'error')[0].message, /inside main\(\) or a target function/);
    assert.equal(ofKind(r.events, 'error')[0].line, 4);
  });

  it('a child that throws: exit code 1, an error event with the stack, the others go on', async () => {
    const r = await runLab(fixture('child-throws.lab.mjs'), { speed: 5 });
    assert.equal(r.status, 'ok', 'like Python, the run is its main process: main returned');
    assertClean(r);
    const err = ofKind(r.events, 'error').find((e) => e.proc === 1)!;
    assert.equal(err.message, 'boom in the child');
    assert.match(err.stack ?? '', /child-throws\.lab\.mjs:6/);
    assert.equal(err.line, 6);
    const exits = new Map(ofKind(r.events, 'proc.exit').map((e) => [e.proc, e]));
    assert.deepEqual([exits.get(1)?.code, exits.get(1)?.reason], [1, 'error']);
    assert.deepEqual([exits.get(2)?.code, exits.get(2)?.reason], [0, 'returned']);
    assert.deepEqual([exits.get(0)?.code, exits.get(0)?.reason], [0, 'returned']);
    assert.ok(printed(r.events).includes('exit codes 1 0'));
    assert.match(runEnd(r.events).message ?? '', /1 child process failed: Process-1/);
  });

  it('an unhandled rejection: the process fails with the rejection reason', async () => {
    const r = await runLab(fixture('unhandled-rejection.lab.mjs'));
    assert.equal(r.status, 'error');
    assertClean(r);
    // It did not wait out its 30 s sleep: the process failed while the sleep was still going.
    assert.equal(ofKind(r.events, 'sleep.begin').length, 1);
    assert.deepEqual(ofKind(r.events, 'sleep.end'), []);
    assert.equal(ofKind(r.events, 'error')[0].message, 'nobody handles me');
    assert.equal(ofKind(r.events, 'proc.exit')[0].reason, 'error');
  });

  it('process.exit(3) in lab code: proc.exit with code 3', async () => {
    const r = await runLab(fixture('exit3.lab.mjs'));
    assert.equal(r.status, 'error');
    assertClean(r);
    const exit = ofKind(r.events, 'proc.exit')[0];
    assert.deepEqual([exit.code, exit.reason], [3, 'exit']);
    assert.match(runEnd(r.events).message ?? '', /code 3/);
    assert.deepEqual(printed(r.events), ['about to exit']);
  });

  it('a child that never yields: the timeout ends the run and kills it', async () => {
    const r = await runLab(fixture('busy-child.lab.mjs'), { timeoutSec: 2 });
    assert.equal(r.status, 'timeout');
    assertClean(r);
    // Ended by the timeout on the runner's clock, not earlier (how much later depends on the machine's load).
    assert.ok(runEnd(r.events).t >= 2_000_000, `ended at ${runEnd(r.events).t} µs`);
    assert.ok(ofKind(r.events, 'proc.exit').every((e) => e.reason === 'killed'));
    assert.match(runEnd(r.events).message ?? '', /2 s/);
  });

  it('a two-lock deadlock: status deadlock with a diagnosis naming the cycle', async () => {
    const r = await runLab(fixture('deadlock.lab.mjs'), { speed: 2 });
    assert.equal(r.status, 'deadlock');
    assertClean(r);
    const d = ofKind(r.events, 'diag').find((e) => e.code === 'deadlock')!;
    assert.deepEqual([...d.procs].sort(), [1, 2]);
    assert.deepEqual([...d.objs].sort(), [1, 2], 'the two locks, in creation order');
    for (const text of ['Left', 'Right', 'Lock A', 'Lock B']) {
      assert.ok(d.message.en.includes(text), d.message.en);
      assert.ok(d.message['zh-CN'].includes(text), d.message['zh-CN']);
    }
    assert.match(d.message['zh-CN'], /死锁/);
  });

  it('a JoinableQueue joined without taskDone: status hang, naming what each process waits for', async () => {
    const r = await runLab(fixture('joinable-hang.lab.mjs'));
    assert.equal(r.status, 'hang');
    assertClean(r);
    const d = ofKind(r.events, 'diag').find((e) => e.code === 'hang')!;
    assert.match(
      d.message.en,
      /MainProcess waits in join\(\) on JoinableQueue 1 with 3 unfinished tasks/,
    );
    assert.match(d.message.en, /Process-1 waits in get\(\) on JoinableQueue 1/);
    assert.match(d.message['zh-CN'], /主进程在 join\(\) 中等待可等待队列 1，还有 3 个任务未完成/);
    // Found by the hang detector once the last process blocked (not by the run's timeout, which
    // would have said `timeout`), and the run ended on it.
    const lastWait = ofKind(r.events, 'queue.get.wait').pop()!;
    assert.ok(d.seq > lastWait.seq, 'the hang is called after the last wait began');
    assert.equal(runEnd(r.events).status, 'hang');
  });
});
