// An own lab (a *.lab.mjs file) through the built CLI: its errors point to file:line, its title and
// its print() output are shown, in both languages.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureBuilt } from '../support/build';

const CLI = join(resolve(__dirname, '../..'), 'dist', 'cli.js');

function cli(cwd: string, args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1', LANG: 'C' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const THROWING = `import { defineLab, Process, sleep, print } from 'concurrency-labs';

export async function child() {
  await sleep(0.1);
  throw new Error('child broke');
}

export default defineLab(
  { id: 'throwing', title: { en: 'Throwing twice', 'zh-CN': '抛出两次' }, description: 'x' },
  async () => {
    print('hello from main');
    const p = new Process(child);
    await p.start();
    await p.join();
    throw new Error('main broke');
  },
);
`;

const ONE_LANGUAGE = `import { defineLab, print } from 'concurrency-labs';
export default defineLab({ id: 'one', title: { en: 'Only English' }, description: 'plain' }, async () => {
  print('done');
});
`;

const DIES_BEFORE_PUT = `import { defineLab, Process, Queue } from 'concurrency-labs';
export async function worker(q) {
  JSON.parse('{"balance": 1');
  await q.put('done');
}
export default defineLab({ id: 'dies', title: 'Dies before put', description: '' }, async () => {
  const q = new Queue();
  await new Process(worker, [q]).start();
  await q.get();
});
`;

describe('cli with an own lab', function () {
  this.timeout(120_000);
  let dir: string;
  before(async () => {
    await ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'cl-ownlab-'));
    writeFileSync(join(dir, 'throwing.lab.mjs'), THROWING);
    writeFileSync(join(dir, 'one.lab.mjs'), ONE_LANGUAGE);
    writeFileSync(join(dir, 'dies.lab.mjs'), DIES_BEFORE_PUT);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const lang of ['en', 'zh-CN'] as const)
    it(`prints where each error was raised, its title and its print() output with --no-live (${lang})`, () => {
      const r = cli(dir, [
        'run',
        'throwing.lab.mjs',
        '--seed',
        '1',
        '--speed',
        '20',
        '--no-live',
        '--lang',
        lang,
      ]);
      assert.equal(r.code, 1, r.err);
      const zh = lang === 'zh-CN';
      assert.match(r.out, zh ? /^抛出两次$/m : /^Throwing twice$/m);
      // Main's name as the UI says it (主进程 in Chinese); what it printed, as printed.
      assert.match(r.out, zh ? /主进程 › hello from main/ : /MainProcess › hello from main/);
      // The rerun command keeps the --lang given, and does not promise the same interleaving.
      assert.match(
        r.out,
        zh
          ? /--seed 1 --speed 20 --lang zh-CN（随机数相同；但进程是实时运行的/
          : /--seed 1 --speed 20 --lang en \(the same random numbers; processes run in real time/,
      );
      // Line 5 throws in the child, line 15 in main; the report names the process and the place.
      if (zh) {
        assert.match(r.out, /进程1：child broke\n\s+位置 throwing\.lab\.mjs:5\n/);
        assert.match(r.out, /主进程：main broke\n\s+位置 throwing\.lab\.mjs:15\n/);
      } else {
        assert.match(r.out, /Process-1: child broke\n\s+at throwing\.lab\.mjs:5\n/);
        assert.match(r.out, /MainProcess: main broke\n\s+at throwing\.lab\.mjs:15\n/);
      }
    });

  it('shows file:line on the live error rows', () => {
    const r = cli(dir, ['run', 'throwing.lab.mjs', '--seed', '1', '--speed', '20']);
    assert.match(r.out, /error: child broke \(throwing\.lab\.mjs:5\)/);
    assert.match(r.out, /error: main broke \(throwing\.lab\.mjs:15\)/);
  });

  it('accepts a title in one language and a plain-string description, falling back to it in Chinese', () => {
    const r = cli(dir, ['run', 'one.lab.mjs', '--seed', '1', '--speed', '20', '--lang', 'zh-CN']);
    assert.equal(r.code, 0, r.out + r.err);
    assert.doesNotMatch(r.out + r.err, /malformed/i);
    assert.match(r.out, /^Only English$/m);
    assert.match(r.out, /结果\s+Only English：运行结束/);
  });

  for (const lang of ['en', 'zh-CN'] as const)
    it(`a hang caused by a child that died of an error says so first (${lang})`, () => {
      const r = cli(dir, ['run', 'dies.lab.mjs', '--seed', '1', '--speed', '20', '--lang', lang]);
      assert.equal(r.code, 1, r.out + r.err);
      const outcome = r.out.split('\n').find((l) => /^(Outcome|结果)/.test(l)) ?? '';
      assert.match(
        outcome,
        lang === 'en'
          ? /^Outcome The run hangs: Process-1 died of an error \(.*JSON.*\); every process left is waiting/
          : /^结果\s+程序卡住了：进程1因出错而终止（.*JSON.*）；剩下的进程都在等待/,
      );
      // Said once, not three times.
      assert.equal(outcome.match(/hang|卡住/gi)?.length, 1, outcome);
      // The Errors section names the process as the UI does: 进程1 in Chinese.
      assert.match(
        r.out,
        lang === 'en'
          ? /Process-1: .*JSON[\s\S]*?at dies\.lab\.mjs:3\n/
          : /进程1：.*JSON[\s\S]*?位置 dies\.lab\.mjs:3\n/,
      );
    });
});
