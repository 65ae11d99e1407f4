// One build script, several bundles. `--production` minifies and drops source maps (but leaves
// the built-in labs readable). Every entry point listed here must exist: a missing one fails the
// build, so a renamed file can never leave a bundle out of the package.
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { buildLabTypings } from './labTypings.mjs';
import { buildRuntimeShim } from './runtimeShim.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

/** A bundle that runs in Node (the extension host, the runner, lab processes, the CLI). */
function nodeBundle(entry, outfile, more = {}) {
  return {
    ...common,
    entryPoints: [entry],
    outfile,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Chinese text as UTF-8 (Node reads sources as UTF-8), not as \uXXXX escapes twice its size.
    charset: 'utf8',
    ...more,
  };
}

/**
 * The built-in labs' code, one ES module each, loaded by the lab host exactly as a learner's lab
 * file is: `import … from 'concurrency-labs'` stays an import, and the code stays readable.
 */
const LAB_SOURCES = 'src/labs/code';
function labBundles() {
  return readdirSync(LAB_SOURCES)
    .filter((f) => f.endsWith('.lab.ts'))
    .sort()
    .map((f) => {
      const id = f.slice(0, -'.lab.ts'.length);
      return {
        ...common,
        entryPoints: [`${LAB_SOURCES}/${f}`],
        outfile: `dist/labs/${id}.lab.mjs`,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        minify: false,
        sourcemap: false,
        charset: 'utf8',
        external: ['concurrency-labs'],
        banner: { js: `// The built-in lab "${id}", built from ${LAB_SOURCES}/${f}.` },
      };
    });
}

const builds = [
  nodeBundle('src/runner/main.ts', 'dist/runner.js'),
  // The built-in labs' analysis, which the runner loads when a run names a built-in lab.
  nodeBundle('src/labs/analysis/catalog.ts', 'dist/labAnalysis.js'),
  nodeBundle('src/runtime/labhost.ts', 'dist/labhost.js'),
  // The lab host's module hooks (Node runs them on its loader thread), and the call-site
  // transform they load when a lab module has none made yet (with acorn): ES modules.
  nodeBundle('src/runtime/labHooks.ts', 'dist/labHooks.mjs', { format: 'esm' }),
  nodeBundle('src/runtime/siteTransform.ts', 'dist/siteTransform.mjs', { format: 'esm' }),
  nodeBundle('src/runner/watchdogMain.ts', 'dist/watchdog.js'),
  nodeBundle('src/cli/main.ts', 'dist/cli.js'),
  nodeBundle('src/extension/extension.ts', 'dist/extension.js', { external: ['vscode'] }),
  {
    ...common,
    entryPoints: ['webview/main.ts'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    ...common,
    entryPoints: ['webview/style.css'],
    outfile: 'dist/webview.css',
    loader: { '.ttf': 'file' },
  },
  // The Explore panel: an app of its own, beside the timeline.
  {
    ...common,
    entryPoints: ['webview/explore/main.ts'],
    outfile: 'dist/explore.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  { ...common, entryPoints: ['webview/explore/explore.css'], outfile: 'dist/explore.css' },
  // The Compare Runs panel: two runs on one time axis, with the timeline's canvas.
  {
    ...common,
    entryPoints: ['webview/compare/main.ts'],
    outfile: 'dist/compare.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    ...common,
    entryPoints: ['webview/compare/compare.css'],
    outfile: 'dist/compare.css',
    loader: { '.ttf': 'file' },
  },
  ...labBundles(),
];
if (!production) {
  builds.push(
    // The same app plus `window.__timeline` for the webview tests and the bench; never packaged.
    {
      ...common,
      entryPoints: ['webview/testEntry.ts'],
      outfile: 'dist/webview-test.js',
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
    },
    // The VS Code suite (never packaged): the test file both runners load, and code-server's runner.
    nodeBundle('test/vscode/suite/all.ts', 'out/test/vscode/suite.js', { external: ['vscode'] }),
    nodeBundle('test/vscode/suite/index.ts', 'out/test/vscode/index.js', {
      external: ['vscode', 'mocha'],
    }),
  );
}

const codicons = 'node_modules/@vscode/codicons/dist';
const copies = ['codicon.css', 'codicon.ttf'].map((f) => [
  `${codicons}/${f}`,
  `dist/codicons/${f}`,
]);

const missing = [...builds.flatMap((b) => b.entryPoints), ...copies.map(([from]) => from)].filter(
  (path) => !existsSync(path),
);
if (missing.length > 0) {
  console.error(`build: missing entry point(s): ${missing.join(', ')}`);
  process.exit(1);
}

mkdirSync('dist/codicons', { recursive: true });
for (const [from, to] of copies) cpSync(from, to);
// The Python runtime ships as source: every Python process of a run loads it from dist/python.
cpSync('python', 'dist/python', {
  dereference: true,
  recursive: true,
  filter: (from) => !from.includes('__pycache__'),
});
// The built-in Python labs ship as the scripts they are, beside the JavaScript labs' bundles.
mkdirSync('dist/labs/python', { recursive: true });
for (const f of readdirSync('src/labs/python').filter((name) => name.endsWith('.py')))
  cpSync(`src/labs/python/${f}`, `dist/labs/python/${f}`);
buildLabTypings();
// The ESM face of the runtime that `import … from 'concurrency-labs'` resolves to in a lab process.
await buildRuntimeShim();

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
