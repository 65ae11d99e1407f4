/**
 * The model must not throw on any valid log, however odd: the runner calls it on logs of crashed,
 * stopped and learner-written runs. Random logs (seeded) of every event kind, in any order.
 */
import { siteStats } from '../../src/model/siteStats';
import { strict as assert } from 'node:assert';
import { lockHandoffs, lockIntervals, matchPutsToGets } from '../../src/model/analysis';
import { toChromeTrace } from '../../src/model/chromeTrace';
import { diagnose } from '../../src/model/diagnose';
import { computeStats } from '../../src/model/stats';
import {
  EVENT_KINDS,
  type EventFields,
  type EventKind,
  type Json,
} from '../../src/protocol/events';
import { checkEvent } from '../../src/protocol/validateEvent';
import { LogBuilder } from '../support/logBuilder';
import { assertSlicesNest } from '../support/traceChecks';

function rng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s % n;
  };
}

function randomLog(seed: number, length: number) {
  const r = rng(seed);
  const values: Json[] = [
    null,
    0,
    1,
    'x',
    { ticket_num: 1 },
    { ticket_num: 0 },
    [1, 2],
    { a: { b: 1 } },
    '<img src=x onerror=alert(1)>',
  ];
  const obj = () => 1 + r(4);
  const fields: { [K in EventKind]: () => EventFields[K] } = {
    'run.start': () => ({ lab: 'fuzz', title: { en: 'f', 'zh-CN': 'f' }, seed: r(9), speed: 1 }),
    'run.end': () => ({ status: 'ok' }),
    'run.limit': () => ({ what: 'events', message: 'm' }),
    'proc.spawn': () => ({
      name: ['进程1', 'P', '', '<b>x</b>'][r(4)],
      parent: r(3) - 1,
      daemon: r(2) === 0,
      pid: r(99999),
    }),
    'proc.exit': () => ({ code: r(3) === 0 ? null : r(3), reason: 'returned' }),
    'proc.join.wait': () => ({ target: r(6) }),
    'proc.join.done': () => ({ target: r(6), timedOut: r(2) === 0 }),
    'proc.terminate': () => ({ target: r(6) }),
    'sleep.begin': () => ({ sec: r(3) }),
    'sleep.end': () => ({}),
    'lock.create': () => ({ obj: obj(), name: 'L' }),
    'lock.request': () => ({ obj: obj(), block: r(2) === 0 }),
    'lock.acquire': () => ({ obj: obj(), waitedUs: r(5000), site: r(3) === 0 ? undefined : r(5) }),
    'lock.release': () => ({ obj: obj() }),
    'lock.timeout': () => ({ obj: obj() }),
    'queue.create': () => ({ obj: obj(), name: 'Q', maxsize: r(3), joinable: r(2) === 0 }),
    'queue.put.wait': () => ({ obj: obj() }),
    'queue.put': () => ({ obj: obj(), item: r(20), value: values[r(values.length)], size: r(5) }),
    'queue.full': () => ({ obj: obj() }),
    'queue.get.wait': () => ({ obj: obj() }),
    'queue.get': () => ({ obj: obj(), item: r(20), value: values[r(values.length)], size: r(5) }),
    'queue.empty': () => ({ obj: obj() }),
    'queue.query': () => ({ obj: obj(), op: 'qsize', result: r(4) }),
    'queue.task_done': () => ({ obj: obj(), unfinished: r(4) }),
    'queue.join.wait': () => ({ obj: obj(), unfinished: r(4) }),
    'queue.join.done': () => ({ obj: obj() }),
    'file.create': () => ({ obj: obj(), name: 'data.json', value: values[r(values.length)] }),
    'file.read': () =>
      r(3) === 0
        ? { obj: obj(), error: 'torn', raw: '{"tick' }
        : { obj: obj(), value: values[r(values.length)] },
    'file.write': () => ({ obj: obj(), value: values[r(values.length)] }),
    log: () => ({ text: 'hello' }),
    error: () => ({ message: 'boom' }),
    diag: () => ({ code: 'hang', message: { en: 'h', 'zh-CN': 'h' }, procs: [1], objs: [] }),
    site: () => ({ id: r(5), file: '/labs/a.lab.mjs', line: 1 + r(40), col: 1 + r(9) }),
    'sched.step': () => ({
      step: 1 + r(50),
      chosen: r(4),
      runnable: [0, 1, 2],
      ops: ['a', 'b', 'c'],
    }),
    'lock.depth': () => ({ obj: obj(), depth: r(4) }),
    'sem.create': () => ({ obj: obj(), name: 'S', value: r(4), bounded: r(2) === 0 }),
    'sem.request': () => ({ obj: obj(), block: r(2) === 0 }),
    'sem.acquire': () => ({ obj: obj(), waitedUs: r(5000), value: r(3) }),
    'sem.release': () => ({ obj: obj(), value: r(3) }),
    'sem.timeout': () => ({ obj: obj() }),
    'event.create': () => ({ obj: obj(), name: 'E' }),
    'event.set': () => ({ obj: obj(), woke: [r(4)] }),
    'event.clear': () => ({ obj: obj() }),
    'event.wait': () => ({ obj: obj() }),
    'event.wake': () => ({ obj: obj(), flag: r(2) === 0, waitedUs: r(5000) }),
    'cond.create': () => ({ obj: obj(), name: 'C', lock: obj() }),
    'cond.wait': () => ({ obj: obj() }),
    'cond.notify': () => ({ obj: obj(), woke: [r(4)] }),
    'cond.wake': () => ({ obj: obj(), notified: r(2) === 0, waitedUs: r(5000) }),
    'barrier.create': () => ({ obj: obj(), name: 'B', parties: 1 + r(4) }),
    'barrier.arrive': () => ({ obj: obj(), gen: r(3), index: r(3) }),
    'barrier.pass': () => ({ obj: obj(), gen: r(3) }),
    'barrier.broken': () => ({ obj: obj(), gen: r(3), why: 'abort' }),
    'barrier.reset': () => ({ obj: obj() }),
    'value.create': () =>
      r(2) === 0
        ? { obj: obj(), name: 'V', typecode: 'i', value: r(9) }
        : { obj: obj(), name: 'A', typecode: 'd', value: [1, 2.5], size: 2, lock: obj() },
    'value.get': () => ({ obj: obj(), value: values[r(values.length)], index: r(3) }),
    'value.set': () => ({ obj: obj(), value: values[r(values.length)] }),
    'pipe.create': () => ({ obj: obj(), name: 'P', duplex: r(2) === 0 }),
    'pipe.send': () => ({ obj: obj(), end: r(2), msg: r(9), value: values[r(9)], pending: r(3) }),
    'pipe.recv.wait': () => ({ obj: obj(), end: r(2) }),
    'pipe.recv': () => ({ obj: obj(), end: r(2), msg: r(9), value: values[r(9)], pending: r(3) }),
    'pipe.eof': () => ({ obj: obj(), end: r(2) }),
    'pipe.poll': () => ({ obj: obj(), end: r(2), result: r(2) === 0 }),
    'pipe.close': () => ({ obj: obj(), end: r(2), holders: r(3) }),
    'pipe.broken': () => ({ obj: obj(), end: r(2) }),
    'pool.create': () => ({ obj: obj(), name: 'P', processes: 1 + r(4) }),
    'pool.worker': () => ({ obj: obj() }),
    'pool.submit': () => ({
      obj: obj(),
      job: 1 + r(3),
      fn: 'f',
      call: 'map',
      tasks: r(4),
      items: r(8),
    }),
    'pool.start': () => ({ obj: obj(), job: 1 + r(3), task: r(4), items: 1 + r(3) }),
    'pool.done': () => ({ obj: obj(), job: 1 + r(3), task: r(4), ok: r(2) === 0 }),
    'pool.retire': () => ({ obj: obj(), tasks: r(3) }),
    'pool.wait': () => ({ obj: obj(), job: 1 + r(3) }),
    'pool.result': () => ({
      obj: obj(),
      job: 1 + r(3),
      ok: r(2) === 0,
      delivered: r(2) === 0,
      waitedUs: r(1000),
    }),
    'pool.close': () => ({ obj: obj() }),
    'pool.terminate': () => ({ obj: obj() }),
    'pool.join.wait': () => ({ obj: obj() }),
    'pool.join.done': () => ({ obj: obj() }),
  };
  const b = new LogBuilder();
  for (let i = 0; i < length; i++) {
    const kind = EVENT_KINDS[r(EVENT_KINDS.length)];
    b.after(r(3) === 0 ? 0 : r(1000)).add(r(7) - 1, kind, fields[kind]() as never);
  }
  return b.build();
}

