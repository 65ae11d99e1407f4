import { strict as assert } from 'node:assert';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseJsonl } from '../../src/protocol/jsonl';
import { ensureBuilt } from '../support/build';
import { PYTHON } from '../support/python';

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

  it('lists the labs in teaching order: the six seed labs, the synchronization course, then the Python labs', () => {
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
      'deadlock',
      'deadlock-ordered',
      'dining-philosophers',
      'dining-philosophers-ordered',
      'dining-philosophers-seats',
      'semaphore-pool',
      'barrier',
      'readers-writers',
      'readers-writers-fair',
      'bounded-buffer-condition',
      'bounded-buffer-condition-fixed',
      'value-counter',
      'value-counter-locked',
      'pool-map',
      'pipe-ping-pong',
      'python-ticket-race',
      'python-ticket-lock',
      'python-queue-basics',
      'python-ipc',
      'python-producer-consumer-sentinel',
      'python-producer-consumer-joinable',
      'python-pool-map',
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

  it('runs a built-in Python lab with the analysis of its JavaScript lab, in real time and under a schedule', function () {
    if (!PYTHON) this.skip();
    const r = cli(['run', 'python-ticket-lock', '--speed', '20', '--seed', '1', '--no-live']);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /^Ticket race with a lock \(Python\)\nThe ticket race again/m);
    assert.match(r.out, /Outcome 1 ticket, 1 sold/);
    assert.match(r.out, /Check\s+passed/);
    assert.match(r.out, /What happened\n\s+One ticket, one sale\. Process-\d+ got the lock first/);
    const fifo = cli([
      'run',
      'python-ticket-lock',
      '--schedule',
      'fifo',
      '--seed',
      '1',
      '--no-live',
    ]);
    assert.equal(fifo.code, 0, fifo.out + fifo.err);
    assert.match(fifo.out, /Outcome 1 ticket, 1 sold/);
    assert.match(fifo.out, /Check\s+passed/);
  });

  it('prints the usage for help, exit 0', () => {
    const r = cli(['help']);
    assert.equal(r.code, 0);
    assert.match(
      r.out,
      /^Usage:\n {2}node dist\/cli\.js run <lab-id \| path\/to\/file\.lab\.mjs[^>]*> \[options\]/,
    );
    assert.match(
      r.out,
      /^ {2}node dist\/cli\.js explore <lab-id \| path\/to\/file\.lab\.mjs \| path\/to\/script\.py> \[options\]$/m,
    );
    assert.match(r.out, /^Options for explore/m);
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

  /** Starts a real-time ticket-lock run in the CLI; resolves once all ten processes have started. */
  async function ticketLockInCli(extra: string[] = []) {
    const child = spawn(
      process.execPath,
      [CLI, 'run', 'ticket-lock', '--speed', '1', '--seed', '4', '--lang', 'en', ...extra],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } },
    );
    const text = { out: '', err: '' };
    const exited = new Promise<number | null>((res) => child.on('exit', (c) => res(c)));
    const seen = (stream: 'out' | 'err', pattern: RegExp) =>
      new Promise<void>((res, rej) => {
        const look = () => {
          if (!pattern.test(text[stream])) return;
          (stream === 'out' ? child.stdout : child.stderr).off('data', look);
          res();
        };
        (stream === 'out' ? child.stdout : child.stderr).on('data', look);
        void exited.then(() => rej(new Error(`exited before ${pattern}:\n${text.out}${text.err}`)));
        look();
      });
    child.stdout.on('data', (b: Buffer) => (text.out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (text.err += b.toString()));
    await seen('out', /Process 9\s+started/);
    const runner = execFileSync('ps', ['-o', 'pid=', '--ppid', String(child.pid)], {
      encoding: 'utf8',
    })
      .trim()
      .split(/\s+/)[0];
    const listed = () =>
      execFileSync('ps', ['-eo', 'pid,stat,args'], { encoding: 'utf8' })
        .split('\n')
        .filter((l) => l.includes(`--cl-runner=${runner}`));
    // Lab processes still listed once the CLI has exited (a killed one may take a moment to be reaped).
    const left = async () => {
      for (let i = 0; i < 100 && listed().length > 0; i++)
        await new Promise((r) => setTimeout(r, 50));
      return listed();
    };
    return { child, text, exited, seen, runner: Number(runner), left };
  }

  it('stops on Ctrl-C: the runner ends the run, the report says stopped, nothing is left running', async () => {
    const run = await ticketLockInCli();
    run.child.kill('SIGINT');
    const code = await run.exited;
    assert.equal(code, 130, run.text.out + run.text.err);
    assert.match(run.text.err, /stopping the run/);
    assert.match(run.text.out, /Status\s+stopped/);
    assert.deepEqual(await run.left(), [], 'no lab process outlives the run');
  });

  it('a second Ctrl-C kills a runner that does not answer, and the --events log still ends with run.end', async () => {
    const file = join(dir, 'killed.labrun');
    const run = await ticketLockInCli(['--events', file]);
    // A frozen runner cannot answer the stop: only the second Ctrl-C can end the run.
    process.kill(run.runner, 'SIGSTOP');
    run.child.kill('SIGINT');
    await run.seen('err', /stopping the run/);
    run.child.kill('SIGINT');
    const code = await run.exited;
    assert.equal(code, 130, run.text.out + run.text.err);
    assert.match(run.text.out, /Status\s+stopped/);
    assert.deepEqual(await run.left(), [], 'no lab process outlives the run');
    const log = parseJsonl(readFileSync(file, 'utf8'));
    assert.deepEqual(log.errors, []);
    const last = log.events.at(-1)!;
    assert.equal(last.kind === 'run.end' && last.status, 'stopped');
    assert.match(last.kind === 'run.end' ? (last.message ?? '') : '', /killed before the runner/);
  });
});
