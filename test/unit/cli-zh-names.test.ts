/**
 * The CLI in Chinese names processes as the rest of the Chinese UI does: Python's MainProcess and
 * Process-N (the runtime's default names too) are 主进程 and 进程N in the lanes, the event rows,
 * the printed lines' prefix and the statistics. What a process prints stays as it printed it.
 * The same for the objects the runner or the Python runtime named: Lock 1 is 锁 1.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseJsonl } from '../../src/protocol/jsonl';
import { ensureBuilt } from '../support/build';
import { PYTHON } from '../support/python';
import { fixture } from '../support/runLab';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist', 'cli.js');

// The Python twin of test/fixtures/labs/default-names.lab.mjs.
const PY_SCRIPT = `from multiprocessing import Lock, Process, current_process
import time


def work(lock):
    with lock:
        print(f'I am {current_process().name}', flush=True)
        time.sleep(0.1)


if __name__ == '__main__':
    lock = Lock()
    workers = [Process(target=work, args=(lock,)) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(f'main is {current_process().name}')
`;

/** Runs the CLI in Chinese; returns its output and the texts the lab printed (from its log). */
function runChinese(lab: string, events: string, extra: string[] = []) {
  return runIn('zh-CN', lab, events, extra);
}

function runIn(lang: string, lab: string, events: string, extra: string[] = []) {
  const r = spawnSync(
    process.execPath,
    [CLI, 'run', lab, '--speed', '10', '--seed', '5', '--lang', lang, '--events', events, ...extra],
    { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } },
  );
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const log = parseJsonl(readFileSync(events, 'utf8'));
  const printed = log.events.flatMap((e) => (e.kind === 'log' ? [e.text] : []));
  return { out: r.stdout, printed };
}

/** The output with every printed text taken out: what is left are the names the UI says. */
function withoutPrinted(out: string, printed: readonly string[]): string {
  return printed.reduce((text, line) => text.split(line).join('‹printed›'), out);
}

function assertChineseNames(out: string, printed: readonly string[], live = true): void {
  // The processes' own words, as printed.
  assert.ok(
    printed.includes('I am Process-1') && printed.includes('main is MainProcess'),
    `${printed}`,
  );
  for (const line of printed)
    assert.ok(out.includes(line), `printed "${line}" is shown as printed`);
  const rest = withoutPrinted(out, printed);
  assert.doesNotMatch(rest, /MainProcess|Process-\d/, 'names the UI says are in Chinese');
  // The statistics' rows: one per process, under its Chinese name.
  const stats = rest.slice(rest.indexOf('统计（实验时间）'));
  for (const name of ['主进程', '进程1', '进程2'])
    assert.match(stats, new RegExp(`^  ${name}\\s`, 'm'), `a statistics row for ${name}`);
  assertChineseLockName(rest, live);
}

/** The lab's one unnamed lock is 锁 1 in the live rows and the statistics, never Lock 1. */
function assertChineseLockName(out: string, live = true): void {
  assert.doesNotMatch(out, /\bLock \d/, 'the default lock name is said in Chinese');
  if (live) assert.match(out, /acquire\(锁 1\)/, 'a live row names 锁 1');
  assert.match(out, /^ {2}锁 1：\d+ 次获取/m, 'the statistics line of 锁 1');
}

describe('cli in Chinese: process names as the Chinese UI says them', function () {
  this.timeout(240_000);
  let dir: string;
  before(async () => {
    await ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'cl-zh-names-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a JavaScript lab: live rows, printed lines and statistics', () => {
    const { out, printed } = runChinese(fixture('default-names.lab.mjs'), join(dir, 'js.jsonl'));
    assertChineseNames(out, printed);
    // The live rows: the acting process's name column and join()'s target.
    assert.match(out, /主进程\s+join\(进程1\)/);
  });

  it('a JavaScript lab without the live timeline: each printed line under its Chinese name', () => {
    const { out, printed } = runChinese(
      fixture('default-names.lab.mjs'),
      join(dir, 'js-quiet.jsonl'),
      ['--no-live'],
    );
    assertChineseNames(out, printed, false);
    assert.match(out, /^ {2}主进程 › main is MainProcess$/m);
    assert.match(out, /^ {2}进程[12] › I am Process-[12]$/m);
  });

  it("a lab's own words that read Lock 1 stay its words; the runner's Lock 1 is 锁 1", () => {
    const { out, printed } = runChinese(fixture('own-words.lab.mjs'), join(dir, 'own.jsonl'));
    // The lab's outcome and check, in its own Chinese words, as it wrote them.
    assert.match(out, /^结果 +菜谱里的 Lock 1：1 位厨师放弃了$/m);
    assert.match(out, /^检查 +未通过：菜谱里的 Lock 1 没有轮流用$/m);
    assert.ok(printed.includes('Lock 1 in my notes: got it? false'), `${printed}`);
    // The finding about the runner's lock names it in Chinese, and so does everything else.
    assert.match(out, /锁 1：1 个进程需要等待（共获取 1 次，其中 0 次是等来的，1 次放弃）/);
    const ownWords = ['菜谱里的 Lock 1：1 位厨师放弃了', '菜谱里的 Lock 1 没有轮流用'];
    assertChineseLockName(withoutPrinted(out, [...printed, ...ownWords]));
  });

  it('a built-in Python lab: its Lock() is 锁 1 in Chinese and Lock 1 in English', function () {
    if (!PYTHON) this.skip();
    const zh = runChinese('python-ticket-lock', join(dir, 'builtin-zh.jsonl'));
    assertChineseLockName(withoutPrinted(zh.out, zh.printed));
    const en = runIn('en', 'python-ticket-lock', join(dir, 'builtin-en.jsonl'));
    assert.match(en.out, /acquire\(Lock 1\)/);
    assert.match(en.out, /^ {2}Lock 1: \d+ acquisitions/m);
    assert.doesNotMatch(en.out, /锁/);
    // The log keeps the name the runtime gave, whatever the language.
    const created = (file: string) =>
      parseJsonl(readFileSync(join(dir, file), 'utf8')).events.flatMap((e) =>
        e.kind === 'lock.create' ? [e.name] : [],
      );
    assert.deepEqual(created('builtin-zh.jsonl'), ['Lock 1']);
    assert.deepEqual(created('builtin-en.jsonl'), ['Lock 1']);
  });

  it('a Python script: live rows, printed lines and statistics', function () {
    if (!PYTHON) this.skip();
    const script = join(dir, 'names.py');
    writeFileSync(script, PY_SCRIPT);
    const { out, printed } = runChinese(script, join(dir, 'py.jsonl'));
    assertChineseNames(out, printed);
    assert.match(out, /主进程\s+join\(进程1\)/);
  });
});
