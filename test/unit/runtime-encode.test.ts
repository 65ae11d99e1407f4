import { strict as assert } from 'node:assert';
import { decodeValue, encodeValue } from '../../src/runtime/encode';
import { Lock } from '../../src/runtime/lock';
import { JoinableQueue, Queue } from '../../src/runtime/queue';
import { SharedJson } from '../../src/runtime/sharedJson';

describe('runtime: values that cross processes', () => {
  it('JSON values pass as they are; undefined becomes null, non-finite numbers null', () => {
    assert.deepEqual(encodeValue({ a: [1, 'x', true, null], b: undefined, c: { d: 2 } }), {
      a: [1, 'x', true, null],
      c: { d: 2 },
    });
    assert.equal(encodeValue(undefined), null);
    assert.equal(encodeValue(NaN), null);
    assert.equal(encodeValue(new Date(0)), '1970-01-01T00:00:00.000Z');
  });

  it('primitives travel as references and come back as handles of the same kind', () => {
    const lock = new Lock({}, '0:1');
    const q = new Queue(3, {}, '0:2');
    const jq = new JoinableQueue(0, {}, '0:3');
    const f = new SharedJson('data.json', '0:4');
    const wire = encodeValue([lock, { q, jq }, f]);
    assert.deepEqual(JSON.parse(JSON.stringify(wire)), [
      { $cl: 'Lock', ref: '0:1' },
      {
        q: { $cl: 'Queue', ref: '0:2', maxsize: 3 },
        jq: { $cl: 'JoinableQueue', ref: '0:3', maxsize: 0 },
      },
      { $cl: 'SharedJson', ref: '0:4', name: 'data.json' },
    ]);
    const back = decodeValue(JSON.parse(JSON.stringify(wire))) as [
      Lock,
      { q: Queue; jq: JoinableQueue },
      SharedJson,
    ];
    assert.ok(back[0] instanceof Lock);
    assert.ok(back[1].q instanceof Queue && back[1].q.maxsize === 3 && !back[1].q.joinable);
    assert.ok(back[1].jq instanceof JoinableQueue && back[1].jq.joinable);
    assert.ok(back[2] instanceof SharedJson && back[2].name === 'data.json');
    assert.deepEqual(encodeValue(back), wire);
  });

  it('refuses what cannot travel, with a TypeError', () => {
    assert.throws(() => encodeValue(() => 1), TypeError);
    assert.throws(() => encodeValue({ m: new Map() }), /Map cannot be passed/);
    assert.throws(() => encodeValue(10n), TypeError);
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    assert.throws(() => encodeValue(cyclic), /nested too deeply/);
  });

  it('runtime calls outside a lab process explain themselves', () => {
    assert.throws(() => new Lock(), /only inside a lab process/);
  });
});
