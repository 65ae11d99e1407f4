/**
 * Every event kind has a role (src/protocol/eventRoles.ts), and the sets read from the roles are
 * what their holders need: the essential kinds keep a bounded log's names, ends and findings, and
 * the diagnosis is handed every kind it learns from (a log cut down to DIAGNOSED_KINDS gives the
 * same findings as the whole log).
 */
import { strict as assert } from 'node:assert';
import {
  EVENT_KINDS,
  EVENT_SHAPES,
  type EventKind,
  type LabEvent,
} from '../../src/protocol/events';
import {
  ESSENTIAL_KINDS,
  kindRole,
  NAMING_KINDS,
  type KindRole,
} from '../../src/protocol/eventRoles';
import { DIAGNOSED_KINDS, Diagnosis } from '../../src/model/diagnose';
import { LogBuilder } from '../support/logBuilder';
import { contendedLockLog, lostUpdateLog, producerConsumerLog } from '../support/modelLogs';
import { fixture, runLab } from '../support/runLab';

const ROLES: readonly KindRole[] = ['run', 'naming', 'tie', 'report', 'activity'];

/** The findings of `events` as the recorder gets them: fed only `kinds`, ended at the log's end. */
function findings(events: readonly LabEvent[], kinds?: ReadonlySet<EventKind>) {
  const diagnosis = new Diagnosis();
  for (const e of events) if (!kinds || kinds.has(e.kind)) diagnosis.add(e);
  return diagnosis.findings(events[events.length - 1].t);
}

/** Waits on a lock (one gives up), JoinableQueues left with tasks, a torn read, and noise. */
function mixedLog(): LabEvent[] {
  const b = new LogBuilder().start('mixed', 1, 2).spawn(0, 'MainProcess');
  const L = b.createLock('Lock 1');
  const jq = b.createQueue('JoinableQueue 1', 0, true);
  const jobs = b.createQueue('jobs', 0, true);
  const F = b.createFile('data.json', { n: 1 });
  b.spawn(1, 'Process-1').spawn(2, 'Process-2').spawn(3, 'Process-3');
  b.at(10).request(1, L).acquire(1, L).log(1, 'in').sleep(1, 1);
  b.at(20).request(2, L).request(3, L);
  b.at(500).wake(1).release(1, L).acquire(2, L).at(600).lockTimeout(3, L);
  b.at(700).release(2, L).put(0, jq, 1).put(0, jq, 2).get(1, jq).taskDone(1, jq);
  // Its last word on `jobs` is a task_done's count: one of the two items is still unfinished.
  b.at(750).put(0, jobs, 'a').put(0, jobs, 'b').get(2, jobs).get(2, jobs).taskDone(2, jobs);
  b.at(800).queueJoinWait(0, jq).write(2, F, { n: 2 }).tornRead(3, F).joinWait(0, 1);
  b.at(900).exit(1).joinDone(0, 1).exit(2).exit(3);
  return b.build();
}

describe('event roles', () => {
  it('gives every kind one role, and no role to a kind that does not exist', () => {
    for (const kind of EVENT_KINDS) assert.ok(ROLES.includes(kindRole(kind)), kind);
    assert.equal(kindRole('nonsense' as EventKind), undefined);
  });

  it('names with exactly the kinds whose shape has a name', () => {
    assert.deepEqual(
      EVENT_KINDS.filter((k) => kindRole(k) === 'naming'),
      EVENT_KINDS.filter((k) => 'name' in EVENT_SHAPES[k]),
    );
    assert.deepEqual(
      NAMING_KINDS,
      EVENT_KINDS.filter((k) => kindRole(k) === 'naming'),
    );
    assert.ok(NAMING_KINDS.includes('proc.spawn') && NAMING_KINDS.includes('pool.create'));
  });

  it('keeps every kind but activity past a bound', () => {
    for (const kind of EVENT_KINDS)
      assert.equal(ESSENTIAL_KINDS.has(kind), kindRole(kind) !== 'activity', kind);
    for (const kind of ['run.end', 'proc.exit', 'lock.create', 'diag', 'error', 'site'] as const)
      assert.ok(ESSENTIAL_KINDS.has(kind), kind);
    for (const kind of ['lock.acquire', 'queue.put', 'log', 'sched.step'] as const)
      assert.ok(!ESSENTIAL_KINDS.has(kind), kind);
  });

  it('hands the diagnosis the run start, every naming kind, exits, and the activity it reads', () => {
    const essential = [...DIAGNOSED_KINDS].filter((k) => ESSENTIAL_KINDS.has(k));
    assert.deepEqual(essential.sort(), ['run.start', ...NAMING_KINDS, 'proc.exit'].sort());
    for (const kind of DIAGNOSED_KINDS)
      assert.ok(ESSENTIAL_KINDS.has(kind) || kindRole(kind) === 'activity', kind);
  });

  it('the diagnosis finds the same in a log cut down to the kinds it is handed', async () => {
    const real = await runLab(fixture('value-contention.lab.mjs'), { seed: 3, schedule: 'random' });
    const logs = [
      contendedLockLog().events,
      lostUpdateLog().events,
      producerConsumerLog().events,
      mixedLog(),
      real.events,
    ];
    let found = 0;
    for (const events of logs) {
      const all = findings(events);
      found += all.length;
      assert.deepEqual(findings(events, DIAGNOSED_KINDS), all);
    }
    // The logs have something to find: lock contention, a lost update, unfinished tasks, a
    // torn read and the shared Value's lost updates.
    const codes = new Set(logs.flatMap((events) => findings(events).map((f) => f.code)));
    for (const code of ['lock-contention', 'lost-update', 'unfinished-tasks', 'torn-read'])
      assert.ok(codes.has(code as never), `${code} in ${[...codes]}`);
    assert.ok(found > 0);
  });
});
