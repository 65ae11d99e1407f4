/**
 * Controlled schedules are deterministic: every built-in lab, JavaScript or Python, run twice
 * under `random` with one seed, gives the same log (every field but OS pids), and replaying either
 * gives it again. Seeds still matter: over 20 seeds the ticket race ends in several different
 * ways, in JavaScript and in Python.
 */
import { strict as assert } from 'node:assert';
import type { EventOf, LabEvent } from '../../src/protocol/events';
import { LAB_IDS, PYTHON_LAB_INFOS } from '../../src/labs/info/builtinLabs';
import { PYTHON } from '../support/python';
import { runLab } from '../support/runLab';
import { comparable, stepsOf } from '../support/scheduleLogs';

function assertSameLog(a: readonly LabEvent[], b: readonly LabEvent[], label: string): void {
  const x = comparable(a);
  const y = comparable(b);
  const first = x.findIndex((line, i) => line !== y[i]);
  assert.ok(
    first === -1 && x.length === y.length,
    `${label}: logs differ at event ${first}:\n  ${x[first]}\n  ${y[first]}`,
  );
}

/** Runs `jobs` at most `width` at a time (each is a whole lab run). */
async function pool<T>(jobs: (() => Promise<T>)[], width = 3): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const i = next++;
      out[i] = await jobs[i]();
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
  return out;
}

describe('controlled schedules are deterministic', function () {
  this.timeout(600_000);

  const pythonLabs = PYTHON_LAB_INFOS.map((l) => l.id);
  for (const lab of [...LAB_IDS, ...pythonLabs]) {
    it(`${lab}: two random runs with one seed, and a replay, give the same log`, async function () {
      if (pythonLabs.includes(lab) && !PYTHON) this.skip();
      for (const seed of [1, 2]) {
        const label = `${lab} seed ${seed}`;
        const [a, b] = await pool(
          [1, 2].map(() => () => runLab(lab, { seed, schedule: 'random' })),
        );
        const steps = stepsOf(a.events);
        assert.ok(steps.length > 0, `${label}: the run made scheduling decisions`);
        const start = a.events[0] as EventOf<'run.start'>;
        assert.equal(start.schedule, 'random', `${label}: run.start records the schedule`);
        assert.equal(a.events.at(-1)?.kind, 'run.end', `${label}: the run ended`);
        assertSameLog(a.events, b.events, `${label}, run twice`);
        const replayed = await runLab(lab, { seed, replay: { steps } });
        const replayedStart = replayed.events[0] as EventOf<'run.start'>;
        assert.equal(replayedStart.schedule, 'replay');
        // The replay's log is the recording's but for the schedule's name in run.start.
        assertSameLog(
          [{ ...replayedStart, schedule: 'random' }, ...replayed.events.slice(1)],
          a.events,
          `${label}, replayed`,
        );
      }
    });
  }

  for (const lab of ['ticket-race', 'python-ticket-race'])
    it(`${lab}: over 20 seeds, several different outcomes appear`, async function () {
      if (lab.startsWith('python') && !PYTHON) this.skip();
      const runs = await pool(
        Array.from(
          { length: 20 },
          (_, i) => () => runLab(lab, { seed: i + 1, schedule: 'random' }),
        ),
      );
      const outcomes = new Set(
        runs.map((r) => {
          const end = r.events.at(-1) as EventOf<'run.end'>;
          const torn = r.events.filter(
            (e) => e.kind === 'file.read' && e.error !== undefined,
          ).length;
          return `${JSON.stringify(end.outcome)} torn ${torn}`;
        }),
      );
      assert.ok(outcomes.size >= 3, `only ${[...outcomes].join(' | ')}`);
      if (lab.startsWith('python')) {
        // A Python run's sleeps that end within 50 ms end together (its children start one at a
        // time), so a schedule can put a read between a truncate and its fill: a torn read.
        assert.ok(
          [...outcomes].some((o) => !o.endsWith('torn 0')),
          `a torn read among ${[...outcomes].join(' | ')}`,
        );
        // Python's own json.load raised on the torn file, in the buyer that read it.
        const torn = runs.flatMap((r) => r.events).find((e) => e.kind === 'file.read' && e.error);
        assert.match(String(torn && torn.kind === 'file.read' && torn.error), /JSONDecodeError/);
      }
    });
});
