/** Deadlock detection through semaphores: a unit's taker is its holder, until units lose owners. */
import { strict as assert } from 'node:assert';
import type { ChildProcess } from 'node:child_process';
import type { LabWire } from '../../src/runner/labWire';
import type { LockState } from '../../src/runner/locks';
import { newProcRec, type ProcRec } from '../../src/runner/procRec';
import type { SemState } from '../../src/runner/semaphores';
import { findDeadlock, findStuckCycle } from '../../src/runner/waitGraph';
import { newWaiter } from '../../src/runner/waiter';
import type { AnyObj, WaitWorld } from '../../src/runner/waitText';

const fakeChild = { pid: 1 } as unknown as ChildProcess;
const noWire = {} as LabWire;

function world(procs: ProcRec[], objs: AnyObj[]): WaitWorld {
  return { proc: (i) => procs[i], obj: (o) => objs[o - 1] };
}

function sem(obj: number, name: string, holder: ProcRec, ownerless: boolean): SemState {
  return {
    kind: 'sem',
    obj,
    name,
    bounded: false,
    initial: 1,
    value: 0,
    waiters: [],
    holders: new Map([[holder, 1]]),
    ownerless,
  };
}

function lock(obj: number, name: string, holder: ProcRec): LockState {
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

describe('runner: deadlocks through semaphores', () => {
  for (const ownerless of [false, true]) {
    it(`a lock held by one and a semaphore unit taken by the other: ${ownerless ? 'no cycle once a unit was released by a process that had not taken it' : 'a cycle once everyone is stuck, told as who holds what'}`, () => {
      const [main, reader, writer] = ['MainProcess', 'Reader', 'Writer'].map((n, i) =>
        newProcRec(i, n, false, i ? 0 : -1, fakeChild, noWire),
      );
      const room = sem(1, 'room', reader, ownerless);
      const turnstile = lock(2, 'turnstile', writer);
      const w = world([main, reader, writer], [room, turnstile]);
      newWaiter(writer, 1, 'sem', 1, 0);
      newWaiter(reader, 1, 'lock', 2, 0);
      // Another process (a reader inside) may still release the unit: no deadlock while it can move.
      assert.equal(findDeadlock(reader, w), null);
      // Once every process is stuck, the taker of the unit is the one that could have released it.
      const d = findStuckCycle([main, reader, writer], w);
      if (ownerless) return assert.equal(d, null);
      assert.ok(d);
      assert.match(d.message.en, /Reader holds room and waits for turnstile, held by Writer/);
      assert.match(d.message.en, /Writer holds turnstile and waits for room, held by Reader/);
    });
  }
});
