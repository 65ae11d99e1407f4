/**
 * The lab host's module hooks (dist/labHooks.mjs) in fresh Node processes: a lab module is
 * transformed once and the transform kept in the run's folder, where the next process of the
 * run finds it instead of transforming again; packages are left as they are.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { DIST, ensureBuilt } from '../support/build';

/** Imports `module` in a new process with the hooks registered; prints what it exports as `said`. */
const IMPORTER = `
import { register } from 'node:module';
const [hooks, data, module] = process.argv.slice(2);
register(hooks, { data: JSON.parse(data) });
const m = await import(module);
console.log(JSON.stringify(m.said()));
`;

describe('lab module hooks', function () {
  this.timeout(60_000);
  let dir = '';
  let cacheDir = '';
  const labSource = 'export function said() {\n  return String(Math.max(1, 2));\n}\n';

  /** What the module says when imported under the hooks in a new process. */
  async function importOnce(module: string, distDir = DIST): Promise<unknown> {
    const data = {
      packageName: 'concurrency-labs',
      runtimeUrl: 'file:///nowhere.mjs',
      distDir,
      markSites: true,
      cacheDir,
      transformUrl: pathToFileURL(join(DIST, 'siteTransform.mjs')).href,
    };
    const { stdout } = await promisify(execFile)(process.execPath, [
      join(dir, 'importer.mjs'),
      pathToFileURL(join(DIST, 'labHooks.mjs')).href,
      JSON.stringify(data),
      pathToFileURL(module).href,
    ]);
    return JSON.parse(stdout) as unknown;
  }

  before(async () => {
    await ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'cl-hooks-'));
    cacheDir = join(dir, 'run', '.call-sites');
    writeFileSync(join(dir, 'importer.mjs'), IMPORTER);
    writeFileSync(join(dir, 'lab.mjs'), labSource);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the transform of a lab module in the run folder, and the next process uses it', async () => {
    assert.equal(await importOnce(join(dir, 'lab.mjs')), '2');
    const kept = readdirSync(cacheDir);
    assert.equal(kept.length, 1);
    const key = createHash('sha256').update('1').update(labSource).digest('hex');
    assert.equal(kept[0], `${key}.mjs`);
    assert.match(readFileSync(join(cacheDir, kept[0]), 'utf8'), /__cl\$site\(\d+,/);
    // What is kept is what the next process loads: a text put there in its place is what runs.
    writeFileSync(join(cacheDir, kept[0]), "export function said() {\n  return 'kept';\n}\n");
    assert.equal(await importOnce(join(dir, 'lab.mjs')), 'kept');
  });

  it('never marks the transform itself, wherever it is (loading it would wait for itself)', async () => {
    const runCache = cacheDir;
    cacheDir = join(dir, 'other-run', '.call-sites');
    try {
      // Our bundles' folder named elsewhere: the transform's bundle looks like a module of the lab.
      assert.equal(await importOnce(join(dir, 'lab.mjs'), join(dir, 'elsewhere')), '2');
      assert.equal(readdirSync(cacheDir).length, 1, 'the lab module, and only it, was transformed');
    } finally {
      cacheDir = runCache;
    }
  });

  it('leaves modules of packages as they are', async () => {
    const pkg = join(dir, 'node_modules', 'pkg');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'index.mjs'), labSource.replace('Math.max(1, 2)', "'package'"));
    const before = readdirSync(cacheDir).length;
    assert.equal(await importOnce(join(pkg, 'index.mjs')), 'package');
    assert.equal(readdirSync(cacheDir).length, before, 'no transform was made');
  });
});
