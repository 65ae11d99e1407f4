/**
 * `explore` through the real CLI, runner and lab processes: it finds the ticket race's oversale
 * and shrinks it, proves the locked version within a bound, finds a deadlock that needs a rare
 * ordering with pct and dfs (random walks miss it), and one seed gives one exploration.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventOf } from '../../src/protocol/events';
import { parseJsonl } from '../../src/protocol/jsonl';
import { DIST, ensureBuilt } from '../support/build';
import { fixture } from '../support/runLab';

interface Cli {
  code: number | null;
  out: string;
  err: string;
}

/** Runs dist/cli.js to its end (asynchronously: explorations take seconds). */
function cli(args: string[]): Promise<Cli> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(DIST, 'cli.js'), ...args], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

interface Explored {
  runs: number;
  runsPerSec: number;
  strategy: string;
  exhausted: boolean;
  outcomes: {
    outcome: unknown;
    count: number;
    failed: boolean;
    example: number;
    exact: { outcome: unknown; count: number }[];
  }[];
  failure: null | {
    message: string;
    preemptions: {
      step: number;
      proc: number;
      name: string;
      instead: number;
      insteadName: string;
    }[];
    steps: number;
    file: string | null;
  };
}

async function explore(args: string[]): Promise<Explored & { code: number | null }> {
  const r = await cli(['explore', ...args, '--json', '--lang', 'en']);
  assert.equal(r.err, '', r.err);
  return { ...(JSON.parse(r.out) as Explored), code: r.code };
}

