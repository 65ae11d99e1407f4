// One build script, several bundles. `--production` minifies and drops source maps.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, cpSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

/** Node bundles: [entry, outfile]. Entries that do not exist yet are skipped. */
const nodeBundles = [
  ['src/runner/main.ts', 'dist/runner.js'],
  ['src/runtime/labhost.ts', 'dist/labhost.js'],
  ['src/cli/main.ts', 'dist/cli.js'],
];

const builds = [];
for (const [entry, outfile] of nodeBundles) {
  if (!existsSync(entry)) continue;
  builds.push({
    ...common,
    entryPoints: [entry],
    outfile,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  });
}
if (existsSync('src/runtime/shim.mjs')) {
  // The ESM face of the runtime that `import … from 'concurrency-labs'` resolves to in a lab process.
  builds.push({
    ...common,
    bundle: false,
    sourcemap: false,
    entryPoints: ['src/runtime/shim.mjs'],
    outfile: 'dist/runtime.mjs',
    format: 'esm',
  });
}
if (existsSync('src/extension/extension.ts')) {
  builds.push({
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  });
}
if (existsSync('webview/main.ts')) {
  builds.push({
    ...common,
    entryPoints: ['webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  });
}
if (existsSync('webview/testEntry.ts') && !production) {
  // The same app plus `window.__timeline` for the webview tests and the bench; never packaged.
  builds.push({
    ...common,
    entryPoints: ['webview/testEntry.ts'],
    outfile: 'dist/webview-test.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  });
}
if (existsSync('webview/style.css')) {
  builds.push({
    ...common,
    entryPoints: ['webview/style.css'],
    outfile: 'dist/webview.css',
    loader: { '.ttf': 'file' },
  });
}
if (existsSync('test/vscode/suite/index.ts') && !production) {
  builds.push({
    ...common,
    entryPoints: ['test/vscode/suite/index.ts'],
    outfile: 'out/test/vscode/index.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
  });
}

mkdirSync('dist', { recursive: true });
const codicons = 'node_modules/@vscode/codicons/dist';
if (existsSync(codicons)) {
  mkdirSync('dist/codicons', { recursive: true });
  for (const f of ['codicon.css', 'codicon.ttf']) cpSync(`${codicons}/${f}`, `dist/codicons/${f}`);
}

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
