/** scripts/build.mjs fails loudly: a missing entry point is an error, never a skipped bundle. */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as runtimeIndex from '../../src/runtime/index';
import { DIST, REPO, ensureBuilt } from '../support/build';

/** Runs the build in `cwd`; resolves with its exit code and stderr. */
function build(cwd: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(REPO, 'scripts', 'build.mjs')], { cwd }, (err, _out, stderr) =>
      resolve({ code: err ? Number(err.code ?? 1) : 0, stderr }),
    );
  });
}

describe('scripts/build.mjs', function () {
  this.timeout(120_000);

  it('refuses to build when an entry point is missing, and names it', async () => {
    const stage = mkdtempSync(join(tmpdir(), 'cl-build-'));
    try {
      // The repository as it is, except that src/extension/extension.ts was renamed away.
      for (const dir of ['webview', 'node_modules', 'test'])
        symlinkSync(join(REPO, dir), join(stage, dir));
      for (const dir of readdirSync(join(REPO, 'src'))) {
        if (dir === 'extension') continue;
        mkdirSync(join(stage, 'src'), { recursive: true });
        symlinkSync(join(REPO, 'src', dir), join(stage, 'src', dir));
      }
      mkdirSync(join(stage, 'src', 'extension'));
      for (const file of readdirSync(join(REPO, 'src', 'extension'))) {
        if (file !== 'extension.ts')
          symlinkSync(join(REPO, 'src', 'extension', file), join(stage, 'src', 'extension', file));
      }
      const { code, stderr } = await build(stage);
      assert.notEqual(code, 0, 'the build succeeded without src/extension/extension.ts');
      assert.match(stderr, /missing entry point\(s\): src\/extension\/extension\.ts/);
      assert.ok(!existsSync(join(stage, 'dist', 'runner.js')), 'it built the other bundles anyway');
    } finally {
      rmSync(stage, { recursive: true, force: true });
    }
  });
});

describe('dist/runtime.mjs (the lab API a lab file imports)', function () {
  this.timeout(120_000);

  it('re-exports every value src/runtime/index.ts exports, and nothing else', async () => {
    await ensureBuilt();
    const runtime = runtimeIndex as Record<string, unknown>;
    const key = Symbol.for('concurrency-labs.runtime');
    const global = globalThis as Record<symbol, unknown>;
    const before = global[key];
    global[key] = runtime;
    try {
      const shim = (await import(pathToFileURL(join(DIST, 'runtime.mjs')).href)) as Record<
        string,
        unknown
      >;
      const named = Object.keys(shim).filter((name) => name !== 'default');
      const values = Object.keys(runtime).filter((name) => name !== 'default');
      assert.deepEqual(named.sort(), values.sort());
      for (const name of named) assert.equal(shim[name], runtime[name], name);
    } finally {
      global[key] = before;
    }
  });
});