describe('explore', function () {
  this.timeout(600_000);
  let dir: string;
  before(async () => {
    await ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'cl-explore-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('ticket-race: finds "oversold", shrinks it to at most 1 preemption, writes a run that replays', async () => {
    const out = join(dir, 'race.labrun');
    const r = await explore(['ticket-race', '--seed', '3', '--out', out]);
    assert.equal(r.code, 1, 'exit 1: a run failed the check');
    assert.deepEqual(Object.keys(r).sort(), [
      'code',
      'exhausted',
      'failure',
      'outcomes',
      'runs',
      'runsPerSec',
      'strategy',
    ]);
    assert.equal(r.strategy, 'random');
    assert.ok(r.failure, 'a failure was found');
    assert.match(r.failure.message, /^oversold: \d+ tickets sold, but there was only 1$/);
    assert.ok(r.failure.preemptions.length <= 1, JSON.stringify(r.failure.preemptions));
    assert.equal(r.failure.file, out);
    assert.ok(r.outcomes.some((o) => o.failed));
    // The written run is the shrunk one, and it fails: its log says so, and so does its replay.
    const log = parseJsonl(readFileSync(out, 'utf8'));
    assert.deepEqual(log.errors, []);
    const end = log.events.at(-1) as EventOf<'run.end'>;
    assert.equal(end.verdict, 'fail');
    assert.equal(log.events.filter((e) => e.kind === 'sched.step').length, r.failure.steps);
    const events = join(dir, 'replayed.jsonl');
    const replay = await cli(['run', '--replay', out, '--no-live', '--events', events]);
    assert.match(replay.out, /^Check\s+failed: oversold/m, replay.out + replay.err);
    const replayedEnd = parseJsonl(readFileSync(events, 'utf8')).events.at(
      -1,
    ) as EventOf<'run.end'>;
    assert.deepEqual(replayedEnd.outcome, end.outcome);
  });

  it('ticket-lock: dfs explores every schedule within the bound, none fails, and says so', async () => {
    const r = await cli([
      'explore',
      'ticket-lock',
      '--strategy',
      'dfs',
      '--bound',
      '1',
      '--seed',
      '1',
    ]);
    assert.equal(r.code, 0, r.out + r.err);
    const all = /All (\d+) schedules with ≤ 1 preemption explored: none fails/.exec(r.out);
    assert.ok(all, r.out);
    assert.ok(Number(all[1]) > 10, 'more than a handful of schedules');
    assert.match(r.out, /✓ 1 ticket, 1 sold/);
  });

  it('a deadlock that needs a rare ordering: random misses it, pct and dfs find it and shrink it to 1 preemption', async () => {
    const lab = fixture('rare-deadlock.lab.mjs');
    const random = await explore([lab, '--seed', '1', '--runs', '300']);
    assert.equal(random.code, 0);
    assert.equal(random.failure, null, '300 random walks do not deadlock');
    for (const strategy of ['pct', 'dfs']) {
      const budget = strategy === 'pct' ? '1000' : '100';
      const r = await explore([lab, '--strategy', strategy, '--seed', '1', '--runs', budget]);
      assert.equal(r.code, 1, `${strategy} finds it within ${budget} runs`);
      assert.equal(r.failure?.message, 'the run ended in a deadlock');
      assert.deepEqual(
        r.failure.preemptions.map((p) => `${p.name} ran instead of ${p.insteadName}`),
        ['Quick ran instead of Slow'],
      );
      assert.deepEqual(r.outcomes.find((o) => o.failed)?.outcome, 'deadlock');
    }
  });

  it('the same seed gives the same exploration; another seed another one', async () => {
    const args = ['ticket-race', '--all', '--runs', '25'];
    const [a, b, c] = await Promise.all([
      explore([...args, '--seed', '5']),
      explore([...args, '--seed', '5']),
      explore([...args, '--seed', '6']),
    ]);
    assert.deepEqual(a.outcomes, b.outcomes);
    assert.deepEqual(a.failure, b.failure);
    assert.notDeepEqual(a.outcomes, c.outcomes);
    assert.ok(a.outcomes.length > 1, 'random runs end in more than one way');
  });

  it('runs made at once (--jobs) change nothing: the same histogram, examples and shrunk failure', async () => {
    const args = ['ticket-race', '--seed', '7', '--runs', '30'];
    const one = await explore([...args, '--all', '--jobs', '1']);
    const three = await explore([...args, '--all', '--jobs', '3']);
    assert.equal(three.runs, 30);
    assert.deepEqual(three.outcomes, one.outcomes);
    assert.deepEqual(three.failure, one.failure);
    // Stopping at the first failure: the one that comes first in run order, whichever ended
    // first (a deadlock takes longer to call than a run takes to end).
    const rare = [fixture('rare-deadlock.lab.mjs'), '--strategy', 'pct', '--seed', '1'];
    const [first, firstOfThree] = await Promise.all([
      explore([...rare, '--runs', '1000', '--jobs', '1']),
      explore([...rare, '--runs', '1000', '--jobs', '3']),
    ]);
    assert.equal(first.code, 1);
    assert.ok(first.runs > 3, `found at run ${first.runs}: later runs were under way`);
    assert.equal(firstOfThree.runs, first.runs);
    assert.deepEqual(firstOfThree.outcomes, first.outcomes);
    assert.deepEqual(firstOfThree.failure, first.failure);
  });

  it('ticket-race --all: a bar per number sold, "some buyer crashed" one class; the exact outcomes in --json', async () => {
    const args = ['ticket-race', '--all', '--runs', '40', '--seed', '1'];
    const r = await explore(args);
    type Ticket = { tickets: number; sold: number; crashed?: number | true };
    const classes = r.outcomes.map((o) => o.outcome as Ticket);
    assert.equal(
      new Set(classes.map((c) => JSON.stringify(c))).size,
      classes.length,
      'one bar per class',
    );
    for (const o of r.outcomes) {
      const c = o.outcome as Ticket;
      assert.ok(c.crashed === undefined || c.crashed === true, JSON.stringify(c));
      assert.equal(
        o.exact.reduce((n, x) => n + x.count, 0),
        o.count,
        'the exact outcomes add up to the bar',
      );
      for (const x of o.exact) {
        const e = x.outcome as Ticket;
        assert.equal(e.sold, c.sold);
        assert.equal(e.tickets, c.tickets);
        assert.equal(e.crashed === undefined, c.crashed === undefined, JSON.stringify(x));
        if (e.crashed !== undefined) assert.ok(typeof e.crashed === 'number' && e.crashed > 0);
      }
    }
    // This seed's runs crash in more than one way within one number sold: one bar holds them.
    const folded = r.outcomes.find((o) => o.exact.length > 1);
    assert.ok(folded, JSON.stringify(r.outcomes));
    assert.equal(
      r.outcomes.reduce((n, o) => n + o.count, 0),
      r.runs,
    );

    // The text histogram in both languages: the class's words, never a crash count.
    for (const [lang, crashedWords, count] of [
      ['en', 'some buyer crashed on a torn read', / \d+ crashed/],
      ['zh-CN', '有买家读到残缺文件而崩溃', /\d+ 个进程读到残缺文件/],
    ] as const) {
      const text = await cli(['explore', ...args, '--lang', lang]);
      const bars = text.out.split('\n').filter((l) => /^ {2}[✓✗] /.test(l));
      assert.equal(bars.length, r.outcomes.length, text.out);
      assert.ok(
        bars.some((l) => l.includes(crashedWords)),
        text.out,
      );
      assert.ok(!bars.some((l) => count.test(l)), text.out);
    }
  });

  it('usage errors exit 2 and say why', async () => {
    for (const [args, why] of [
      [['explore'], /explore needs a lab/],
      [['explore', 'ticket-race', '--strategy', 'bfs'], /--strategy must be/],
      [['explore', 'ticket-race', '--strategy', 'pct:0'], /depth of pct must be/],
      [['explore', 'ticket-race', '--out', 'x.txt'], /--out names a .labrun file/],
      [['explore', 'ticket-race', '--runs', '0'], /--runs must be/],
      [['explore', 'ticket-race', '--jobs', '9'], /--jobs must be a whole number from 1 to 8/],
      [['explore', 'test/fixtures/python/no_such_script.py'], /the script .* does not exist/],
    ] as const) {
      const r = await cli([...args]);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, why);
    }
    assert.ok(!existsSync('x.txt'));
  });
});
