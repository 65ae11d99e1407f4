/**
 * The first difference of two runs (src/model/runDiff.ts) on real recorded runs: controlled
 * schedules with fixed seeds, so every log here is the same on every machine.
 */
import { strict as assert } from 'node:assert';
import { firstDifference } from '../../src/model/runDiff';
import type { LabEvent } from '../../src/protocol/events';
import type { RunConfig } from '../../src/protocol/host';
import { runLab } from '../support/runLab';

const record = async (lab: string, opts: Partial<RunConfig>) => (await runLab(lab, opts)).events;

/**
 * The steps of a log, written here apart from the model's: kind, process name and object name of
 * each event a lab process caused, in order.
 */
function signatures(events: readonly LabEvent[]): { sig: string; at: number }[] {
  const names = new Map<number, string>();
  const objects = new Map<number, string>();
  for (const e of events) {
    if (e.kind === 'proc.spawn') names.set(e.proc, e.name);
    if (/\.create$/.test(e.kind) && 'name' in e && 'obj' in e) objects.set(e.obj, e.name);
  }
  const skip = /^(run\.|sched\.|site$|diag$)/;
  return events.flatMap((e, at) => {
    if (skip.test(e.kind)) return [];
    const object =
      'target' in e && e.kind.startsWith('proc.join')
        ? names.get(e.target)
        : 'obj' in e
          ? objects.get(e.obj)
          : '';
    return [{ sig: `${e.kind}|${names.get(e.proc)}|${object}`, at }];
  });
}

/** The difference is where it must be: equal steps before it, different ones at it. */
function checkPosition(a: LabEvent[], b: LabEvent[], position: number): void {
  const sa = signatures(a),
    sb = signatures(b);
  assert.deepEqual(
    sa.slice(0, position).map((s) => s.sig),
    sb.slice(0, position).map((s) => s.sig),
    'the runs agree before the difference',
  );
  assert.notEqual(sa[position]?.sig, sb[position]?.sig, 'and differ at it');
}

describe('the first difference of two runs', function () {
  this.timeout(300_000);
  let raceFifo: LabEvent[], raceRandom: LabEvent[], lock: LabEvent[];

  before(async () => {
    raceFifo = await record('ticket-race', { seed: 4, schedule: 'fifo' });
    raceRandom = await record('ticket-race', { seed: 4, schedule: 'random' });
    lock = await record('ticket-lock', { seed: 4, schedule: 'random' });
  });

  it('the same seed and schedule twice: no difference (pids and times are not steps)', async () => {
    const again = await record('ticket-race', { seed: 4, schedule: 'random' });
    assert.notDeepEqual(
      again.filter((e) => e.kind === 'proc.spawn').map((e) => (e as { pid: number }).pid),
      raceRandom.filter((e) => e.kind === 'proc.spawn').map((e) => (e as { pid: number }).pid),
      'the two runs had processes of their own',
    );
    assert.equal(firstDifference(raceRandom, again), null);
  });

  it('two schedules of one lab: who read data.json first', () => {
    const d = firstDifference(raceFifo, raceRandom)!;
    assert.ok(d, 'the fifo and the random schedule differ');
    checkPosition(raceFifo, raceRandom, d.position);
    assert.equal(raceFifo[d.a!.at].kind, d.a!.kind);
    assert.equal(raceRandom[d.b!.at].kind, d.b!.kind);
    assert.equal(d.t, Math.min(raceFifo[d.a!.at].t, raceRandom[d.b!.at].t));
    // The runs take turns differently at a tie: B lets another buyer read first.
    assert.equal(d.a!.kind, 'file.read');
    assert.equal(d.b!.kind, 'file.read');
    assert.match(
      d.words.en,
      new RegExp(
        `^First difference at [\\d.]+ s: in run B ${d.b!.process} read data.json before ${d.a!.process} read it$`,
      ),
    );
    assert.match(
      d.words['zh-CN'],
      new RegExp(`^第一处不同在 [\\d.]+ s：在运行 B 中，${d.b!.process} 读了 data.json`),
    );
    assert.deepEqual(firstDifference(raceFifo, raceRandom), d, 'the same logs, the same answer');
  });

  it('ticket-race next to ticket-lock: the lock is the first difference', () => {
    const d = firstDifference(raceRandom, lock)!;
    checkPosition(raceRandom, lock, d.position);
    assert.equal(d.b!.kind, 'lock.create');
    assert.equal(d.b!.object, 'mutex');
    assert.match(
      d.words.en,
      /in run B MainProcess created mutex before MainProcess created data\.json/,
    );
  });

  it('a run cut short: the difference is where it ends', () => {
    const cut = raceRandom.slice(0, 60);
    const d = firstDifference(raceRandom, cut)!;
    assert.equal(d.b, undefined);
    assert.equal(d.position, signatures(cut).length);
    assert.match(d.words.en, /: run B has ended, while in run A /);
    assert.match(firstDifference(cut, raceRandom)!.words.en, /: run A has ended, while in run B /);
  });
});
