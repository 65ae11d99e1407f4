/**
 * The synchronization course's labs, run for real over several seeds: under a controlled random
 * schedule (virtual time, so every timing the lab relies on is exact) and once in real time. Each
 * outcome is checked against facts the lab does not compute itself where the log allows.
 */
import { strict as assert } from 'node:assert';
import type { EventOf, LabEvent, RunStatus } from '../../src/protocol/events';
import type { RunConfig } from '../../src/protocol/host';
import { ofKind, runEnd } from '../support/events';
import { runLab } from '../support/runLab';

interface Expect {
  status: RunStatus;
  verdict: 'pass' | 'fail';
  outcome: (o: Record<string, unknown>, events: readonly LabEvent[]) => void;
}

function deadlockNamed(events: readonly LabEvent[], who: string[], what: RegExp): void {
  const d = ofKind(events, 'diag').find((e) => e.code === 'deadlock');
  assert.ok(d, 'a deadlock diagnosis');
  for (const name of who) assert.ok(d.message.en.includes(name), d.message.en);
  assert.match(d.message.en, what);
}

const EXPECT: Record<string, Expect> = {
  deadlock: {
    status: 'deadlock',
    verdict: 'fail',
    outcome: (o, events) => {
      assert.deepEqual(o, { deadlocked: true, done: 0, expected: 2, mostAtOnce: 0 });
      deadlockNamed(
        events,
        ['Teller 1', 'Teller 2'],
        /Teller 1 holds account A and waits for account B, held by Teller 2/,
      );
    },
  },
  'deadlock-ordered': {
    status: 'ok',
    verdict: 'pass',
    outcome: (o) => assert.deepEqual(o, { deadlocked: false, done: 6, expected: 6, mostAtOnce: 1 }),
  },
  'dining-philosophers': {
    status: 'deadlock',
    verdict: 'fail',
    outcome: (o, events) => {
      assert.equal(o.deadlocked, true);
      assert.equal(o.done, 0);
      deadlockNamed(
        events,
        [1, 2, 3, 4, 5].map((i) => `Philosopher ${i}`),
        /Philosopher 2 holds fork 2 and waits for fork 3, held by Philosopher 3/,
      );
    },
  },
  'dining-philosophers-ordered': {
    status: 'ok',
    verdict: 'pass',
    outcome: (o) => {
      assert.equal(o.done, 15);
      assert.ok((o.mostAtOnce as number) <= 2, 'five forks feed at most two at once');
    },
  },
  'dining-philosophers-seats': {
    status: 'ok',
    verdict: 'pass',
    outcome: (o, events) => {
      assert.equal(o.done, 15);
      const seated = ofKind(events, 'sem.acquire').map((e) => e.value);
      assert.ok(Math.min(...seated) >= 0 && seated.length === 15);
    },
  },
  'semaphore-pool': {
    status: 'ok',
    verdict: 'pass',
    outcome: (o) => {
      assert.equal(o.connections, 3);
      assert.equal(o.queries, 16);
      assert.ok((o.mostInUse as number) <= 3);
      assert.ok((o.waited as number) > 0, 'eight workers on three connections must wait');
    },
  },
  barrier: {
    status: 'ok',
    verdict: 'pass',
    outcome: (o, events) => {
      assert.deepEqual(o, { laps: 3, early: 0, broken: 0 });
      assert.equal(ofKind(events, 'barrier.arrive').length, 12);
    },
  },
  'readers-writers': {
    status: 'ok',
    verdict: 'fail',
    outcome: (o) => {
      assert.equal(o.wrote, true);
      assert.ok((o.overtaken as number) > 4, `overtaken ${o.overtaken}`);
    },
  },
  'readers-writers-fair': {
    status: 'ok',
    verdict: 'pass',
    outcome: (o) => {
      assert.equal(o.wrote, true);
      assert.ok((o.overtaken as number) <= 4, `overtaken ${o.overtaken}`);
      assert.equal(o.reads, 16);
    },
  },
  'bounded-buffer-condition': {
    status: 'hang',
    verdict: 'fail',
    outcome: (o, events) => {
      assert.equal(o.produced, 3);
      assert.ok((o.consumed as number) < 3);
      const hang = ofKind(events, 'diag').find((e) => e.code === 'hang');
      assert.match(hang!.message.en, /Consumer waits in wait\(\) on items for a notify/);
    },
  },
  'bounded-buffer-condition-fixed': {
    status: 'ok',
    verdict: 'pass',
    outcome: (o) => {
      assert.equal(o.produced, 3);
      assert.equal(o.consumed, 3);
    },
  },
  'pool-map': {
    status: 'ok',
    verdict: 'pass',
    outcome: (o, events) => {
      assert.equal(o.inOrder, true);
      // Lab time: 8 half-second squares are 4 s on one worker, at best 1 s on four.
      assert.ok((o.oneWorkerSec as number) >= 4, `one worker: ${o.oneWorkerSec} s`);
      assert.ok((o.fourWorkersSec as number) >= 1, `four workers: ${o.fourWorkersSec} s`);
      assert.ok((o.speedup as number) >= 2 && (o.speedup as number) <= 4, `speedup ${o.speedup}`);
      const perWorker = o.tasksPerWorker as number[];
      assert.equal(perWorker.length, 4, 'all four workers took tasks');
      assert.equal(
        perWorker.reduce((a, b) => a + b),
        8,
      );
      assert.equal(ofKind(events, 'pool.worker').length, 5);
      // The tasks per worker as a list in each language: "2, 2, 2 and 2", "2、2、2 和 2".
      const told = runEnd(events).narration!;
      assert.match(told.en, /\(they ran \d+, \d+, \d+ and \d+ tasks\)/, told.en);
      assert.match(told['zh-CN'], /（分别跑了 \d+、\d+、\d+ 和 \d+ 个任务）/, told['zh-CN']);
    },
  },
  'value-counter': {
    status: 'ok',
    verdict: 'fail',
    outcome: (o, events) => {
      assert.equal(o.expected, 100);
      assert.ok((o.lost as number) > 0, `lost ${o.lost}`);
      assert.equal((o.counted as number) + (o.lost as number), 100);
      // The counter's last write is its value: the outcome reads the log, not the lab.
      const sets = ofKind(events, 'value.set');
      assert.equal(sets[sets.length - 1].value, o.counted);
      const lost = ofKind(events, 'diag').filter((d) => d.code === 'lost-update');
      assert.match(lost[0].message.en, /^Gate \d read visitors = \d+, then Gate \d wrote visitors/);
    },
  },
  'value-counter-locked': {
    status: 'ok',
    verdict: 'pass',
    outcome: (o, events) => {
      assert.deepEqual(o, { counted: 100, expected: 100, lost: 0 });
      assert.equal(ofKind(events, 'diag').filter((d) => d.code === 'lost-update').length, 0);
    },
  },
  'pipe-ping-pong': {
    status: 'ok',
    verdict: 'pass',
    outcome: (o, events) => {
      assert.deepEqual(o, { rallies: 5, expected: 5, messages: 10, eof: true });
      const ping = ofKind(events, 'proc.spawn').find((e) => e.name === 'Ping')!.proc;
      assert.deepEqual(
        ofKind(events, 'pipe.recv')
          .filter((e) => e.proc === ping)
          .map((e) => e.value),
        [1, 2, 3, 4, 5].map((n) => `pong ${n}`),
      );
      // The narration counts every recv() call, the EOFError included, and never more waits.
      const said = /(\d+) of (\d+) receives had to wait/.exec(runEnd(events).narration!.en);
      assert.ok(said, runEnd(events).narration!.en);
      const calls = ofKind(events, 'pipe.recv').length + ofKind(events, 'pipe.eof').length;
      assert.deepEqual(
        [Number(said[1]), Number(said[2])],
        [ofKind(events, 'pipe.recv.wait').length, calls],
      );
      assert.ok(Number(said[1]) <= calls);
    },
  },
};

async function check(lab: string, opts: Partial<RunConfig>): Promise<void> {
  const r = await runLab(lab, { timeoutSec: 120, ...opts });
  const label = `${lab} ${JSON.stringify(opts)}`;
  const end = runEnd(r.events) as EventOf<'run.end'> & { verdict?: string };
  const want = EXPECT[lab];
  assert.equal(r.status, want.status, `${label}: ${end.message}`);
  assert.equal(end.verdict, want.verdict, `${label}: verdict`);
  want.outcome(end.outcome as Record<string, unknown>, r.events);
  assert.ok(end.narration && end.narration.en.length > 80 && end.narration['zh-CN'].length > 40);
  assert.deepEqual(
    ofKind(r.events, 'error').map((e) => e.message),
    [],
    `${label}: no lab code failed`,
  );
}

describe('the synchronization labs', function () {
  this.timeout(600_000);

  for (const lab of Object.keys(EXPECT)) {
    it(`${lab}: the expected outcome under random schedules (seeds 1-3) and in real time`, async () => {
      for (const seed of [1, 2, 3]) await check(lab, { seed, schedule: 'random' });
      await check(lab, { seed: 4, speed: 2 });
    });
  }
});
