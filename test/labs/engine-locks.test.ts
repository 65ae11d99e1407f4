import { strict as assert } from 'node:assert';
import { checkLog } from '../../src/protocol/validateEvent';
import { ofKind, printed, printedJson } from '../support/events';
import { fixture, labProcesses, runLab } from '../support/runLab';

describe('engine: Lock across processes', function () {
  this.timeout(90_000);

  it('excludes for real: 8 processes × 100 locked increments of a shared file end at 800', async () => {
    const r = await runLab(fixture('counter-locked.lab.mjs'), { speed: 10 });
    assert.equal(r.status, 'ok', JSON.stringify(r.done));
    assert.deepEqual(checkLog(r.events), { ok: true });
    assert.ok(printed(r.events).includes('final 800'), printed(r.events).join('\n'));
    const writes = ofKind(r.events, 'file.write');
    assert.equal(writes.length, 800);
    assert.deepEqual(
      writes.map((w) => w.value),
      Array.from({ length: 800 }, (_, i) => ({ n: i + 1 })),
    );
    // Between an acquire and its release no other process acquires.
    let holder: number | null = null;
    for (const e of r.events) {
      if (e.kind === 'lock.acquire') {
        assert.equal(
          holder,
          null,
          `proc ${e.proc} acquired while proc ${holder} held the lock (seq ${e.seq})`,
        );
        holder = e.proc;
      } else if (e.kind === 'lock.release') {
        assert.equal(holder, e.proc);
        holder = null;
      }
    }
    assert.ok(
      ofKind(r.events, 'lock.acquire').some((e) => e.waitedUs > 0),
      'some acquires had to wait',
    );
    // The wait an acquire reports is exactly the time between its request's stamp and its own, and
    // a lock taken at once is stamped at its request's instant: the recorder's own sending never
    // shows up as waiting. A release and the hand-off it makes share one instant too.
    const requested = new Map<number, number>();
    let released: number | null = null;
    for (const e of r.events) {
      if (e.kind === 'lock.request') requested.set(e.proc, e.t);
      else if (e.kind === 'lock.acquire') {
        assert.equal(
          e.t - requested.get(e.proc)!,
          e.waitedUs,
          `seq ${e.seq}: recorded wait vs stamps`,
        );
        if (e.waitedUs > 0)
          assert.equal(e.t, released, `seq ${e.seq}: a hand-off is stamped at its release`);
      } else if (e.kind === 'lock.release') released = e.t;
    }
    assert.deepEqual(labProcesses(r.runnerPid), []);
  });

  it('a non-blocking acquire returns false while another process holds the lock; timeouts; releasing unlocked raises', async () => {
    const r = await runLab(fixture('lock-semantics.lab.mjs'), { speed: 10 });
    assert.equal(r.status, 'ok', JSON.stringify(r.done));
    assert.deepEqual(checkLog(r.events), { ok: true });
    const out = printedJson(r.events);
    assert.deepEqual(out, {
      nonBlocking: false,
      timed: false,
      later: true,
      releaseError: 'ValueError',
      exitCode: 0,
      alive: false,
    });
    const main = ofKind(r.events, 'lock.request').filter((e) => e.proc === 0);
    assert.deepEqual(
      main.map((e) => [e.block, e.timeoutSec]),
      [
        [false, undefined],
        [true, 0.2],
        [true, undefined],
      ],
    );
    assert.equal(ofKind(r.events, 'lock.timeout').filter((e) => e.proc === 0).length, 2);
    const create = ofKind(r.events, 'lock.create')[0];
    assert.equal(create.name, 'the lock');
    // The blocking acquire waited for the holder's release, then got the lock.
    const release = ofKind(r.events, 'lock.release').find((e) => e.proc === 1)!;
    const got = ofKind(r.events, 'lock.acquire').find((e) => e.proc === 0)!;
    assert.ok(got.seq > release.seq && got.waitedUs > 0);
  });

  it('a lock released by another process: a release that crossed it is recorded, not fatal; a later one raises ValueError', async () => {
    const r = await runLab(fixture('lock-released-by-other.lab.mjs'), {
      speed: 10,
      timeoutSec: 60,
    });
    assert.equal(r.status, 'ok', JSON.stringify(r.done));
    assert.deepEqual(checkLog(r.events), { ok: true });
    // The crossing release was sent as a notice, already resolved, before main heard of the
    // child's: Python would raise there; the runner records it instead of killing main.
    assert.deepEqual(printedJson(r.events), {
      crossed: null,
      later: 'ValueError',
      again: true,
      child: 0,
    });
    const errors = ofKind(r.events, 'error');
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.equal(errors[0].proc, 0);
    assert.match(
      errors[0].message,
      /MainProcess released the lock after another process had released it/,
    );
    assert.ok(ofKind(r.events, 'proc.exit').every((e) => e.code === 0));
  });
});
