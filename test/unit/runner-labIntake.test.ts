import { strict as assert } from 'node:assert';
import { LabIntake, type IntakeRun } from '../../src/runner/labIntake';
import { newProcRec } from '../../src/runner/procRec';

/** An intake over a run that records what reaches the scheduler and what the process is sent. */
function intake() {
  const sent: unknown[] = [];
  const admitted: unknown[] = [];
  const run = {
    rec: { emit: () => undefined },
    sched: { admit: (_p: unknown, m: unknown) => admitted.push(m) },
    procs: { kill: () => undefined },
    ending: null,
    fail: () => undefined,
    progress: () => undefined,
    onLabMessage: () => undefined,
    onControl: () => undefined,
  } as unknown as IntakeRun;
  const wire = { send: (m: unknown) => sent.push(m), heard: () => undefined };
  const p = newProcRec(1, 'Process-1', false, 0, { pid: 2 } as never, wire as never);
  return { intake: new LabIntake(run), p, sent, admitted };
}

describe('runner: the lab intake answers every request it refuses', () => {
  it('a malformed request gets an error reply naming the reason; a malformed notice gets none', () => {
    const w = intake();
    w.intake.take(w.p, { id: 7, op: 'lock.acquire', ref: 'r', block: true, timeoutSec: null });
    w.intake.take(w.p, { id: 8, op: 'proc.join', target: 1, timeoutSec: null });
    w.intake.take(w.p, { id: 9, op: 'no.such.op' });
    w.intake.take(w.p, { id: 0, op: 'log', text: 1 });
    w.intake.take(w.p, { id: -3, op: 'sleep', sec: 1 });
    assert.deepEqual(
      w.sent.map((m) => m as { id: number; ok: boolean; err: { name: string; message: string } }),
      [
        [7, 'lock.acquire: field "timeoutSec" is not num'],
        [8, 'proc.join: field "timeoutSec" is not num'],
        [9, 'unknown operation "no.such.op"'],
      ].map(([id, reason]) => ({
        id,
        ok: false,
        err: { name: 'TypeError', message: `the runner refused this call: ${reason}` },
      })),
    );
    assert.equal(w.admitted.length, 0);
  });

  it('a batch too long is refused whole, and each request in it is answered', () => {
    const w = intake();
    const batch: unknown[] = Array.from({ length: 1000 }, () => ({ id: 0, op: 'log', text: 'x' }));
    batch.push({ id: 12, op: 'sleep', sec: 0 });
    w.intake.take(w.p, batch);
    assert.deepEqual(w.sent, [
      {
        id: 12,
        ok: false,
        err: {
          name: 'TypeError',
          message: 'the runner refused this call: a batch must hold 1 to 1000 messages',
        },
      },
    ]);
    assert.equal(w.admitted.length, 0);
  });

  it('a valid request goes on to the scheduler, unanswered here', () => {
    const w = intake();
    w.intake.take(w.p, { id: 3, op: 'sleep', sec: 1 });
    assert.deepEqual(w.sent, []);
    assert.equal(w.admitted.length, 1);
  });
});
