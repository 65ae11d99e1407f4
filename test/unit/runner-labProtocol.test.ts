import { strict as assert } from 'node:assert';
import { checkLabMessage, isToLab } from '../../src/protocol/lab';

describe('lab → runner wire: checkLabMessage', () => {
  it('accepts well-formed requests and notices', () => {
    const good: unknown[] = [
      { id: 1, op: 'sleep', sec: 0.5 },
      { id: 2, op: 'lock.acquire', ref: '0:1', block: true },
      { id: 3, op: 'lock.acquire', ref: '0:1', block: true, timeoutSec: 2 },
      { id: 0, op: 'lock.release', ref: '0:1' },
      { id: 0, op: 'queue.create', ref: '0:2', maxsize: 5, joinable: false, name: 'q' },
      { id: 0, op: 'queue.put', ref: '0:2', value: { a: [1, 'x', null] }, block: true },
      { id: 4, op: 'queue.query', ref: '0:2', what: 'qsize' },
      { id: 0, op: 'file.didRead', ref: '0:3', error: 'Unexpected end of JSON input', raw: '' },
      {
        id: 5,
        op: 'proc.start',
        target: 'worker',
        args: [1, { $cl: 'Lock', ref: '0:1' }],
        name: 'P',
        daemon: false,
        identity: [1],
      },
      { id: 0, op: 'hello', lab: 'x', title: { en: 'x', 'zh-CN': 'x' }, processes: 3 },
    ];
    for (const m of good) assert.equal(checkLabMessage(m), null, JSON.stringify(m));
  });

  it('refuses malformed ones with a reason', () => {
    const bad: [unknown, RegExp][] = [
      [null, /object/],
      [[], /object/],
      ['x', /object/],
      [{ op: 'sleep', sec: 1 }, /"id"/],
      [{ id: -1, op: 'sleep', sec: 1 }, /"id"/],
      [{ id: 1.5, op: 'sleep', sec: 1 }, /"id"/],
      [{ id: 1, op: 'nope' }, /unknown operation/],
      [{ id: 1, op: 'toString' }, /unknown operation/],
      [{ id: 1, op: 'sleep' }, /missing field "sec"/],
      [{ id: 1, op: 'sleep', sec: Infinity }, /"sec" is not num/],
      [{ id: 1, op: 'lock.acquire', ref: 1, block: true }, /"ref" is not str/],
      [{ id: 1, op: 'log', text: 'x', extra: 1 }, /unknown field "extra"/],
      [{ id: 1, op: 'queue.query', ref: 'r', what: 'peek' }, /"what"/],
      [{ id: 1, op: 'queue.create', ref: 'r', maxsize: -1, joinable: false }, /"maxsize"/],
      [{ id: 1, op: 'hello', lab: 'x', title: 'x' }, /"title"/],
      [{ id: 1, op: 'log', text: 'x'.repeat(1_000_001) }, /"text"/],
    ];
    for (const [m, re] of bad)
      assert.match(checkLabMessage(m) ?? 'accepted', re, JSON.stringify(m)?.slice(0, 80));
  });

  it('checks deep values without recursing forever', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 1000; i++) deep = [deep];
    assert.match(
      checkLabMessage({ id: 0, op: 'queue.put', ref: 'r', value: deep, block: true }) ?? '',
      /"value"/,
    );
  });

  it('isToLab tells runner messages apart', () => {
    const init = {
      proc: 0,
      name: 'MainProcess',
      daemon: false,
      identity: [],
      lab: 'ticket-race',
      seed: 1,
      speed: 1,
      lang: 'en',
      dir: '/tmp/run',
    };
    assert.ok(isToLab({ init }));
    assert.ok(!isToLab({ init: { proc: 0 } }), 'an init without its fields');
    assert.ok(!isToLab({ init: { ...init, extra: 1 } }), 'an init with a field it does not have');
    assert.ok(isToLab({ id: 0, ok: false, err: { name: 'ValueError', message: 'no' } }));
    assert.ok(!isToLab({ id: 4, ok: false, err: 'no' }), 'a rejection without an error object');
    assert.ok(isToLab({ prepare: { lab: 'x' } }));
    assert.ok(isToLab({ id: 3, ok: true, value: null }));
    assert.ok(isToLab({ exited: 2, code: 0 }));
    assert.ok(!isToLab({ id: 'x' }));
    assert.ok(!isToLab(null));
  });
});
