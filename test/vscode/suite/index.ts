/**
 * The integration suite's entry, loaded by VS Code as `extensionTestsPath` (code-server here,
 * @vscode/test-electron where a desktop VS Code exists). Bundled by scripts/build.mjs to
 * out/test/vscode/index.js with `vscode` and `mocha` left external.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface MochaLike {
  addFile?(f: string): void;
  suite: { emit(event: string, ...args: unknown[]): void };
  run(done: (failures: number) => void): {
    on(event: string, cb: (...args: never[]) => void): unknown;
  };
}

/** Where this bundle's sources live: out/test/vscode → test/vscode/suite. */
const SUITE_DIR = join(__dirname, '..', '..', '..', 'test', 'vscode', 'suite');

export async function run(): Promise<void> {
  // mocha 12 is ESM (namespace on Node 20, class on Node 24); mocha 11 is CJS: accept both.
  const m = require('mocha');
  const Mocha = m.default || m;
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 60_000,
    reporter: 'spec',
  }) as MochaLike;
  const grep = process.env.CONCURRENCY_LABS_TEST_GREP;
  if (grep) (mocha as unknown as { grep(s: string): void }).grep(grep);

  // Test files are found by glob, never hand-listed: every *.test.ts next to this file.
  const files = readdirSync(SUITE_DIR)
    .filter((f) => f.endsWith('.test.ts'))
    .sort();
  mocha.suite.emit('pre-require', globalThis, 'suite', mocha);
  for (const f of files) {
    mocha.suite.emit('pre-require', globalThis, f, mocha);
    // esbuild bundles every file this template can name (a glob import).
    require(`./${f.slice(0, -'.test.ts'.length)}.test.ts`);
  }

  const results: { title: string; state: string; error?: string; ms?: number }[] = [];
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on('pass', (t: { fullTitle(): string; duration?: number }) =>
      results.push({ title: t.fullTitle(), state: 'passed', ms: t.duration }),
    );
    runner.on('fail', (t: { fullTitle(): string }, err: Error) =>
      results.push({ title: t.fullTitle(), state: 'failed', error: String(err?.stack ?? err) }),
    );
  });
  const out = process.env.CONCURRENCY_LABS_TEST_RESULTS;
  if (out) writeFileSync(out, JSON.stringify({ files, failures, results }, null, 2));
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
