// The language of a run through the built CLI: a recording says the language it was made in
// (run.start's `lang`), a replay runs in it whatever the names look like, and --lang wins.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseJsonl } from '../../src/protocol/jsonl';
import { ensureBuilt } from '../support/build';
import { PYTHON } from '../support/python';
import { USAGE_SENTENCES } from '../../src/cli/usage';
import { describeSharedEvent } from '../../src/cli/describeShared';
import { describeEvent } from '../../src/cli/describe';
import { poolStatsLines } from '../../src/cli/poolStatsLines';
import { StepPrompt } from '../../src/cli/stepPrompt';
import { exploreReport } from '../../src/cli/exploreReport';
import { parseArgs } from '../../src/cli/args';
import { rerunCommand } from '../../src/cli/report';
import { makeStyle } from '../../src/cli/style';
import type { ExploreOptions } from '../../src/cli/exploreArgs';
import type { ExploreResult } from '../../src/protocol/explore';
import { Readable } from 'node:stream';
import type { LabEvent } from '../../src/protocol/events';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist', 'cli.js');

function cli(cwd: string, args: string[], env: NodeJS.ProcessEnv = { LANG: 'C' }) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', NO_COLOR: '1', ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A lab whose names are the same in both languages: MainProcess and the runner's Lock 1. */
const PLAIN_LAB = `import { defineLab, Lock } from 'concurrency-labs';
export default defineLab(
  { id: 'plain', title: { en: 'Plain names', 'zh-CN': '普通名字' }, description: 'x' },
  async () => {
    const lock = new Lock();
    await lock.acquire();
    await lock.release();
  },
);
`;

const PLAIN_SCRIPT = `from multiprocessing import Lock
if __name__ == '__main__':
    lock = Lock()
    lock.acquire()
    lock.release()
`;

function runStart(file: string) {
  const log = parseJsonl(readFileSync(file, 'utf8'));
  assert.deepEqual(log.errors, []);
  const start = log.events[0];
  assert.ok(start.kind === 'run.start');
  return start;
}

describe('cli: a run knows its language', function () {
  this.timeout(180_000);
  let dir: string;
  before(async () => {
    await ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'cl-lang-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Records `lab` in Chinese under fifo, then replays it with LANG=C, and with --lang en. */
  function recordAndReplay(lab: string, title: RegExp) {
    const rec = join(dir, `${lab}.labrun`);
    const made = cli(dir, [
      'run',
      lab,
      '--lang',
      'zh-CN',
      '--schedule',
      'fifo',
      '--seed',
      '1',
      '--no-live',
      '--events',
      rec,
    ]);
    assert.equal(made.code, 0, made.out + made.err);
    const start = runStart(rec);
    assert.equal(start.lang, 'zh-CN');
    assert.doesNotMatch(
      readFileSync(rec, 'utf8').replace(/"(title|narration)":\{[^}]*\}/g, ''),
      /"name":"[^"]*[\u4e00-\u9fff]/,
      'no Chinese name',
    );
    const replay = cli(dir, ['run', lab, '--replay', rec, '--no-live']);
    assert.equal(replay.code, 0, replay.out + replay.err);
    assert.match(replay.out, /^运行 /);
    assert.match(replay.out, /状态\s+正常结束/);
    assert.doesNotMatch(replay.out, /Running|Status/);
    assert.doesNotMatch(replay.err, /录制|recording/);
    const en = cli(dir, ['run', lab, '--replay', rec, '--no-live', '--lang', 'en']);
    assert.equal(en.code, 0, en.out + en.err);
    // The names of this lab are the same in both languages: the replay goes through, told first.
    assert.match(
      en.err,
      /^the recording was made in Chinese: .* so in English the replay may stop/,
    );
    assert.match(en.out, /^Running /);
    assert.match(en.out, title);
  }

  it('a lab file recorded in Chinese, its names all English, replays in Chinese; --lang en wins', () => {
    writeFileSync(join(dir, 'plain.lab.mjs'), PLAIN_LAB);
    recordAndReplay('plain.lab.mjs', /^Plain names$/m);
  });

  it('a Python script too: its run.start is the runner’s', function () {
    if (!PYTHON) this.skip();
    writeFileSync(join(dir, 'plain.py'), PLAIN_SCRIPT);
    recordAndReplay('plain.py', /Status\s+ok/);
  });

  it('an English run says en', () => {
    const rec = join(dir, 'en.labrun');
    const r = cli(dir, [
      'run',
      'ticket-race',
      '--speed',
      '50',
      '--seed',
      '2',
      '--no-live',
      '--events',
      rec,
    ]);
    assert.equal(r.code, 0, r.out + r.err);
    assert.equal(runStart(rec).lang, 'en');
  });
});

