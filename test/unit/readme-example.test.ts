// The README's own-lab example keeps its promise: with the lock the balance is always 100; with the
// lock taken away deposits get lost, and the run still ends (never a hang). The example is taken
// from the README at test time, so the text and the test cannot drift apart.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureBuilt } from '../support/build';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist', 'cli.js');
const SEEDS = [1, 2, 3, 4];

function readmeExample(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Write your own lab'));
  const block = /```js\n([\s\S]*?)```/.exec(section);
  assert.ok(block, 'the README has a js example under "Write your own lab"');
  return block[1];
}

/** The example without the lock, as the README tells the reader to try: withLock's body stays. */
function withoutLock(source: string): string {
  const changed = source.replace(
    /await lock\.withLock\(async \(\) => \{\n([\s\S]*?)\n\s*\}\);/,
    (_all, body: string) => body,
  );
  assert.notEqual(changed, source, 'the example has a lock.withLock(async () => { … }) block');
  return changed;
}

function run(dir: string, file: string, seed: number) {
  const r = spawnSync(
    process.execPath,
    [CLI, 'run', file, '--seed', String(seed), '--speed', '20', '--no-live', '--lang', 'en'],
    { cwd: dir, encoding: 'utf8', timeout: 90_000, env: { ...process.env, NO_COLOR: '1' } },
  );
  const status = /^Status\s+(\w+)/m.exec(r.stdout)?.[1];
  const balance = Number(/balance: (\d+)/.exec(r.stdout)?.[1] ?? NaN);
  const check = /^Check\s+(\w+)/m.exec(r.stdout)?.[1];
  return { status, balance, check, out: r.stdout + r.stderr };
}

describe("the README's own-lab example", function () {
  this.timeout(600_000);
  let dir: string;
  before(async () => {
    await ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'cl-readme-'));
    const source = readmeExample();
    writeFileSync(join(dir, 'deposits.lab.mjs'), source);
    writeFileSync(join(dir, 'nolock.lab.mjs'), withoutLock(source));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('ends with balance 100 under the lock, every seed', () => {
    for (const seed of SEEDS) {
      const r = run(dir, 'deposits.lab.mjs', seed);
      assert.equal(r.status, 'ok', r.out);
      assert.equal(r.balance, 100, r.out);
      assert.equal(r.check, 'passed', r.out);
    }
  });

  it('loses deposits without the lock, and never hangs', () => {
    const results = SEEDS.map((seed) => run(dir, 'nolock.lab.mjs', seed));
    for (const r of results) assert.notEqual(r.status, 'hang', r.out);
    // A torn read may fail a depositor (status error); the run still ends and main reports.
    for (const r of results) assert.ok(r.status === 'ok' || r.status === 'error', r.out);
    // The example's check says so whenever the run ended by itself with a deposit lost.
    for (const r of results)
      if (r.status === 'ok' && r.balance < 100) assert.equal(r.check, 'failed', r.out);
    assert.ok(
      results.some((r) => r.balance < 100),
      `no seed lost a deposit:\n${results.map((r) => r.out).join('\n')}`,
    );
  });
});
