/**
 * The packaged extension: production bundles and a real .vsix made by @vscode/vsce from a staging
 * copy of the repository (so the dist/ other tests use is left alone). The file list ships only
 * what runs, and the size budgets hold.
 */
import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strict as assert } from 'node:assert';
import { ALL_LAB_INFOS, builtinLabFile, PYTHON_LABS_DIR } from '../../src/labs/info/builtinLabs';
import { PYTHON_LAB_MODULES } from '../../src/labs/info/pythonLabs';
import { labAndRuntimeCodeIn } from '../support/bundleMarkers';
import { REPO, ensureBuilt } from '../support/build';

/** The part of @vscode/vsce's package module used here: `pack` makes the .vsix without the prepublish step. */
interface Vsce {
  pack(options: {
    cwd: string;
    packagePath: string;
    dependencies: boolean;
  }): Promise<{ files: { path: string }[] }>;
  listFiles(options: { cwd: string; dependencies: boolean }): Promise<string[]>;
}

const RUNTIME_BUNDLES = [
  'dist/runner.js',
  'dist/labAnalysis.js',
  'dist/labhost.js',
  'dist/labHooks.mjs',
  'dist/siteTransform.mjs',
  'dist/watchdog.js',
  'dist/runtime.mjs',
  'dist/cli.js',
  'dist/extension.js',
  'dist/webview.js',
  'dist/webview.css',
  'dist/explore.js',
  'dist/explore.css',
  'dist/codicons/codicon.css',
  'dist/codicons/codicon.ttf',
  // The lab API's types, which the extension offers to a workspace for IntelliSense in lab files.
  'dist/types/concurrency-labs.d.ts',
  // Every built-in lab's file: the JavaScript labs' bundles, the Python labs' scripts and modules.
  ...ALL_LAB_INFOS.map((lab) => `dist/${builtinLabFile(lab.id)}`),
  ...PYTHON_LAB_MODULES.map((f) => `dist/${PYTHON_LABS_DIR}/${f}`),
];
const KB = 1024;

describe('packaged .vsix', function () {
  this.timeout(120_000);
  let stage = '';
  let files: string[] = [];
  let repoFiles: string[] = [];
  let vsixBytes = 0;

  before(async () => {
    stage = mkdtempSync(join(tmpdir(), 'cl-package-'));
    // Sources for the build are linked; what the package may ship is copied as it is in the repo.
    for (const dir of ['src', 'webview', 'node_modules', 'python'])
      symlinkSync(join(REPO, dir), join(stage, dir));
    for (const entry of readdirSync(REPO)) {
      if (/^(package(\.nls.*)?\.json|\.vscodeignore|LICENSE|README\.md|CHANGELOG\.md)$/.test(entry))
        cpSync(join(REPO, entry), join(stage, entry));
    }
    for (const dir of ['media', 'l10n'])
      if (existsSync(join(REPO, dir)))
        cpSync(join(REPO, dir), join(stage, dir), { recursive: true });
    await promisify(execFile)(
      process.execPath,
      [join(REPO, 'scripts', 'build.mjs'), '--production'],
      { cwd: stage },
    );
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const vsce = require(
      join(REPO, 'node_modules', '@vscode', 'vsce', 'out', 'package.js'),
    ) as Vsce;
    const packagePath = join(stage, 'concurrency-labs.vsix');
    const log = console.log;
    console.log = () => undefined; // vsce prints the whole file tree
    let out: Awaited<ReturnType<Vsce['pack']>>;
    try {
      out = await vsce.pack({ cwd: stage, packagePath, dependencies: false });
    } finally {
      console.log = log;
    }
    files = out.files.map((f) => f.path.replace(/^extension\//, ''));
    vsixBytes = statSync(packagePath).size;
    // What vsce would take from the working tree itself, where sources, tests, maps and node_modules all exist.
    await ensureBuilt();
    repoFiles = await vsce.listFiles({ cwd: REPO, dependencies: false });
  });

  after(() => {
    if (stage) rmSync(stage, { recursive: true, force: true });
  });

  it('ships every runtime bundle, the manifest strings, the icon and the docs', () => {
    for (const f of [
      ...RUNTIME_BUNDLES,
      'package.json',
      'package.nls.json',
      'package.nls.zh-cn.json',
      'media/icon.png',
      'dist/python/sitecustomize.py',
      'dist/python/concurrency_labs/boot.py',
      'LICENSE.txt',
      'readme.md',
      'changelog.md',
    ]) {
      // vsce's own names for the docs
      assert.ok(files.includes(f), `${f} missing from the package: ${files.join(', ')}`);
    }
  });

  it('ships no sources, tests, source maps or node_modules', () => {
    assert.ok(
      repoFiles.includes('dist/runner.js') && repoFiles.length > 10,
      `unexpected file list: ${repoFiles.join(', ')}`,
    );
    const bad = [...files, ...repoFiles].filter(
      (f) =>
        (/\.(ts|map)$/.test(f) && f !== 'dist/types/concurrency-labs.d.ts') ||
        /^(src|test|webview|bench|scripts|node_modules|\.ci)\//.test(f) ||
        f === 'dist/webview-test.js' || // the timeline with its test hook
        (f.endsWith('.svg') && f !== 'media/activity.svg'),
    );
    assert.deepEqual(bad, []);
  });

  it('keeps lab code and the runtime out of the production extension, runner and CLI', () => {
    for (const f of ['extension.js', 'runner.js', 'cli.js'])
      assert.deepEqual(labAndRuntimeCodeIn(join(stage, 'dist'), f), [], f);
  });

  it('keeps each bundle under 200 KB and the .vsix under 1.5 MB', () => {
    for (const f of files.filter((x) => /^dist\/[^/]+\.m?js$/.test(x))) {
      const size = statSync(join(stage, f)).size;
      assert.ok(size <= 200 * KB, `${f} is ${(size / KB).toFixed(0)} KB`);
    }
    assert.ok(vsixBytes <= 1.5 * 1024 * KB, `the .vsix is ${(vsixBytes / KB).toFixed(0)} KB`);
  });
});