describe('model robustness on arbitrary valid logs', () => {
  it('never throws, and its findings and traces stay valid', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const events = randomLog(seed, 20 + (seed % 7) * 40);
      const label = `seed ${seed}`;
      const findings = diagnose(events);
      for (const f of findings) {
        const c = checkEvent({ v: 1, seq: 0, t: 0, proc: -1, kind: 'diag', ...f });
        assert.ok(c.ok, `${label}: ${JSON.stringify(c)}`);
        assert.ok(
          f.at === undefined || (f.at >= 0 && f.at < events.length),
          `${label}: at ${f.at}`,
        );
      }
      const stats = computeStats(events);
      for (const p of stats.processes)
        for (const k of [
          'lifetimeUs',
          'sleepingUs',
          'lockWaitUs',
          'lockHoldUs',
          'putBlockedUs',
          'getBlockedUs',
          'joinWaitUs',
        ] as const) {
          assert.ok(Number.isFinite(p[k]) && p[k] >= 0, `${label}: ${p.name} ${k} = ${p[k]}`);
        }
      for (const l of stats.locks)
        assert.ok(l.wait.minUs <= l.wait.p95Us && l.wait.p95Us <= l.wait.maxUs, label);
      matchPutsToGets(events);
      lockHandoffs(events);
      for (const iv of lockIntervals(events))
        assert.ok(iv.waitUs >= 0 && (iv.holdUs ?? 0) >= 0, label);
      for (const site of siteStats(events).values())
        for (const x of [site, ...site.byProc])
          for (const k of ['calls', 'waitUs', 'maxWaitUs', 'holdUs', 'maxHoldUs'] as const)
            assert.ok(
              Number.isFinite(x[k]) && x[k] >= 0,
              `${label}: site ${site.id} ${k} = ${x[k]}`,
            );
      const trace = toChromeTrace(events);
      assert.deepEqual(JSON.parse(JSON.stringify(trace)), trace, label);
      assertSlicesNest(trace);
    }
  });
});
