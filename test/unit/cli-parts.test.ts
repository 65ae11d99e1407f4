import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from '../../src/cli/args';
import { displayWidth, fit, wrap } from '../../src/cli/style';
import { describeOutcome, summarizeOutcome } from '../../src/model/outcomeSummary';
import { countExact, outcomeClass } from '../../src/model/exploreOutcomes';
import { exploreReport } from '../../src/cli/exploreReport';
import { rerunCommand } from '../../src/cli/report';
import { undoLine } from '../../src/cli/stepRun';
import type { ExploreOptions } from '../../src/cli/exploreArgs';
import { makeStyle } from '../../src/cli/style';
import type { ExactOutcome, ExploreResult } from '../../src/protocol/explore';
import type { Json, LabEvent, RunStatus } from '../../src/protocol/events';

const endOf = (status: RunStatus, outcome?: Json, message?: string): LabEvent[] => [
  {
    v: 1,
    seq: 0,
    t: 0,
    proc: -1,
    kind: 'run.start',
    lab: 'x',
    title: { en: 'X', 'zh-CN': 'X' },
    seed: 1,
    speed: 1,
  },
  { v: 1, seq: 1, t: 5, proc: -1, kind: 'run.end', status, outcome, message },
];

describe('cli arguments', () => {
  const env = {};
  it('parses a run with every option', () => {
    const p = parseArgs(
      [
        'run',
        'ticket-race',
        '--seed',
        '7',
        '--speed=2.5',
        '--timeout',
        '30',
        '--lang',
        'zh-CN',
        '--no-live',
        '--events',
        'a.jsonl',
      ],
      env,
      '/tmp',
    );
    assert.ok(p.ok);
    assert.equal(p.command.cmd, 'run');
    if (p.command.cmd !== 'run') return;
    const o = p.command.opts;
    assert.deepEqual(
      [o.lab, o.seed, o.seedGiven, o.speed, o.timeoutSec, o.lang, o.live, o.eventsFile],
      ['ticket-race', 7, true, 2.5, 30, 'zh-CN', false, '/tmp/a.jsonl'],
    );
  });

  it('picks a seed when none is given and says so', () => {
    const p = parseArgs(['run', 'ipc'], env);
    assert.ok(
      p.ok &&
        p.command.cmd === 'run' &&
        !p.command.opts.seedGiven &&
        Number.isInteger(p.command.opts.seed),
    );
  });

  it('rejects bad input with one clear message', () => {
    const bad: [string[], RegExp][] = [
      [['run', 'no-such-lab'], /unknown lab "no-such-lab"/],
      [['run', './missing.lab.mjs'], /the lab file \.\/missing\.lab\.mjs does not exist/],
      [['run', 'ipc', '--speed', '-1'], /--speed must be from 0\.01 to 1000, not "-1"/],
      [['run', 'ipc', '--speed', 'x'], /--speed must be a number from 0\.01 to 1000/],
      [['run', 'ipc', '--speed', '0'], /--speed/],
      [['run', 'ipc', '--seed', 'abc'], /--seed must be a whole number/],
      [['run', 'ipc', '--seed', '-3'], /--seed/],
      [['run', 'ipc', '--timeout'], /--timeout needs a value/],
      [['run', 'ipc', '--lang', 'fr'], /--lang must be en or zh-CN/],
      [['run', 'ipc', '--bogus'], /unknown option --bogus/],
      [['run'], /needs a lab/],
      [['frobnicate'], /unknown command/],
    ];
    for (const [argv, re] of bad) {
      const p = parseArgs(argv, env);
      assert.ok(!p.ok, argv.join(' '));
      if (!p.ok) assert.match(p.error.en, re);
    }
  });

  it('accepts an existing lab file by path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-args-'));
    try {
      writeFileSync(join(dir, 'mine.lab.mjs'), 'export default 1;\n');
      const p = parseArgs(['run', 'mine.lab.mjs'], env, dir);
      assert.ok(
        p.ok && p.command.cmd === 'run' && p.command.opts.lab === join(dir, 'mine.lab.mjs'),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the run-again command keeps a replayed recording and the bounds that were given', () => {
    const opts = (args: string[]) => {
      const p = parseArgs(['run', 'ticket-race', '--seed', '3', ...args], {});
      assert.ok(p.ok && p.command.cmd === 'run');
      return p.command.opts;
    };
    assert.equal(
      rerunCommand(opts(['--timeout', '3', '--max-memory', '128'])),
      'node dist/cli.js run ticket-race --seed 3 --speed 1 --timeout 3 --max-memory 128',
    );
    assert.equal(rerunCommand(opts([])), 'node dist/cli.js run ticket-race --seed 3 --speed 1');
    const replay = opts(['--replay', '/tmp/fail.labrun']);
    assert.equal(
      rerunCommand(replay),
      'node dist/cli.js run ticket-race --seed 3 --speed 1 --replay "/tmp/fail.labrun"',
    );
    assert.equal(
      rerunCommand(opts(['--replay', '/tmp/fail.labrun', '--until', '9', '--schedule', 'random'])),
      'node dist/cli.js run ticket-race --seed 3 --speed 1 --replay "/tmp/fail.labrun" --until 9 --schedule random',
    );
    // Step mode has no time limit unless one is given.
    assert.equal(
      rerunCommand(opts(['--schedule', 'step', '--events', '/tmp/s.jsonl'])),
      'node dist/cli.js run ticket-race --seed 3 --speed 1 --replay "/tmp/s.jsonl"',
    );
  });

  it('undoing the first step starts over, and says so instead of "replaying steps 1–0" (or "1–1" for the second)', () => {
    assert.equal(undoLine(1, 'en'), '\n↶ undo step 1: starting over, then step 1 again');
    assert.equal(undoLine(1, 'zh-CN'), '\n↶ 撤销第 1 步：从头开始，再从第 1 步选择');
    assert.equal(undoLine(2, 'en'), '\n↶ undo step 2: replaying step 1, then step 2 again');
    assert.equal(undoLine(3, 'en'), '\n↶ undo step 3: replaying steps 1–2, then step 3 again');
    assert.equal(undoLine(5, 'zh-CN'), '\n↶ 撤销第 5 步：重放前 4 步，再从第 5 步选择');
  });

  it('lists the schedules as a sentence when --schedule is wrong', () => {
    const p = parseArgs(['run', 'ticket-lock', '--schedule', 'bogus'], {});
    assert.ok(!p.ok);
    assert.equal(p.error.en, '--schedule must be realtime, fifo, random or step, not "bogus"');
    assert.equal(
      p.error['zh-CN'],
      '--schedule 必须是 realtime、fifo、random 或 step，而不是“bogus”',
    );
  });

  it('takes the default language from LANG', () => {
    const p = parseArgs(['list'], { LANG: 'zh_CN.UTF-8' });
    assert.ok(p.ok && p.command.cmd === 'list' && p.command.lang === 'zh-CN');
  });
});

