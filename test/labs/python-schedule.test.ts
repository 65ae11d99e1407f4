/**
 * Python scripts under controlled schedules, with real python3 and real processes: a child that
 * multiprocessing starts runs alone until its first scheduling point, under fork, spawn and
 * forkserver; one seed gives one log, and a recording replays to it; CPython's answers stay
 * CPython's; `explore` finds the Python ticket race's oversell and shrinks it, and explores the
 * locked lab clean; a person steps the Python ticket race to a torn read.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { EventOf, LabEvent } from '../../src/protocol/events';
import { parseJsonl } from '../../src/protocol/jsonl';
import { DIST, ensureBuilt } from '../support/build';
import { ofKind, printed, printedJson, runEnd } from '../support/events';
import { cleanup, copyFixture, plainPython, PYTHON, tempFolder } from '../support/python';
import { runLab } from '../support/runLab';
import { comparable, stepsOf } from '../support/scheduleLogs';
import { driveStep, tornReadChooser } from '../support/stepDriver';

const METHODS = ['fork', 'spawn', 'forkserver'] as const;

const logOf = (file: string): LabEvent[] => parseJsonl(readFileSync(file, 'utf8')).events;
/** An event with its keys in one order (a log written by explore orders them its own way). */
const sorted = (e: LabEvent): LabEvent =>
  Object.fromEntries(Object.entries(e).sort(([a], [b]) => a.localeCompare(b))) as LabEvent;
/** The log without the schedule's name in run.start (a replay names itself). */
const unnamed = (events: readonly LabEvent[]) =>
  comparable(events.map((e) => sorted(e.kind === 'run.start' ? { ...e, schedule: undefined } : e)));
/**
 * A script's shared file starts each run as the script left it, as under plain python3: a test
 * that compares two runs removes it first, so both start alike.
 */
const fresh = (dir: string) => rmSync(join(dir, 'shared.json'), { force: true });

function assertSameLog(a: readonly LabEvent[], b: readonly LabEvent[], label: string): void {
  const [x, y] = [unnamed(a), unnamed(b)];
  const first = x.findIndex((line, i) => line !== y[i]);
  assert.ok(
    first === -1 && x.length === y.length,
    `${label}: logs differ at event ${first}:\n  ${x[first]}\n  ${y[first]}`,
  );
}

const resultOf = (lines: readonly string[]) => {
  const line = lines.find((t) => t.startsWith('RESULT '));
  assert.ok(line, `no RESULT line in: ${lines.join(' | ').slice(0, 2000)}`);
  return JSON.parse(line.slice('RESULT '.length)) as unknown;
};

function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(DIST, 'cli.js'), ...args],
      { maxBuffer: 32 << 20 },
      (err, stdout, stderr) =>
        resolve({ code: err ? Number(err.code ?? 1) : 0, out: stdout, err: stderr }),
    );
  });
}

