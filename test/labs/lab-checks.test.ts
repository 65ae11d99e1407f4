/**
 * A lab says what must hold: its outcome and check, computed by the runner for every run and
 * recorded in run.end (an own lab's by its main process, a built-in lab's by its analysis).
 */
import { strict as assert } from 'node:assert';
import type { EventOf, LabEvent } from '../../src/protocol/events';
import { summarizeOutcome } from '../../src/model/outcomeSummary';
import { fixture, runLab } from '../support/runLab';

function endOf(events: readonly LabEvent[]): EventOf<'run.end'> {
  const end = events.at(-1);
  assert.equal(end?.kind, 'run.end');
  return end as EventOf<'run.end'>;
}

describe('lab checks in run.end', function () {
  this.timeout(300_000);

  it("an own lab's outcome, its words and check: judged from its log, both verdicts seen over seeds", async () => {
    const verdicts = new Set<string>();
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const { events, status } = await runLab(fixture('checked-counter.lab.mjs'), {
        seed,
        schedule: 'random',
      });
      assert.equal(status, 'ok');
      const end = endOf(events);
      const writes = events.filter((e) => e.kind === 'file.write') as EventOf<'file.write'>[];
      const n = (writes.at(-1)!.value as { n: number }).n;
      assert.deepEqual(end.outcome, { n }, `seed ${seed}: the outcome is the last write`);
      assert.deepEqual(end.summary, {
        en: `the counter ends at ${n}`,
        'zh-CN': `计数器最后是 ${n}`,
      });
      assert.equal(summarizeOutcome(events)?.text.en, `the counter ends at ${n}`, 'the banner');
      assert.equal(end.verdict, n === 2 ? 'pass' : 'fail', `seed ${seed}`);
      if (n !== 2)
        assert.deepEqual(end.failure, {
          en: `lost an update: n = ${n}`,
          'zh-CN': `丢失了一次更新：n = ${n}`,
        });
      else assert.equal(end.failure, undefined);
      verdicts.add(end.verdict!);
    }
    assert.deepEqual([...verdicts].sort(), ['fail', 'pass'], 'six seeds show both verdicts');
  });

  it('the ticket labs: oversold fails, one sale passes', async () => {
    let failed = 0;
    for (const seed of [1, 2, 3]) {
      const race = endOf((await runLab('ticket-race', { seed, schedule: 'random' })).events);
      const { sold, tickets } = race.outcome as { sold: number; tickets: number };
      assert.equal(race.verdict, sold > tickets ? 'fail' : 'pass');
      if (sold > tickets) {
        failed++;
        assert.match(race.failure!.en, /^oversold: \d+ tickets sold, but there was only 1$/);
        assert.match(race.failure!['zh-CN'], /^超卖/);
      }
    }
    assert.ok(failed > 0, 'some seed oversells');
    const lock = endOf((await runLab('ticket-lock', { seed: 1, schedule: 'random' })).events);
    assert.deepEqual(lock.outcome, { tickets: 1, sold: 1 });
    assert.equal(lock.verdict, 'pass');
  });

  it('a deadlock fails whatever the lab says; a check that throws fails the run', async () => {
    const dead = endOf((await runLab(fixture('deadlock.lab.mjs'), { seed: 1 })).events);
    assert.equal(dead.status, 'deadlock');
    assert.equal(dead.verdict, 'fail');
    assert.equal(dead.failure?.en, 'the run ended in a deadlock');
    const thrown = endOf((await runLab(fixture('check-throws.lab.mjs'), { seed: 1 })).events);
    assert.equal(thrown.status, 'ok');
    assert.equal(thrown.verdict, 'fail');
    assert.match(thrown.failure!.en, /could not judge the run: no idea/);
  });

  it('a lab without a check passes when it ends ok, and has no outcome', async () => {
    const plain = endOf((await runLab(fixture('hello.lab.mjs'), { seed: 1 })).events);
    assert.equal(plain.verdict, 'pass');
    assert.equal(plain.outcome, undefined);
  });
});
