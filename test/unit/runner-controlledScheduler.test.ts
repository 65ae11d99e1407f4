import { strict as assert } from 'node:assert';
import type { StepChoice } from '../../src/protocol/host';
import type { LabMessage } from '../../src/protocol/lab';
import { ControlledScheduler, type Chooser } from '../../src/runner/controlledScheduler';
import type { ProcRec } from '../../src/runner/procRec';
import type { Recorder } from '../../src/runner/recorder';

// The policy alone, driven message by message: whether the OS has ended a killed process before
// the next decision is a race in a real run, so here the test says when the exit comes in.

interface Proc {
  index: number;
  name: string;
  killReason: string | null;
  waiting: Set<unknown>;
  timers: Set<unknown>;
  alive: boolean;
}

function proc(index: number, name: string): Proc {
  return { index, name, killReason: null, waiting: new Set(), timers: new Set(), alive: true };
}

function world(procs: Proc[]) {
  const choices: StepChoice[] = [];
  const takes: ((proc: number) => void)[] = [];
  const chooser: Chooser = {
    mode: 'fifo',
    choose(choice, go) {
      choices.push(choice);
      takes.push(go);
    },
  };
  const rec = { useVirtualClock: () => undefined, emit: () => undefined, flush: () => undefined };
  const executed: string[] = [];
  const scheduler = new ControlledScheduler(
    1,
    (p, msg) => executed.push(`${(p as unknown as Proc).name} ${msg.op}`),
    {
      chooser,
      person: null,
      run: {
        rec: rec as unknown as Recorder,
        alive: () => procs.filter((p) => p.alive) as unknown as ProcRec[],
        ending: () => false,
        stuck: () => assert.fail('nothing is stuck'),
        nameOf: (ref) => ref,
        proc: (i) => procs.find((p) => p.index === i) as unknown as ProcRec,
        obj: () => undefined,
      },
    },
  );
  return { scheduler, choices, takes, executed };
}

/** Lets the policy's setImmediate decision run. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

const acquire = (id: number): LabMessage => ({ id, op: 'lock.acquire', ref: 'L1' }) as LabMessage;

describe('runner: controlled scheduler and killed processes', () => {
  it('never offers a process being killed, even when it had parked at a point, and decides once its exit is in', async () => {
    const main = proc(0, 'MainProcess');
    const worker = proc(1, 'SpawnPoolWorker-1');
    const { scheduler, choices, takes, executed } = world([main, worker]);
    scheduler.admit(worker as unknown as ProcRec, acquire(1));
    scheduler.admit(main as unknown as ProcRec, acquire(2));
    await turn();
    assert.equal(choices.length, 1);
    assert.deepEqual(
      choices[0].runnable.map((r) => r.name),
      ['MainProcess', 'SpawnPoolWorker-1'],
    );
    takes[0](0); // main goes on (say, into terminate()), and the worker is being killed
    worker.killReason = 'terminate';
    scheduler.admit(main as unknown as ProcRec, acquire(3));
    await turn();
    await turn();
    assert.equal(choices.length, 1, 'no decision while the killed worker has not exited');
    worker.alive = false;
    scheduler.exited(worker as unknown as ProcRec);
    await turn();
    assert.equal(choices.length, 2);
    assert.deepEqual(
      choices[1].runnable.map((r) => r.name),
      ['MainProcess'],
      'the killed worker is never offered',
    );
    assert.deepEqual(executed, ['MainProcess lock.acquire']);
  });
});
