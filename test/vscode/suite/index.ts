/**
 * The code-server route's `extensionTestsPath` (test/vscode/run.mjs): runs the suite file
 * (out/test/vscode/suite.js, see all.ts) in mocha inside the extension host, and writes each
 * test's result to the JSON file named by CONCURRENCY_LABS_TEST_RESULTS. Bundled by
 * scripts/build.mjs to out/test/vscode/index.js with `vscode` and `mocha` left external.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface MochaLike {
  addFile(f: string): void;
  grep(pattern: string): void;
  run(done: (failures: number) => void): {
    on(event: string, cb: (...args: never[]) => void): unknown;
  };
}

/** The suite both runners load, beside this bundle. */
const SUITE_FILE = join(__dirname, 'suite.js');

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
  if (grep) mocha.grep(grep);
  mocha.addFile(SUITE_FILE);

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
  if (out) writeFileSync(out, JSON.stringify({ files: [SUITE_FILE], failures, results }, null, 2));
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
