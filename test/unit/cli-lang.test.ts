// The language of a run through the built CLI: a recording says the language it was made in
// (run.start's `lang`), a replay runs in it whatever the names look like, and --lang wins.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseJsonl } from '../../src/protocol/jsonl';
import { ensureBuilt } from '../support/build';
import { PYTHON } from '../support/python';

const CLI = join(resolve(__dirname, '../..'), 'dist', 'cli.js');

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
    const en = cli(dir, ['run', lab, '--replay', rec, '--no-live', '--lang', 'en']);
    assert.equal(en.code, 0, en.out + en.err);
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
