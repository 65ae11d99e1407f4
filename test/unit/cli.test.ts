import { strict as assert } from 'node:assert';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseJsonl } from '../../src/protocol/jsonl';
import { ensureBuilt } from '../support/build';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist', 'cli.js');

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1', LANG: 'C' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('cli (the built dist/cli.js as a real process)', function () {
  this.timeout(120_000);
  let dir: string;
  before(async () => {
    await ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'cl-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the six seed labs in teaching order', () => {
    const r = cli(['list']);
    assert.equal(r.code, 0, r.err);
    const ids = r.out
      .split('\n')
      .filter((l) => /^\S/.test(l))
      .map((l) => l.split(/\s+/)[0]);
    assert.deepEqual(ids, [
      'ticket-race',
      'ticket-lock',
      'queue-basics',
      'ipc',
      'producer-consumer-sentinel',
      'producer-consumer-joinable',
    ]);
  });

  it('runs queue-basics to the end: live lanes, banner, narration, statistics, exit 0', () => {
    const events = join(dir, 'basics.jsonl');
    const r = cli([
      'run',
      'queue-basics',
      '--speed',
      '50',
      '--seed',
      '1',
      '--lang',
      'en',
      '--events',
      events,
    ]);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /Running queue-basics with seed 1 at speed 50×/);
    assert.match(r.out, /MainProcess\s+put 111 → /);
    assert.match(r.out, /put gave up: Full/);
    assert.match(r.out, /Outcome 5 put, 5 got, FIFO · Full ×1 · Empty ×2/);
    assert.match(r.out, /What happened\n\s+MainProcess put 111, 222, 333, 444, 555/);
    assert.match(r.out, /Statistics \(lab time\)/);
    assert.match(r.out, /--seed 1 --speed 50/);
    assert.doesNotMatch(r.out, /\x1b\[/, 'no colour codes when stdout is not a terminal');

    const log = parseJsonl(readFileSync(events, 'utf8'));
    assert.deepEqual(log.errors, []);
    assert.equal(log.truncated, false);
    const end = log.events[log.events.length - 1];
    assert.ok(end.kind === 'run.end' && end.status === 'ok');
    assert.deepEqual(
      log.events
        .filter((e) => e.kind === 'queue.get')
        .map((e) => e.kind === 'queue.get' && e.value),
      [111, 222, 333, 444, 555],
    );
  });

  it('speaks Chinese with --lang zh-CN', () => {
    const r = cli([
      'run',
      'queue-basics',
      '--speed',
      '50',
      '--seed',
      '2',
      '--lang',
      'zh-CN',
      '--no-live',
    ]);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /结果\s+放入 5 个，取出 5 个，先进先出/);
    assert.match(r.out, /发生了什么/);
    assert.doesNotMatch(r.out, /put 111 →/, '--no-live prints no timeline');
  });

  it('prints the usage for help, exit 0', () => {
    const r = cli(['help']);
    assert.equal(r.code, 0);
    assert.match(
      r.out,
      /^Usage:\n {2}node dist\/cli\.js run <lab-id \| path\/to\/file\.lab\.mjs> \[options\]/,
    );
  });

  it('rejects bad arguments with one line and the usage, exit 2', () => {
    for (const args of [
      ['run', 'nope'],
      ['run', 'missing/file.lab.mjs'],
      ['run', 'ipc', '--speed', '-2'],
      ['run', 'ipc', '--speed', '0'],
      ['run', 'ipc', '--seed', 'x'],
      ['bogus'],
    ]) {
      const r = cli(args);
      assert.equal(r.code, 2, args.join(' '));
      const [first, ...rest] = r.err.split('\n');
      assert.match(first, /^error: /, args.join(' '));
      assert.match(rest.join('\n'), /Usage:/);
      assert.equal(r.out, '');
    }
  });

  it('exits non-zero with a clear message when the run fails', () => {
    const lab = join(dir, 'fails.lab.mjs');
    writeFileSync(
      lab,
      `import { defineLab, print } from 'concurrency-labs';
export default defineLab({ id: 'fails', title: { en: 'Fails', 'zh-CN': '失败' }, description: { en: 'x', 'zh-CN': 'x' } },
  async () => { print('about to fail'); throw new Error('deliberate failure'); });
`,
    );
    const r = cli(['run', lab, '--speed', '10', '--seed', '3', '--lang', 'en']);
    assert.equal(r.code, 1, r.out + r.err);
    assert.match(r.out, /about to fail/);
    assert.match(r.out, /Status\s+error/);
    assert.match(r.out, /deliberate failure/);
    assert.match(r.err, /did not finish normally \(error\)/);
  });

  it('writes a self-contained HTML timeline with --html', () => {
    const html = join(dir, 'run.html');
    const r = cli([
      'run',
      'queue-basics',
      '--speed',
      '50',
      '--seed',
      '1',
      '--no-live',
      '--html',
      html,
    ]);
    assert.equal(r.code, 0, r.out + r.err);
    const text = readFileSync(html, 'utf8');
    assert.match(text, /^<!DOCTYPE html>/);
    assert.match(text, /Content-Security-Policy/);
    assert.match(text, /"kind":"queue.put"/);
  });

  it('stops on Ctrl-C: the runner ends the run, the report says stopped, nothing is left running', async () => {
    const child = spawn(
      process.execPath,
      [CLI, 'run', 'ticket-lock', '--speed', '1', '--seed', '4', '--lang', 'en'],
      {
        cwd: ROOT,
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
    });
    child.stderr.on('data', (b: Buffer) => {
      err += b.toString();
    });
    const deadline = Date.now() + 30_000;
    while (!/Process 9\s+started/.test(out) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    assert.match(out, /Process 9\s+started/, 'the run got going');
    const runner = execFileSync('ps', ['-o', 'pid=', '--ppid', String(child.pid)], {
      encoding: 'utf8',
    })
      .trim()
      .split(/\s+/)[0];
    child.kill('SIGINT');
    const code = await new Promise<number | null>((res) => child.on('exit', (c) => res(c)));
    assert.equal(code, 130, out + err);
    assert.match(err, /stopping the run/);
    assert.match(out, /Status\s+stopped/);
    const left = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.includes(`--cl-runner=${runner}`));
    assert.deepEqual(left, [], 'no lab process outlives the run');
  });
});
