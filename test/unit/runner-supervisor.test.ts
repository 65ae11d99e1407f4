import { strict as assert } from 'node:assert';
import type { ChildProcess } from 'node:child_process';
import type { LabWire } from '../../src/runner/labWire';
import type { LockState } from '../../src/runner/locks';
import { newProcRec, type ProcRec } from '../../src/runner/procRec';
import type { Item, QueueState } from '../../src/runner/queues';
import { Fifo } from '../../src/runner/fifo';
import { describeHang, findDeadlock, isStuck } from '../../src/runner/waitGraph';
import { newWaiter } from '../../src/runner/waiter';
import { tmpdir } from 'node:os';
import { LeaseClaims } from '../../src/runner/leaseClaimsFile';
import { QueueLease } from '../../src/runner/queueLease';
import type { AnyObj, WaitWorld } from '../../src/runner/waitText';
import { describeOp } from '../../src/runner/schedulePoints';
import type { LabMessage } from '../../src/protocol/lab';

const fakeChild = { pid: 1 } as unknown as ChildProcess;
/** Detection reads process state only; nothing is sent to these processes. */
const noWire = {} as LabWire;

function world(procs: ProcRec[], objs: AnyObj[]): WaitWorld {
  return { proc: (i) => procs[i], obj: (o) => objs[o - 1] };
}

function lock(obj: number, name: string, holder: ProcRec | null): LockState {
  return {
    kind: 'lock',
    obj,
    name,
    recursive: false,
    holder,
    depth: 1,
    waiters: [],
    lostBy: new Set(),
  };
}

describe('runner: deadlock and hang detection', () => {
  it('finds a two-lock cycle and names both processes and locks', () => {
    const [main, a, b] = ['MainProcess', 'Left', 'Right'].map((n, i) =>
      newProcRec(i, n, false, i ? 0 : -1, fakeChild, noWire),
    );
    const la = lock(1, 'Lock A', a);
    const lb = lock(2, 'Lock B', b);
    const w = world([main, a, b], [la, lb]);
    newWaiter(a, 1, 'lock', 2, 0);
    assert.equal(findDeadlock(a, w), null, 'one waiting process is no cycle');
    newWaiter(b, 1, 'lock', 1, 0);
    const d = findDeadlock(b, w)!;
    assert.deepEqual(d.procs, [2, 1]);
    assert.deepEqual(d.objs.sort(), [1, 2]);
    assert.match(
      d.message.en,
      /Right holds Lock B and waits for Lock A, held by Left; Left holds Lock A and waits for Lock B, held by Right/,
    );
    assert.match(d.message['zh-CN'], /死锁/);
  });

  it("writes the runner's default names in Chinese into the Chinese text, the lab's as given", () => {
    const [main, a, b] = ['MainProcess', 'Process-1', 'Process-2'].map((n, i) =>
      newProcRec(i, n, false, i ? 0 : -1, fakeChild, noWire),
    );
    const w = world([main, a, b], [lock(1, 'Lock 1', a), lock(2, 'Lock 2', b)]);
    newWaiter(a, 1, 'lock', 2, 0);
    newWaiter(b, 1, 'lock', 1, 0);
    const d = findDeadlock(b, w)!;
    assert.match(d.message.en, /Process-2 holds Lock 2 and waits for Lock 1, held by Process-1/);
    assert.match(d.message['zh-CN'], /进程2拿着锁 2，在等锁 1，而它被进程1拿着/);
    assert.doesNotMatch(d.message['zh-CN'], /Lock \d/);
    // A step's words: the same names.
    const names = { nameOf: () => 'Lock 1', proc: () => undefined };
    const acquire = { id: 1, op: 'lock.acquire', ref: 'r1' } as LabMessage;
    assert.deepEqual(describeOp(acquire, names), { en: 'acquire Lock 1', 'zh-CN': '获取 锁 1' });
    const own = { nameOf: () => 'mutex', proc: () => undefined };
    assert.deepEqual(describeOp(acquire, own), { en: 'acquire mutex', 'zh-CN': '获取 mutex' });
  });

  it('a lock wait with a timeout is no deadlock; a process waiting for its own lock is', () => {
    const p = newProcRec(0, 'MainProcess', false, -1, fakeChild, noWire);
    const l = lock(1, 'Lock 1', p);
    const timed = newWaiter(p, 1, 'lock', 1, 0);
    timed.timer = { cancel() {} };
    assert.equal(findDeadlock(p, world([p], [l])), null);
    timed.timer = null;
    assert.match(findDeadlock(p, world([p], [l]))!.message.en, /which it already holds/);
  });

  it('a join on a process that waits for a lock the joiner holds is a cycle too', () => {
    const main = newProcRec(0, 'MainProcess', false, -1, fakeChild, noWire);
    const c = newProcRec(1, 'Process-1', false, 0, fakeChild, noWire);
    const l = lock(1, 'Lock 1', main);
    newWaiter(c, 1, 'lock', 1, 0);
    newWaiter(main, 2, 'join', 1, 0);
    assert.match(
      findDeadlock(main, world([main, c], [l]))!.message.en,
      /MainProcess waits in join\(\) for Process-1/,
    );
  });

  it('stuck only when every live process waits and no timer is pending', () => {
    const main = newProcRec(0, 'MainProcess', false, -1, fakeChild, noWire);
    const c = newProcRec(1, 'Process-1', true, 0, fakeChild, noWire);
    const q: QueueState = {
      kind: 'queue',
      obj: 1,
      name: 'JoinableQueue 1',
      maxsize: 0,
      joinable: true,
      items: new Fifo<Item>(),
      getters: [],
      putters: [],
      joiners: [],
      unfinished: 3,
      lease: new QueueLease(new LeaseClaims(tmpdir())),
    };
    newWaiter(main, 1, 'qjoin', 1, 0);
    assert.equal(isStuck([main, c], 0), false, 'the daemon is still running');
    newWaiter(c, 1, 'get', 1, 0);
    assert.equal(isStuck([main, c], 1), false, 'a timer will fire');
    assert.equal(isStuck([main, c], 0), true);
    const d = describeHang([main, c], world([main, c], [q]));
    assert.match(
      d.message.en,
      /MainProcess waits in join\(\) on JoinableQueue 1 with 3 unfinished tasks/,
    );
    assert.match(d.message.en, /Process-1 waits in get\(\) on JoinableQueue 1, which is empty/);
    assert.deepEqual(d.objs, [1]);
  });
});
