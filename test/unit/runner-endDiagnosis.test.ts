/**
 * The end of a run does not read the log back: the recorder feeds the diagnosis each event as it
 * records it (the commonest straight from their fields), and its findings are those of the
 * whole log. Checked three ways: a recorder driven through its fast paths decodes no batch to
 * get its findings, and they equal `diagnose` over the decoded log; the lock waits gathered event
 * by event equal those the log's lock intervals give (lockIntervals.ts); and in real runs the
 * runner's `diag` events equal `diagnose` over the log before them.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diagnose } from '../../src/model/diagnose';
import { lockIntervals, type LockInterval } from '../../src/model/lockIntervals';
import { LockWaits } from '../../src/model/lockWaits';
import type { LabEvent } from '../../src/protocol/events';
import { DEFAULT_CONFIG } from '../../src/protocol/host';
import { recordEnding } from '../../src/runner/ending';
import { Recorder } from '../../src/runner/recorder';
import { Run } from '../../src/runner/run';
import { Watchdog } from '../../src/runner/watchdog';
import { ensureBuilt } from '../support/build';
import { fixture, runLab } from '../support/runLab';

/** What the contention finding says of each lock, from the log's lock intervals. */
function fromIntervals(events: readonly LabEvent[]) {
  const byLock = new Map<number, LockInterval[]>();
  for (const iv of lockIntervals(events)) {
    const list = byLock.get(iv.obj);
    if (list) list.push(iv);
    else byLock.set(iv.obj, [iv]);
  }
  return [...byLock].map(([obj, list]) => {
    const waited = list.filter((iv) => iv.contended);
    const longest = waited.length
      ? waited.reduce((a, b) => (b.waitUs > a.waitUs ? b : a))
      : undefined;
    return {
      obj,
      waiters: [...new Set(waited.map((iv) => iv.proc))].sort(),
      acquired: list.filter((iv) => iv.acquireT !== undefined).length,
      acquiredAfterWait: waited.filter((iv) => iv.acquireT !== undefined).length,
      gaveUp: waited.filter((iv) => iv.waitEnd === 'timeout').length,
      neverGot: waited.filter((iv) => iv.waitEnd === 'exited' || iv.waitEnd === 'log-end').length,
      longest: longest && {
        proc: longest.proc,
        waitUs: longest.waitUs,
        holders: holdersDuring(list, longest),
        at: longest.acquireSeq ?? longest.requestSeq,
        ...(longest.waitEnd === 'exited' || longest.waitEnd === 'log-end'
          ? { neverGot: true }
          : {}),
      },
    };
  });
}

function holdersDuring(list: readonly LockInterval[], w: LockInterval): number[] {
  const out: number[] = [];
  for (const iv of list) {
    if (iv.acquireT === undefined || iv.proc === w.proc || out.includes(iv.proc)) continue;
    if (iv.acquireSeq! < (w.waitEndSeq ?? Infinity) && (iv.releaseSeq ?? Infinity) > w.requestSeq)
      out.push(iv.proc);
  }
  return out;
}

function fromEvents(events: readonly LabEvent[]) {
  const waits = new LockWaits();
  for (const e of events) {
    if (e.kind === 'lock.request') waits.request(e.obj, e.proc, e.seq, e.t);
    else if (e.kind === 'lock.acquire') waits.acquire(e.obj, e.proc, e.seq, e.t, e.waitedUs);
    else if (e.kind === 'lock.release') waits.release(e.obj);
    else if (e.kind === 'lock.timeout') waits.timeout(e.obj, e.proc, e.t);
    else if (e.kind === 'proc.exit') waits.exited(e.proc, e.t);
  }
  return waits.summaries(events.length ? events[events.length - 1].t : 0).map((s) => ({
    ...s,
    waiters: [...s.waiters].sort(),
    ...(s.longest ? {} : { longest: undefined }),
  }));
}

/** A log of lock events from a compact script: [kind, proc, obj, t, waitedUs?]. */
function lockLog(steps: [string, number, number, number, number?][]): LabEvent[] {
  return steps.map(([kind, proc, obj, t, waitedUs], seq) => {
    const head = { v: 1 as const, seq, t, proc };
    if (kind === 'exit')
      return { ...head, kind: 'proc.exit', code: 0, reason: 'returned' } as LabEvent;
    if (kind === 'request') return { ...head, kind: 'lock.request', obj, block: true };
    if (kind === 'acquire') return { ...head, kind: 'lock.acquire', obj, waitedUs: waitedUs ?? 0 };
    return { ...head, kind: `lock.${kind}`, obj } as LabEvent;
  });
}