describe('Python scripts under controlled schedules', function () {
  this.timeout(600_000);
  before(async function () {
    if (!PYTHON) this.skip();
    await ensureBuilt();
  });
  after(cleanup);

  for (const method of METHODS) {
    it(`${method}: a new child runs alone until its first step; one seed, one log; a replay gives it again`, async () => {
      const dir = tempFolder();
      const script = copyFixture('sched_start.py', dir, `sched_start.${method}.py`);
      const plain = await plainPython(script, dir);
      assert.equal(plain.code, 0);
      fresh(dir);
      const a = await runLab(script, { seed: 3, schedule: 'random' });
      fresh(dir);
      const b = await runLab(script, { seed: 3, schedule: 'random' });
      assert.equal(runEnd(a.events).status, 'ok', runEnd(a.events).message);
      assertSameLog(a.events, b.events, `${method}, run twice`);
      const lines = printed(a.events);
      assert.deepEqual(resultOf(lines), resultOf(plain.out.split('\n')));
      // The adopt's answer waited: each child printed (it ran first) before its parent went on.
      for (const n of [1, 2, 3])
        assert.ok(
          lines.indexOf(`child ${n} starts`) < lines.indexOf(`started ${n}`),
          `child ${n} ran before its parent went on: ${lines.join(' | ')}`,
        );
      const ops = stepsOf(a.events).flatMap((s) => s.ops);
      assert.ok(ops.includes('go on after starting Process-1'), ops.join(' | '));
      // A write is two steps: the truncate, then the fill with what the script wrote.
      assert.ok(ops.some((op) => /^write shared\.json \(truncate\)$/.test(op)));
      assert.ok(ops.some((op) => /^write shared\.json \{"last":[123]\} \(fill\)$/.test(op)));
      // Releases and puts are steps of their own (no notices under a controlled schedule).
      assert.ok(ops.some((op) => /^release Lock \d+$/.test(op)));
      assert.ok(ops.some((op) => /^put [123] into Queue \d+$/.test(op)));
      const steps = stepsOf(a.events);
      fresh(dir);
      const replayed = await runLab(script, { seed: 3, replay: { steps } });
      assertSameLog(replayed.events, a.events, `${method}, replayed`);
    });

    it(`${method}: every patched API still answers as plain python3 does, under a random schedule`, async () => {
      const dir = tempFolder();
      const script = copyFixture('api_tour.py', dir, `api_tour.${method}.py`);
      const plain = await plainPython(script, dir);
      assert.equal(plain.code, 0);
      const { events } = await runLab(script, { seed: 7, schedule: 'random' });
      assert.equal(runEnd(events).status, 'ok', runEnd(events).message);
      assert.deepEqual(resultOf(printed(events)), resultOf(plain.out.split('\n')));
      assert.ok(stepsOf(events).length > 50, 'the run was stepped');
    });

    it(`${method}: Value, Array and Pipe answer as plain python3 does; one seed, one log`, async () => {
      const dir = tempFolder();
      const script = copyFixture('shared_calls.py', dir, `shared_calls.${method}.py`);
      const plain = await plainPython(script, dir);
      assert.equal(plain.code, 0);
      const lines = plain.out.split('\n').filter((t) => t.startsWith('{'));
      const a = await runLab(script, { seed: 4, schedule: 'random' });
      assert.equal(runEnd(a.events).status, 'ok', runEnd(a.events).message);
      assert.deepEqual(printedJson(a.events), JSON.parse(lines[lines.length - 1]));
      const b = await runLab(script, { seed: 4, schedule: 'random' });
      assertSameLog(a.events, b.events, `shared_calls under ${method}, run twice`);
    });
  }

  it('a recorded run of a script replays from the terminal to the same log', async () => {
    const dir = tempFolder();
    const script = copyFixture('sched_start.py', dir);
    const recorded = join(dir, 'random.labrun');
    const replayed = join(dir, 'replayed.labrun');
    const r = await cli(
      'run',
      script,
      '--schedule',
      'random',
      '--seed',
      '4',
      '--no-live',
      '--events',
      recorded,
    );
    assert.equal(r.code, 0, r.out + r.err);
    fresh(dir);
    const again = await cli('run', script, '--replay', recorded, '--no-live', '--events', replayed);
    assert.equal(again.code, 0, again.out + again.err);
    assert.ok(stepsOf(logOf(recorded)).length > 10);
    assertSameLog(logOf(replayed), logOf(recorded), 'replayed from the terminal');
  });

  it('explore python-ticket-race finds the oversell, shrinks it, and its run replays', async () => {
    const dir = tempFolder();
    const out = join(dir, 'oversold.labrun');
    const r = await cli(
      'explore',
      'python-ticket-race',
      '--seed',
      '1',
      '--runs',
      '200',
      '--json',
      '--out',
      out,
    );
    assert.equal(r.code, 1, r.out + r.err);
    const result = JSON.parse(r.out) as {
      failure: { preemptions: unknown[]; steps: number; file: string } | null;
      outcomes: { outcome: { tickets: number; sold: number }; failed: boolean }[];
    };
    assert.ok(result.failure, 'a failure was found');
    assert.ok(result.failure.preemptions.length <= 1, JSON.stringify(result.failure));
    assert.ok(result.outcomes.some((o) => o.failed && o.outcome.sold > o.outcome.tickets));
    const shrunk = logOf(out);
    const end = runEnd(shrunk);
    assert.equal(end.verdict, 'fail');
    const outcome = end.outcome as { tickets: number; sold: number };
    assert.ok(outcome.sold > outcome.tickets, JSON.stringify(outcome));
    const replayed = join(dir, 'replayed.labrun');
    await cli('run', 'python-ticket-race', '--replay', out, '--no-live', '--events', replayed);
    assertSameLog(logOf(replayed), shrunk, 'the shrunk run replayed');
  });

  it('explore python-ticket-lock finds no failure; a script in its own folder explores too', async () => {
    const r = await cli('explore', 'python-ticket-lock', '--seed', '2', '--runs', '8', '--json');
    assert.equal(r.code, 0, r.out + r.err);
    const result = JSON.parse(r.out) as {
      runs: number;
      failure: unknown;
      outcomes: { outcome: unknown; failed: boolean }[];
    };
    assert.equal(result.runs, 8);
    assert.equal(result.failure, null);
    assert.deepEqual(
      result.outcomes.map((o) => [o.outcome, o.failed]),
      [[{ tickets: 1, sold: 1 }, false]],
    );
    const dir = tempFolder();
    const script = copyFixture('sched_start.py', dir);
    const own = await cli('explore', script, '--seed', '2', '--runs', '4', '--json');
    assert.equal(own.code, 0, own.out + own.err);
    assert.equal((JSON.parse(own.out) as { runs: number }).runs, 4);
  });

  it('a person steps python-ticket-race to a torn read: json.load raises on the empty file', async () => {
    const dir = tempFolder();
    const events = join(dir, 'torn.labrun');
    const person = tornReadChooser();
    const run = await driveStep(
      ['python-ticket-race', '--schedule', 'step', '--seed', '1', '--no-live', '--events', events],
      person.decide,
    );
    assert.ok(person.made(), `the script found its moment:\n${run.stdout.slice(-3000)}`);
    const log = logOf(events);
    const bad = ofKind(log, 'file.read').find((e) => e.error !== undefined);
    assert.ok(bad, 'the log has a read that found a torn file');
    assert.match(bad.error!, /JSONDecodeError/);
    assert.equal(bad.raw, '');
    // The buyer that read it died of Python's own exception, as plain python3's would.
    const errors = ofKind(log, 'error').filter((e) => e.proc === bad.proc);
    assert.ok(
      errors.some((e) => /JSONDecodeError/.test(e.message)),
      JSON.stringify(errors),
    );
    const exit = ofKind(log, 'proc.exit').find((e) => e.proc === bad.proc) as EventOf<'proc.exit'>;
    assert.equal(exit.code, 1);
    assert.ok(log.some((e) => e.kind === 'diag' && e.code === 'torn-read'));
    assert.match(run.stdout, /write data\.json \{"ticket_num":0\} \(fill\)/);
    // The outcome counts the buyers that crashed, so explore tells such runs apart.
    const torn = new Set(
      ofKind(log, 'file.read')
        .filter((e) => e.error !== undefined)
        .map((e) => e.proc),
    );
    assert.equal((runEnd(log).outcome as { crashed?: number }).crashed, torn.size);
    assert.match(run.stdout, new RegExp(`${torn.size} crashed on a torn read`));
  });
});