describe('cli: errors and usage in the chosen language', function () {
  this.timeout(120_000);
  let dir: string;
  before(async () => {
    await ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'cl-errors-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const ZH = { LANG: 'zh_CN.UTF-8' };
  /** English sentences of the CLI that must not be left in Chinese output. */
  const ENGLISH = /\b(error|unknown|must|needs|does not|cannot|not a|Usage|Options)\b/;

  /** One error case: the arguments, the exit code, and the error line in each language. */
  const cases: [string[], number, RegExp, RegExp][] = [
    [['run', 'ipc', '--bogus'], 2, /^unknown option --bogus$/, /^未知的选项 --bogus$/],
    [['frobnicate'], 2, /^unknown command "frobnicate"$/, /^未知的命令“frobnicate”$/],
    [['run', 'nope'], 2, /^unknown lab "nope" \(see: /, /^未知的实验“nope”（参见：/],
    [['show'], 2, /^show needs one built-in lab id/, /^show 需要一个内置实验的 id/],
    [
      ['run', 'missing/file.lab.mjs'],
      2,
      /^the lab file missing\/file\.lab\.mjs does not exist$/,
      /^实验文件 missing\/file\.lab\.mjs 不存在$/,
    ],
    [['run', 'gone.py'], 2, /^the script gone\.py does not exist$/, /^脚本 gone\.py 不存在$/],
    [
      ['run', 'ipc', '--speed', 'fast'],
      2,
      /^--speed must be a number from 0\.01 to 1000, not "fast"$/,
      /^--speed 必须是 0\.01 到 1000 之间的数，而不是“fast”$/,
    ],
    [
      ['run', 'ipc', '--seed', '-1'],
      2,
      /^--seed must be a whole number from 0 to 4294967295, not "-1"$/,
      /^--seed 必须是 0 到 4294967295 之间的整数，而不是“-1”$/,
    ],
    [['run', 'ipc', '--timeout'], 2, /^--timeout needs a value$/, /^--timeout 需要一个值$/],
    [
      ['explore', 'ipc', '--strategy', 'pct:99'],
      2,
      /^the depth of pct must be a whole number from 1 to 20, not "99"$/,
      /^pct 的深度必须是 1 到 20 之间的整数，而不是“99”$/,
    ],
    [
      ['explore', 'ipc', '--verbose'],
      2,
      /^unknown option --verbose for explore$/,
      /^explore 没有选项 --verbose$/,
    ],
    [
      ['run', '--replay', 'gone.labrun'],
      1,
      /^the recording \/.*\/gone\.labrun does not exist$/,
      /^录制文件 \/.*\/gone\.labrun 不存在$/,
    ],
    [
      ['run', '--replay', '.'],
      1,
      /^cannot read \/.*: it is a folder$/,
      /^无法读取 \/.*：它是一个文件夹$/,
    ],
    [
      ['run', 'ipc', '--events', 'no/such/folder/run.jsonl'],
      1,
      /^cannot write \/.*run\.jsonl: the folder \/.*folder does not exist$/,
      /^无法写入 \/.*run\.jsonl：文件夹 \/.*folder 不存在$/,
    ],
  ];

  for (const [args, code, en, zh] of cases)
    it(`${args.join(' ')}: exit ${code}, one clear line in English and in Chinese`, () => {
      const english = cli(dir, args);
      assert.equal(english.code, code, english.err);
      assert.equal(english.out, '');
      const [line, ...rest] = english.err.split('\n');
      assert.match(line, /^error: /);
      assert.match(line.slice('error: '.length), en);
      // A usage error is followed by the usage; a file that cannot be read, by nothing.
      if (code === 2) assert.match(rest.join('\n'), /^\nUsage:\n/);
      else assert.deepEqual(rest, ['']);
      // Chinese from LANG, and from --lang given after the wrong argument.
      for (const chinese of [cli(dir, args, ZH), cli(dir, [...args, '--lang', 'zh-CN'])]) {
        if (args.includes('--timeout')) break; // its value would be the --lang that follows
        assert.equal(chinese.code, code, chinese.err);
        const [zhLine, ...zhRest] = chinese.err.split('\n');
        assert.match(zhLine, /^错误：/);
        assert.match(zhLine.slice('错误：'.length), zh);
        if (code === 2) assert.match(zhRest.join('\n'), /^\n用法：\n/);
        assert.doesNotMatch(
          chinese.err.replace(/--[\w-]+|\[--path\]/g, ''),
          ENGLISH,
          'no English sentence in the Chinese output',
        );
      }
    });

  it('a Python interpreter that is not there is said in the run’s language (run and explore)', function () {
    writeFileSync(join(dir, 'p.py'), PLAIN_SCRIPT);
    for (const cmd of ['run', 'explore']) {
      const args = [cmd, 'p.py', '--python', '/no/such/python'];
      const en = cli(dir, args);
      assert.equal(en.code, cmd === 'run' ? 1 : 2, en.err);
      assert.match(
        en.err,
        /^error: (the exploration failed: )?no Python interpreter found \(tried \/no\/such\/python\)\. Set the interpreter/m,
      );
      const zh = cli(dir, [...args, '--lang', 'zh-CN']);
      assert.equal(zh.code, en.code, zh.err);
      assert.match(
        zh.err,
        /^错误：(探索失败：)?找不到 Python 解释器（试过 \/no\/such\/python）。可以用设置/m,
      );
      assert.doesNotMatch(zh.err.replace(/--python PATH/g, ''), ENGLISH);
    }
  });

  it('output cut short by its reader (list | head) ends quietly, exit 0', () => {
    // `true` reads nothing and is gone before the CLI writes: every write meets EPIPE.
    for (const args of ['list', 'help', 'show ipc', 'list --lang zh-CN'])
      for (const reader of ['head -1', 'true']) {
        const line = `"${process.execPath}" "${CLI}" ${args} | ${reader}`;
        const r = spawnSync('sh', ['-c', line], {
          encoding: 'utf8',
          env: { ...process.env, LANG: 'C' },
        });
        assert.equal(r.status, 0, line);
        assert.equal(r.stdout.split('\n').length, reader === 'true' ? 1 : 2, line);
        assert.equal(r.stderr, '', line);
      }
  });

  it('names the HTML timeline in the run’s language', () => {
    const html = join(dir, 'zh.html');
    const args = ['run', 'queue-basics', '--speed', '50', '--seed', '4', '--no-live'];
    const r = cli(dir, [...args, '--html', html, '--lang', 'zh-CN']);
    assert.equal(r.code, 0, r.err);
    assert.match(readFileSync(html, 'utf8'), /<title>队列基础 — 种子 4<\/title>/);
    const en = cli(dir, [...args, '--html', html]);
    assert.equal(en.code, 0, en.err);
    assert.match(readFileSync(html, 'utf8'), /<title>Queue basics — seed 4<\/title>/);
  });

  it('a wrong --lang is said in the language of LANG', () => {
    const r = cli(dir, ['run', 'ipc', '--lang', 'fr'], ZH);
    assert.equal(r.code, 2);
    assert.match(r.err, /^错误：--lang 必须是 en 或 zh-CN，而不是“fr”\n/);
    assert.match(cli(dir, ['list', '--lang', 'fr']).err, /^error: --lang must be en or zh-CN/);
  });

  it('prints the usage in Chinese for help with LANG or --lang, exit 0', () => {
    for (const r of [cli(dir, ['help'], ZH), cli(dir, ['help', '--lang', 'zh-CN'])]) {
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /^用法：\n {2}node dist\/cli\.js run <实验 id \| /);
      assert.match(r.out, /^run 的选项：$/m);
      assert.match(r.out, /^explore 的选项/m);
      assert.match(r.out, /^ {2}--seed N {10}所有进程随机数的种子/m);
      assert.doesNotMatch(r.out.replace(/--[\w-]+/g, ''), ENGLISH);
    }
    assert.match(cli(dir, ['help', '--lang', 'en'], ZH).out, /^Usage:\n/);
  });

  it('show takes --lang (for its errors) and still shows the code', () => {
    const r = cli(dir, ['show', 'ipc', '--path', '--lang', 'zh-CN']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /ipc\.lab\.mjs\n$/);
  });
});

describe("cli: every sentence it says is in the extension's catalogue", () => {
  const zh = JSON.parse(
    readFileSync(join(ROOT, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8'),
  ) as Record<string, string>;
  const literal = `(['"])((?:(?!\\1)[^\\\\]|\\\\.)*)\\1`;
  const said = new Set<string>(USAGE_SENTENCES);
  const dir = join(ROOT, 'src', 'cli');
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
    const src = readFileSync(join(dir, f), 'utf8');
    const calls = [
      new RegExp(`\\bl10n\\(\\s*[\\w.'-]+,\\s*${literal}`, 'g'),
      new RegExp(`\\b(?:said|fail)\\(\\s*${literal}`, 'g'),
    ];
    for (const re of calls)
      for (const m of src.matchAll(re)) said.add(m[2].replace(/\\(['"])/g, '$1'));
  }

  it('has each in Chinese, with the same blanks', () => {
    assert.ok(said.size > 60, `found ${said.size} sentences`);
    const blanks = (text: string) => [...text.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();
    for (const sentence of said) {
      assert.ok(sentence in zh, `missing in l10n/bundle.l10n.zh-cn.json: ${sentence}`);
      assert.match(zh[sentence], /[\u4e00-\u9fff]/, sentence);
      assert.deepEqual(blanks(zh[sentence]), blanks(sentence), sentence);
    }
  });
});

describe('cli: Chinese lines read as Chinese', () => {
  it('a pool’s workers are listed with 、 in Chinese, with commas in English', () => {
    const pool = {
      obj: 1,
      name: 'Pool 1',
      processes: 2,
      jobs: 1,
      tasks: 4,
      failed: 0,
      workers: [
        { proc: 1, tasks: 2, busyUs: 1_000_000 },
        { proc: 2, tasks: 2, busyUs: 1_000_000 },
      ],
    };
    const d = () => '1 s';
    const name = (proc: number) => `W${proc}`;
    const [zh] = poolStatsLines([pool], true, d, name);
    assert.match(zh, /W1 2 个（忙 1 s）、W2 2 个（忙 1 s）$/);
    const [en] = poolStatsLines([pool], false, d, name);
    assert.match(en, /W1 2 \(busy 1 s\), W2 2 \(busy 1 s\)$/);
  });

  it('the run-again and explore-again commands keep a --lang that was given', () => {
    const opts = (args: string[]) => {
      const p = parseArgs(['run', 'ticket-race', '--seed', '3', ...args], { LANG: 'zh_CN.UTF-8' });
      assert.ok(p.ok && p.command.cmd === 'run');
      return p.command.opts;
    };
    assert.equal(rerunCommand(opts([])), 'node dist/cli.js run ticket-race --seed 3 --speed 1');
    assert.equal(
      rerunCommand(opts(['--lang', 'zh-CN'])),
      'node dist/cli.js run ticket-race --seed 3 --speed 1 --lang zh-CN',
    );
    const explore = parseArgs(['explore', 'ticket-lock', '--seed', '1', '--lang', 'en'], {});
    assert.ok(explore.ok && explore.command.cmd === 'explore');
    const result: ExploreResult = {
      ...{ runs: 5, runsPerSec: 1, strategy: 'random', exhausted: false, failure: null },
      ...{ outcomes: [], stopped: false, final: true, phase: 'done' },
    };
    const lines = exploreReport(result, explore.command.opts, makeStyle(false));
    assert.match(lines.at(-1)!, /explore ticket-lock --strategy random --seed 1 --lang en$/);
  });

  it('an exploration without a failure: two Chinese sentences, no space between them', () => {
    const result: ExploreResult = {
      ...{ runs: 5, runsPerSec: 1, strategy: 'random', exhausted: false, failure: null },
      ...{ outcomes: [{ outcome: 1, count: 5, failed: false, example: 1 }] },
      ...{ stopped: false, final: true, phase: 'done' },
    };
    const opts: ExploreOptions = {
      ...{ lab: 'ticket-lock', strategy: 'random', depth: 2, runs: 5, bound: 1, seed: 1 },
      ...{ seedGiven: true, all: false, json: false, lang: 'zh-CN', reuse: true },
    };
    const zh = exploreReport(result, opts, makeStyle(false));
    assert.ok(zh.includes('5 次运行中没有失败。这不是证明：别的调度仍可能失败。'), zh.join('\n'));
    const en = exploreReport(result, { ...opts, lang: 'en' }, makeStyle(false));
    assert.ok(
      en.includes('No failure in 5 runs. That is no proof: other schedules may still fail.'),
    );
  });

  it('a live error line puts its place in full-width brackets in Chinese', () => {
    const base = { v: 1, seq: 0, t: 0, proc: 0, kind: 'error', name: 'Error' };
    const e = { ...base, message: 'boom\nat …', file: '/x/lab.mjs', line: 3 } as LabEvent;
    const names = { proc: () => 'P', obj: () => 'O' };
    assert.equal(describeEvent(e, names, 'zh-CN', 1), '错误：boom（/x/lab.mjs:3）');
    assert.equal(describeEvent(e, names, 'en', 1), 'error: boom (/x/lab.mjs:3)');
  });

  it('a pipe’s end: no space after a Chinese name, one after a Latin name or a number', () => {
    const send = { v: 1, seq: 0, t: 0, proc: 0, kind: 'pipe.send', obj: 1, end: 0 };
    const e = { ...send, msg: 1, value: 'ping', pending: 1 } as LabEvent;
    const names = (obj: string) => ({ proc: () => 'P', obj: () => obj });
    assert.equal(describeSharedEvent(e, names('球桌'), true), '从球桌的第 0 端发送 "ping"');
    assert.equal(describeSharedEvent(e, names('管道 1'), true), '从管道 1 的第 0 端发送 "ping"');
    assert.equal(describeSharedEvent(e, names('table'), true), '从 table 的第 0 端发送 "ping"');
    const close = { ...send, kind: 'pipe.close', holders: 1 } as LabEvent;
    assert.equal(
      describeSharedEvent(close, names('球桌'), true),
      '关闭球桌的第 0 端（还有 1 个进程持有）',
    );
    assert.equal(describeSharedEvent(e, names('table'), false), 'send "ping" from end 0 of table');
  });
});

describe('cli: the step menu in Chinese', () => {
  it('lines up Chinese and Latin names by columns, the outcome right after the colon', async () => {
    let shown = '';
    const input = Readable.from(['1\n']);
    const prompt = new StepPrompt(input, false, (text) => (shown += text), 'zh-CN');
    const op = (en: string, zh: string) => ({ en, 'zh-CN': zh });
    await prompt.ask(
      {
        step: 3,
        runnable: [
          { proc: 0, name: 'MainProcess', op: op('start Ping', '启动 Ping') },
          { proc: 1, name: 'Ping', op: op('go on', '继续') },
          { proc: 2, name: 'Process-2', op: op('go on', '继续') },
        ],
        blocked: [],
        fallback: 0,
      },
      '{"sold":0}',
    );
    prompt.close();
    const lines = shown.split('\n');
    assert.ok(lines.includes('第 3 步   目前的结果：{"sold":0}'), shown);
    assert.ok(lines.includes('    1  主进程    启动 Ping   ← 默认'), shown);
    assert.ok(lines.includes('    2  Ping      继续'), shown);
    assert.ok(lines.includes('    3  进程2     继续'), shown);
  });
});