/** The codes `diagnose` finds (the runner finds others while the run goes on). */
const DIAGNOSED_CODES = new Set([
  'lost-update',
  'torn-read',
  'lock-contention',
  'unfinished-tasks',
]);

describe('the end of a run: findings gathered as the events were recorded', function () {
  this.timeout(300_000);

  it('a recorder fed through its fast paths has its findings without decoding a batch', () => {
    const rec = new Recorder(
      () => {},
      1_000_000,
      undefined,
      () => {},
    );
    rec.emit(-1, 'run.start', {
      lab: 'x',
      title: { en: 'X', 'zh-CN': 'X' },
      seed: 1,
      speed: 2,
    });
    for (const proc of [0, 1, 2])
      rec.emit(proc, 'proc.spawn', {
        name: `P${proc}`,
        pid: 100 + proc,
        parent: -1,
        daemon: false,
      });
    rec.emit(0, 'lock.create', { obj: 1, name: 'Lock 1' });
    rec.emit(0, 'file.create', { obj: 2, name: 'data.json', value: 1 });
    // Three thousand rounds of three processes taking one lock in turn: most of them wait.
    for (let round = 0; round < 3000; round++) {
      rec.emitRequest(0, 1, true, undefined, undefined);
      rec.emitAcquire(0, 1, 0, undefined);
      rec.emitRequest(1, 1, true, undefined, undefined);
      rec.emitRequest(2, 1, true, undefined, undefined);
      rec.emitObj(0, 'lock.release', 1, undefined);
      rec.emitAcquire(1, 1, 5, undefined);
      rec.emitObj(1, 'lock.release', 1, undefined);
      rec.emitAcquire(2, 1, 9, undefined);
      rec.emitObj(2, 'lock.release', 1, undefined);
    }
    // A lost update: 1 and 2 read 1, 1 writes 0, 2 writes 0 over it.
    rec.emit(1, 'file.read', { obj: 2, value: 1 });
    rec.emit(2, 'file.read', { obj: 2, value: 1 });
    rec.emit(1, 'file.write', { obj: 2, value: 0 });
    rec.emit(2, 'file.write', { obj: 2, value: 0 });
    rec.emit(0, 'queue.create', { obj: 3, name: 'jobs', maxsize: 0, joinable: true });
    rec.emitItem(0, 'queue.put', 3, 1, 'job', 1, undefined);
    rec.emitItem(1, 'queue.get', 3, 1, 'job', 0, undefined);
    for (const proc of [1, 2, 0]) rec.emit(proc, 'proc.exit', { code: 0, reason: 'returned' });
    rec.flush();
    assert.ok(rec.count > 27_000);

    const findings = rec.diagnosis.findings(rec.lastEventT);
    assert.equal(rec.batchesDecoded, 0, 'no batch was decoded to diagnose the run');
    assert.deepEqual(
      findings.map((f) => f.code),
      ['lost-update', 'lock-contention', 'unfinished-tasks'],
    );
    // The same findings as the whole log read back gives.
    assert.deepEqual(findings, diagnose(rec.events));
    assert.ok(rec.batchesDecoded > 0, 'reading the log back does decode it');
  });

  it("an own lab's run ends without reading its log back, and its findings are the log's", () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-end-'));
    const sent: unknown[] = [];
    const run = new Run(
      { ...DEFAULT_CONFIG, lab: join(dir, 'own.lab.mjs'), seed: 1, speed: 1 },
      {
        spec: join(dir, 'own.lab.mjs'),
        label: 'own.lab.mjs',
        title: { en: 'Own', 'zh-CN': 'Own' },
      },
      dir,
      (msg) => sent.push(msg),
      { labhost: join(dir, 'labhost.js'), env: {} },
      new Watchdog(),
      () => {},
    );
    try {
      const { rec } = run;
      rec.emit(-1, 'run.start', {
        lab: 'own.lab.mjs',
        title: { en: 'Own', 'zh-CN': 'Own' },
        seed: 1,
        speed: 1,
      });
      for (const proc of [0, 1])
        rec.emit(proc, 'proc.spawn', {
          name: `P${proc}`,
          pid: 200 + proc,
          parent: -1,
          daemon: false,
        });
      rec.emit(0, 'lock.create', { obj: 1, name: 'Lock 1' });
      for (let round = 0; round < 5000; round++) {
        rec.emitRequest(0, 1, true, undefined, undefined);
        rec.emitAcquire(0, 1, 0, undefined);
        rec.emitRequest(1, 1, true, undefined, undefined);
        rec.emitObj(0, 'lock.release', 1, undefined);
        rec.emitAcquire(1, 1, 3, undefined);
        rec.emitObj(1, 'lock.release', 1, undefined);
      }
      for (const proc of [1, 0]) rec.emit(proc, 'proc.exit', { code: 0, reason: 'returned' });
      recordEnding(run, { status: 'ok', message: 'finished' });
      assert.equal(rec.batchesDecoded, 0, 'the end of the run decoded no batch of its log');
      const events = rec.events;
      const diags = events.filter((e) => e.kind === 'diag');
      const first = events.findIndex((e) => e.kind === 'diag');
      assert.deepEqual(
        diags.map((d) => (d.kind === 'diag' ? [d.code, d.message, d.procs, d.objs, d.at] : [])),
        diagnose(events.slice(0, first)).map((f) => [f.code, f.message, f.procs, f.objs, f.at]),
      );
      assert.deepEqual(
        diags.map((d) => d.kind === 'diag' && d.code),
        ['lock-contention'],
      );
      assert.equal(events.at(-1)?.kind, 'run.end');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the lock waits gathered event by event are those of the lock intervals', () => {
    const logs: LabEvent[][] = [
      // Plain hand-offs, a waiter that times out, one that exits while waiting, one still
      // waiting when the log ends.
      lockLog([
        ['request', 1, 7, 0],
        ['acquire', 1, 7, 1],
        ['request', 2, 7, 2],
        ['request', 3, 7, 3],
        ['request', 4, 7, 4],
        ['timeout', 3, 7, 10],
        ['release', 1, 7, 20],
        ['acquire', 2, 7, 21],
        ['exit', 4, 0, 30],
        ['request', 1, 7, 31],
        ['release', 2, 7, 40],
        ['acquire', 1, 7, 41],
        ['request', 2, 7, 42],
        ['request', 5, 7, 43],
      ]),
      // A log cut before a request (the acquire reports its wait), a lock released by another
      // process, and a re-entrant acquire whose outer hold is never released.
      lockLog([
        ['acquire', 1, 3, 50, 40],
        ['request', 2, 3, 51],
        ['release', 2, 3, 60],
        ['acquire', 2, 3, 61],
        ['request', 2, 3, 62],
        ['acquire', 2, 3, 63],
        ['release', 2, 3, 64],
        ['request', 1, 3, 70],
        ['acquire', 1, 3, 90],
        ['request', 3, 3, 91],
        ['request', 3, 3, 92],
        ['release', 1, 3, 95],
        ['acquire', 3, 3, 96],
      ]),
    ];
    for (const log of logs) assert.deepEqual(fromEvents(log), fromIntervals(log));
  });

  describe("real runs: the runner's findings are those of its log", () => {
    before(ensureBuilt);
    for (const lab of [
      'sync-contention.lab.mjs',
      'model-lost-update.lab.mjs',
      'joinable-hang.lab.mjs',
    ])
      it(lab, async () => {
        const { events } = await runLab(fixture(lab), { seed: 3, speed: 20 });
        const isFinding = (e: LabEvent) => e.kind === 'diag' && DIAGNOSED_CODES.has(e.code);
        const first = events.findIndex(isFinding);
        assert.ok(first > 0, `${lab} has findings`);
        const logged = events.filter(isFinding);
        // The findings judge the log as it stood when the run began to end, just before them.
        const expected = diagnose(events.slice(0, first));
        assert.deepEqual(
          logged.map((d) => (d.kind === 'diag' ? [d.code, d.message, d.procs, d.objs, d.at] : [])),
          expected.map((f) => [f.code, f.message, f.procs, f.objs, f.at]),
        );
      });
  });
});
