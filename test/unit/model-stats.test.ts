import { strict as assert } from 'node:assert';
import {
  computeStats,
  formatDuration,
  percentile,
  summarizeDurations,
} from '../../src/model/stats';
import { LogBuilder } from '../support/logBuilder';
import { contendedLockLog, producerConsumerLog } from '../support/modelLogs';

describe('model/stats', () => {
  it('summarizes durations with a nearest-rank p95', () => {
    const one20 = Array.from({ length: 20 }, (_, i) => i + 1);
    assert.deepEqual(summarizeDurations(one20), {
      count: 20,
      totalUs: 210,
      minUs: 1,
      avgUs: 10.5,
      p95Us: 19,
      maxUs: 20,
    });
    assert.equal(summarizeDurations(Array.from({ length: 100 }, (_, i) => 100 - i)).p95Us, 95);
    assert.equal(summarizeDurations([7]).p95Us, 7);
    assert.deepEqual(summarizeDurations([]), {
      count: 0,
      totalUs: 0,
      minUs: 0,
      avgUs: 0,
      p95Us: 0,
      maxUs: 0,
    });
    assert.equal(percentile([10, 20, 1000], 95), 1000);
    assert.equal(percentile([10, 20, 1000], 50), 20);
  });

  it('formats durations for people', () => {
    assert.deepEqual(
      [
        0,
        850,
        999.6,
        1_250,
        12_345,
        1_520_000,
        15_240_000,
        125_000_000,
        3_725_000_000,
        -1_500,
        NaN,
      ].map(formatDuration),
      [
        '0 µs',
        '850 µs',
        '1 ms',
        '1.25 ms',
        '12.3 ms',
        '1.52 s',
        '15.2 s',
        '2 min 5 s',
        '1 h 2 min',
        '-1.5 ms',
        '—',
      ],
    );
  });

  it('gives per-lock and per-process wait and hold statistics', () => {
    const s = computeStats(contendedLockLog().events);
    assert.equal(s.locks.length, 1);
    const l = s.locks[0];
    assert.deepEqual(
      [l.name, l.requests, l.acquisitions, l.contended, l.timeouts],
      ['mutex', 3, 3, 2, 0],
    );
    assert.deepEqual(
      [l.wait.minUs, l.wait.p95Us, l.wait.maxUs, Math.round(l.wait.avgUs)],
      [0, 2980, 2980, 1323],
    );
    assert.deepEqual(
      [l.hold.minUs, l.hold.p95Us, l.hold.maxUs, l.hold.totalUs],
      [500, 2000, 2000, 3500],
    );
    assert.deepEqual(
      l.perProc.map((p) => [p.name, p.contended, p.wait.maxUs, p.hold.maxUs]),
      [
        ['进程1', 0, 0, 1000],
        ['进程2', 1, 990, 2000],
        ['进程3', 1, 2980, 500],
      ],
    );
    const p3 = s.processes.find((p) => p.proc === 3)!;
    assert.deepEqual(
      [p3.lockWaitUs, p3.lockHoldUs, p3.lockAcquisitions, p3.exited, p3.exitCode, p3.exitReason],
      [2980, 500, 1, true, 0, 'returned'],
    );
  });

  it('gives per-process time sleeping and blocked, and per-queue flow', () => {
    const s = computeStats(producerConsumerLog().events);
    assert.deepEqual([s.lab, s.status, s.durationUs, s.processes.length], ['pc', 'ok', 2700, 4]);
    const byName = new Map(s.processes.map((p) => [p.name, p]));
    const p1 = byName.get('P1')!;
    const c = byName.get('C')!;
    assert.deepEqual([p1.itemsPut, p1.putBlockedUs, p1.lifetimeUs, p1.pid], [3, 1000, 2600, 4001]);
    assert.deepEqual([c.itemsGot, c.getBlockedUs, c.sleepingUs], [5, 900, 1000]);
    assert.equal(byName.get('MainProcess')!.itemsPut, 1);
    const q = s.queues[0];
    assert.deepEqual(
      [
        q.name,
        q.maxsize,
        q.puts,
        q.gets,
        q.produced,
        q.consumed,
        q.maxDepth,
        q.finalDepth,
        q.putBlockedUs,
        q.getBlockedUs,
      ],
      ['q', 2, 5, 5, 4, 4, 2, 0, 1000, 900],
    );
    assert.equal(Math.round(q.throughputPerSec), 2941); // 5 items from the first put (1 ms) to the last get (2.7 ms)
  });

  it('keeps a running process open until the end of the log', () => {
    const b = new LogBuilder()
      .start()
      .spawn(0, 'MainProcess')
      .spawn(1, 'sleeper', { daemon: true });
    b.at(100).sleep(1, 5).at(700).log(0, 'bye');
    const s = computeStats(b.build());
    const p = s.processes.find((x) => x.proc === 1)!;
    assert.deepEqual(
      [p.exited, p.exitCode, p.daemon, p.lifetimeUs, p.sleepingUs],
      [false, null, true, 700, 600],
    );
    assert.equal(s.status, undefined);
  });

  it('counts unfinished JoinableQueue tasks and copes with an empty log', () => {
    const b = new LogBuilder().start().spawn(0, 'MainProcess');
    const jq = b.createQueue('jq', 0, true);
    b.put(0, jq, 1).put(0, jq, 2).get(0, jq).taskDone(0, jq);
    assert.equal(computeStats(b.build()).queues[0].unfinished, 1);
    const empty = computeStats([]);
    assert.deepEqual(
      [empty.durationUs, empty.processes, empty.locks, empty.queues],
      [0, [], [], []],
    );
  });
});
