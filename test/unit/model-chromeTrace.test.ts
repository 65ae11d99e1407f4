import { strict as assert } from 'node:assert';
import { toChromeTrace, type ChromeTrace } from '../../src/model/chromeTrace';
import { LogBuilder, renumber } from '../support/logBuilder';
import { contendedLockLog, lostUpdateLog, producerConsumerLog } from '../support/modelLogs';
import { assertFlowsBind, assertSlicesNest } from '../support/traceChecks';

const flows = (t: ChromeTrace, cat: string) => {
  const s = t.traceEvents.filter((e) => e.cat === cat && e.ph === 's');
  const f = new Map(
    t.traceEvents.filter((e) => e.cat === cat && e.ph === 'f').map((e) => [e.id, e]),
  );
  return s.map((e) => [e.tid, f.get(e.id)?.tid, f.get(e.id)?.bp]);
};

describe('model/chromeTrace', () => {
  it('names the run and a thread per process, and is plain JSON', () => {
    const { events } = producerConsumerLog();
    const t = toChromeTrace(events);
    assert.deepEqual(JSON.parse(JSON.stringify(t)), t);
    assert.equal(t.displayTimeUnit, 'ms');
    assert.deepEqual(t.metadata, {
      generator: 'Concurrency Labs',
      protocol: 1,
      lab: 'pc',
      events: events.length,
      title: 'pc',
      seed: 1,
      speed: 1,
      status: 'ok',
    });
    const threads = t.traceEvents
      .filter((e) => e.ph === 'M' && e.name === 'thread_name')
      .map((e) => [e.tid, e.args!.name]);
    assert.deepEqual(threads, [
      [0, 'the runner'],
      [1, 'MainProcess'],
      [2, 'P1'],
      [3, 'P2'],
      [4, 'C'],
    ]);
    assert.deepEqual(t.traceEvents.find((e) => e.name === 'process_name')!.args, {
      name: 'pc (seed 1)',
    });
  });

  it('draws a flow from each put to the get of the same item', () => {
    const t = toChromeTrace(producerConsumerLog().events);
    // P1 (tid 2) put a1, a2, a3; P2 (tid 3) put b1; main (tid 1) put the sentinel; C (tid 4) got all five.
    assert.deepEqual(flows(t, 'queue.flow'), [
      [2, 4, 'e'],
      [2, 4, 'e'],
      [3, 4, 'e'],
      [2, 4, 'e'],
      [1, 4, 'e'],
    ]);
    assertFlowsBind(t);
    assertSlicesNest(t);
  });

  it('counts queue depth over time', () => {
    const t = toChromeTrace(producerConsumerLog().events);
    const depth = t.traceEvents
      .filter((e) => e.ph === 'C' && e.name === 'q #1 depth')
      .map((e) => e.args!.depth);
    assert.deepEqual(depth, [0, 1, 0, 1, 2, 1, 2, 1, 0, 1, 0]);
    const blocked = t.traceEvents.find((e) => e.ph === 'X' && e.name === 'put blocked: q full')!;
    assert.deepEqual([blocked.tid, blocked.ts, blocked.dur], [2, 1300, 1000]);
  });

  it('shows lock waits, holds, and handoff flows to the waiter each release let through', () => {
    const t = toChromeTrace(contendedLockLog().events);
    const spans = t.traceEvents
      .filter((e) => e.ph === 'X' && (e.cat === 'lock.wait' || e.cat === 'lock.hold'))
      .map((e) => [e.tid, e.name, e.ts, e.dur]);
    assert.deepEqual(
      spans.filter((s) => s[0] === 4),
      [
        [4, 'wait mutex', 120, 2980],
        [4, 'hold mutex', 3100, 500],
      ],
    );
    assert.deepEqual(flows(t, 'lock.flow'), [
      [2, 3, 'e'],
      [3, 4, 'e'],
    ]);
    assertFlowsBind(t);
    assertSlicesNest(t);
  });

  it('marks file reads and writes with their values, and diagnoses as global instants', () => {
    const b = new LogBuilder().start().spawn(0, 'MainProcess');
    const F = b.createFile('data.json', { ticket_num: 1 });
    b.read(0, F).tornRead(0, F, '{').write(0, F, { ticket_num: 0 });
    b.add(-1, 'diag', {
      code: 'lost-update',
      message: { en: 'x', 'zh-CN': '某' },
      procs: [0],
      objs: [F],
    });
    const t = toChromeTrace(b.build());
    const inst = t.traceEvents.filter((e) => e.ph === 'i').map((e) => [e.name, e.s, e.args]);
    assert.deepEqual(inst, [
      ['read data.json = {"ticket_num":1}', 't', { file: 'data.json', value: { ticket_num: 1 } }],
      [
        'torn read data.json',
        't',
        { file: 'data.json', error: 'Unexpected end of JSON input', raw: '{' },
      ],
      ['write data.json = {"ticket_num":0}', 't', { file: 'data.json', value: { ticket_num: 0 } }],
      ['lost-update', 'g', { en: 'x', zh: '某', procs: [0], objs: [F] }],
    ]);
  });

  it('turns spans that do not nest into async pairs instead of breaking the thread', () => {
    const b = new LogBuilder().start().spawn(0, 'MainProcess');
    b.at(0).sleep(0, 1).at(50).sleep(0, 1).at(100).wake(0).at(150).wake(0).exit(0);
    const t = toChromeTrace(b.build());
    assertSlicesNest(t);
    const async = t.traceEvents
      .filter((e) => e.ph === 'b' || e.ph === 'e')
      .map((e) => [e.ph, e.name, e.ts]);
    assert.deepEqual(async, [
      ['b', 'sleep', 50],
      ['e', 'sleep', 150],
    ]);
  });

  it('exports any valid log, even an empty or cut one', () => {
    assert.doesNotThrow(() => JSON.stringify(toChromeTrace([])));
    const cut = renumber(lostUpdateLog().events.slice(5));
    const t = toChromeTrace(cut);
    assert.deepEqual(JSON.parse(JSON.stringify(t)), t);
    assertSlicesNest(t);
  });
});
