import { strict as assert } from 'node:assert';
import { computeStats } from '../../src/model/stats';
import { statsLines } from '../../src/cli/statsTable';
import { LogBuilder } from '../support/logBuilder';

/** A semaphore of 1 taken by two processes, an event one waits for, a barrier of 2, a condition. */
function syncLog() {
  const b = new LogBuilder().start().spawn(0, 'MainProcess').spawn(1, 'A').spawn(2, 'B');
  b.add(0, 'sem.create', { obj: 1, name: 'seats', value: 1, bounded: false });
  b.add(1, 'sem.request', { obj: 1, block: true }).add(1, 'sem.acquire', {
    obj: 1,
    waitedUs: 0,
    value: 0,
  });
  b.add(2, 'sem.request', { obj: 1, block: true });
  b.after(300).add(1, 'sem.release', { obj: 1, value: 0 });
  b.add(2, 'sem.acquire', { obj: 1, waitedUs: 300, value: 0 });
  b.add(0, 'sem.request', { obj: 1, block: false }).add(0, 'sem.timeout', { obj: 1 });
  b.add(0, 'event.create', { obj: 2, name: 'go' });
  b.add(1, 'event.wait', { obj: 2 });
  b.after(100).add(0, 'event.set', { obj: 2, woke: [1] });
  b.add(1, 'event.wake', { obj: 2, flag: true, waitedUs: 100 });
  b.add(0, 'barrier.create', { obj: 3, name: 'line', parties: 2 });
  b.add(1, 'barrier.arrive', { obj: 3, gen: 0, index: 0 });
  b.after(50).add(2, 'barrier.arrive', { obj: 3, gen: 0, index: 1 });
  b.add(2, 'barrier.pass', { obj: 3, gen: 0 });
  b.add(0, 'lock.create', { obj: 4, name: 'Lock for c', recursive: true });
  b.add(0, 'cond.create', { obj: 5, name: 'c', lock: 4 });
  b.add(1, 'cond.wait', { obj: 5 });
  b.after(20).add(1, 'cond.wake', { obj: 5, notified: false, waitedUs: 20 });
  return b.end().build();
}

describe('model/syncStats', () => {
  it('counts uses, waits, timeouts and each kind of detail, and each process its wait time', () => {
    const s = computeStats(syncLog());
    const [sem, ev, bar, cond] = s.syncs;
    assert.deepEqual(
      s.syncs.map((x) => [x.name, x.kind, x.uses, x.contended, x.timeouts, x.detail]),
      [
        ['seats', 'semaphore', 3, 1, 1, 0],
        ['go', 'event', 1, 1, 0, 1],
        ['line', 'barrier', 2, 1, 0, 1],
        ['c', 'condition', 1, 1, 1, 0],
      ],
    );
    assert.equal(sem.wait.maxUs, 300);
    assert.equal(ev.wait.maxUs, 100);
    assert.equal(bar.wait.maxUs, 50);
    assert.equal(cond.wait.maxUs, 20);
    const byName = new Map(s.processes.map((p) => [p.name, p.syncWaitUs]));
    assert.deepEqual(
      [...byName],
      [
        ['MainProcess', 0],
        ['A', 170],
        ['B', 300],
      ],
    );
  });

  it('the CLI report has a sync wait column and a line per primitive, in both languages', () => {
    const en = statsLines(syncLog(), 'en', 1).join('\n');
    assert.match(en, /sync wait/);
    assert.match(en, /semaphore seats: 3 acquires, 1 waited, 1 gave up, lowest count 0/);
    assert.match(en, /barrier line: 2 arrivals, 1 generation passed, broken 0 times/);
    const zh = statsLines(syncLog(), 'zh-CN', 1).join('\n');
    assert.match(zh, /同步等待/);
    assert.match(zh, /事件 go：wait 1 次/);
  });

  it('the CLI report cuts neither the name of a pool worker nor its exit', () => {
    const b = new LogBuilder().start().spawn(0, 'MainProcess').spawn(1, 'ForkServerPoolWorker-12');
    b.add(1, 'proc.exit', { code: null, signal: 'SIGTERM', reason: 'terminated' });
    b.exit(0).end();
    const rows = statsLines(b.build(), 'en', 1);
    const worker = rows.find((r) => r.includes('ForkServerPoolWorker-12'));
    assert.ok(worker, rows.join('\n'));
    assert.match(worker, /ForkServerPoolWorker-12 +terminated \(SIGTERM\) /);
    // The header's columns line up with the rows'.
    assert.equal(rows[0].indexOf('exit'), worker.indexOf('terminated'));
  });

  it('the CLI report cuts no exit of a daemon ended with main, in Chinese', () => {
    const b = new LogBuilder().start().spawn(0, 'MainProcess').spawn(1, '张三', { daemon: true });
    b.add(1, 'proc.exit', { code: null, signal: 'SIGTERM', reason: 'daemon' });
    b.exit(0).end();
    const rows = statsLines(b.build(), 'zh-CN', 1);
    const eater = rows.find((r) => r.includes('张三'));
    assert.ok(eater, rows.join('\n'));
    assert.match(eater, /张三 +守护进程随主进程结束（SIGTERM） /);
  });
});