describe('outcome banner', () => {
  it('calls an oversold run bad, in both languages', () => {
    const s = summarizeOutcome(endOf('ok', { tickets: 1, sold: 5 }))!;
    assert.equal(s.verdict, 'bad');
    assert.equal(s.text.en, '1 ticket, 5 sold — oversold');
    assert.equal(s.text['zh-CN'], '1 张票，卖出 5 张 — 超卖');
  });

  it('says how many buyers crashed on a torn read, so explore counts those runs apart', () => {
    const s = summarizeOutcome(endOf('ok', { tickets: 1, sold: 4, crashed: 2 }))!;
    assert.equal(s.verdict, 'bad');
    assert.equal(s.text.en, '1 ticket, 4 sold, 2 crashed on a torn read — oversold');
    assert.equal(s.text['zh-CN'], '1 张票，卖出 4 张，2 个进程读到残缺文件而崩溃 — 超卖');
    const one = summarizeOutcome(endOf('ok', { tickets: 1, sold: 1, crashed: 1 }))!;
    assert.equal(one.verdict, 'bad', 'one sale, but a buyer crashed');
    assert.equal(one.text.en, '1 ticket, 1 sold, 1 crashed on a torn read');
  });

  it('a histogram folds the crash count into one class, "some buyer crashed", and keeps the exact ones', () => {
    const runs: Json[] = [
      { tickets: 1, sold: 4, crashed: 2 },
      { tickets: 1, sold: 4 },
      { tickets: 1, sold: 4, crashed: 1 },
      { tickets: 1, sold: 4, crashed: 2 },
      { tickets: 1, sold: 1 },
      'deadlock',
    ];
    const bars = new Map<string, ExactOutcome[]>();
    for (const run of runs) {
      const key = JSON.stringify(outcomeClass(run));
      if (!bars.has(key)) bars.set(key, []);
      countExact(bars.get(key)!, run);
    }
    assert.deepEqual(
      [...bars.keys()].map((k) => JSON.parse(k) as Json),
      [
        { tickets: 1, sold: 4, crashed: true },
        { tickets: 1, sold: 4 },
        { tickets: 1, sold: 1 },
        'deadlock',
      ],
    );
    assert.deepEqual(bars.get(JSON.stringify({ tickets: 1, sold: 4, crashed: true })), [
      { outcome: { tickets: 1, sold: 4, crashed: 2 }, count: 2 },
      { outcome: { tickets: 1, sold: 4, crashed: 1 }, count: 1 },
    ]);
    const words = describeOutcome({ tickets: 1, sold: 4, crashed: true });
    assert.equal(words.verdict, 'bad');
    assert.equal(words.text.en, '1 ticket, 4 sold, some buyer crashed on a torn read — oversold');
    assert.equal(words.text['zh-CN'], '1 张票，卖出 4 张，有买家读到残缺文件而崩溃 — 超卖');
  });

  it('an explore histogram lists the passing class first, then failures by class, not by count', () => {
    const bar = (outcome: Json, count: number, failed: boolean, example: number) => ({
      outcome,
      count,
      failed,
      example,
    });
    const result: ExploreResult = {
      runs: 20,
      runsPerSec: 10,
      strategy: 'random',
      exhausted: false,
      outcomes: [
        bar({ produced: 10, consumed: 9 }, 8, true, 1),
        bar('deadlock', 5, true, 2),
        bar({ produced: 10, consumed: 10 }, 1, false, 3),
        bar({ produced: 10, consumed: 8 }, 6, true, 4),
      ],
      failure: null,
      stopped: false,
      final: true,
      phase: 'done',
    };
    const options: ExploreOptions = {
      lab: 'meals.lab.mjs',
      strategy: 'random',
      depth: 2,
      runs: 20,
      bound: 1,
      seed: 1,
      seedGiven: true,
      all: false,
      json: false,
      lang: 'en',
      reuse: true,
    };
    const lines = exploreReport(result, options, makeStyle(false));
    const bars = lines.filter((l) => /^ {2}[✓✗] /.test(l)).map((l) => l.replace(/ +█+ \d+$/, ''));
    assert.deepEqual(
      bars.map((l) => l.trim()),
      [
        '✓ 10 produced, 10 consumed',
        '✗ 10 produced, 8 consumed — 2 never consumed',
        '✗ 10 produced, 9 consumed — 1 never consumed',
        '✗ deadlock',
      ],
    );
  });

  it('a shrunk failure counts its runs in words, and the repeat line keeps --runs', () => {
    const options: ExploreOptions = {
      lab: 'ticket-race',
      strategy: 'random',
      depth: 2,
      runs: 50,
      bound: 1,
      seed: 1,
      seedGiven: true,
      all: true,
      json: false,
      lang: 'en',
      reuse: true,
    };
    const result: ExploreResult = {
      runs: 50,
      runsPerSec: 3,
      strategy: 'random',
      exhausted: false,
      outcomes: [{ outcome: { tickets: 1, sold: 9 }, count: 50, failed: true, example: 1 }],
      failure: {
        message: { en: 'oversold', 'zh-CN': '超卖' },
        outcome: { tickets: 1, sold: 9 },
        preemptions: [],
        steps: 99,
        shrinkRuns: 1,
      },
      stopped: false,
      final: true,
      phase: 'done',
    };
    const lines = exploreReport(result, options, makeStyle(false));
    assert.ok(
      lines.some((l) => l.includes('99 steps (1 more run):')),
      lines.join('\n'),
    );
    assert.equal(
      lines.at(-1),
      'Repeat this exploration: node dist/cli.js explore ticket-race --strategy random --runs 50 --seed 1 --all',
    );
    const zh = exploreReport(result, { ...options, lang: 'zh-CN', runs: 1000 }, makeStyle(false));
    assert.equal(
      zh.at(-1),
      '重复这次探索：node dist/cli.js explore ticket-race --strategy random --seed 1 --all',
    );
  });

  it('calls one sale of one ticket good', () => {
    assert.deepEqual(summarizeOutcome(endOf('ok', { tickets: 1, sold: 1 })), {
      text: { en: '1 ticket, 1 sold', 'zh-CN': '1 张票，卖出 1 张' },
      verdict: 'good',
    });
  });

  it('counts produced and consumed', () => {
    assert.equal(
      describeOutcome({ produced: 10, consumed: 10 }).text.en,
      '10 produced, 10 consumed',
    );
    const lost = describeOutcome({ produced: 10, consumed: 8 });
    assert.equal(lost.verdict, 'bad');
    assert.match(lost.text.en, /2 never consumed/);
  });

  it('says plainly when a run did not finish', () => {
    const s = summarizeOutcome(endOf('timeout', undefined, 'no end after 120 s'))!;
    assert.equal(s.verdict, 'bad');
    assert.equal(s.text.en, 'Timed out: no end after 120 s');
    const d = summarizeOutcome(endOf('deadlock', { tickets: 1, sold: 0 }))!;
    assert.match(d.text.en, /^Deadlock — 1 ticket, 0 sold$/);
    assert.equal(summarizeOutcome(endOf('stopped'))!.verdict, 'neutral');
    // A run that ended because a process failed (a torn read) leads with what the lab showed.
    const e = summarizeOutcome(
      endOf('error', { tickets: 1, sold: 4 }, 'Process 2 failed: JSONDecodeError'),
    )!;
    assert.equal(
      e.text.en,
      '1 ticket, 4 sold — oversold — Failed: Process 2 failed: JSONDecodeError',
    );
    assert.equal(e.verdict, 'bad');
  });

  it('has nothing to say before the run ends', () => {
    assert.equal(summarizeOutcome(endOf('ok').slice(0, 1)), undefined);
  });
});

describe('terminal text', () => {
  it('counts CJK characters as two columns when fitting and wrapping', () => {
    assert.equal(displayWidth('进程3 抢票成功'), 14);
    assert.equal(displayWidth(fit('进程10', 4, true)), 4);
    assert.equal(fit('Process 0', 12, true), 'Process 0   ');
    for (const line of wrap(
      '只有 1 张票，却卖出了 5 张。进程3 在 1.0 s 读到 ticket_num = 1 并开始买票。',
      20,
      '  ',
    )) {
      assert.ok(displayWidth(line) <= 22, line);
    }
    assert.deepEqual(wrap('one two three four', 9), ['one two', 'three', 'four']);
    for (const line of wrap(
      '进程4（晚 0.3 s）、进程9（晚 0.1 s）、进程3（晚 0.3 s）也读到了 1。',
      16,
    ))
      assert.doesNotMatch(line, /^[，。、）]/, line);
  });
});
