/**
 * The CLI in Chinese names processes as the rest of the Chinese UI does: Python's MainProcess and
 * Process-N (the runtime's default names too) are 主进程 and 进程N in the lanes, the event rows,
 * the printed lines' prefix and the statistics. What a process prints stays as it printed it.
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
  const r = spawnSync(
    process.execPath,
    [
      CLI,
      'run',
      lab,
      '--speed',
      '10',
      '--seed',
      '5',
      '--lang',
      'zh-CN',
      '--events',
      events,
      ...extra,
    ],
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

function assertChineseNames(out: string, printed: readonly string[]): void {
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
    assertChineseNames(out, printed);
    assert.match(out, /^ {2}主进程 › main is MainProcess$/m);
    assert.match(out, /^ {2}进程[12] › I am Process-[12]$/m);
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
