// Times require + activate() of <root>/dist/extension.js in a fresh Node process, with the fake
// `vscode` module injected through Module._load for this timing only, and, as a reference, compiling
// the same bundle without running it. Prints {compileMs, requireMs, activateMs, totalMs}.
//   node bench/parts/activate.mjs [root]   (default: the repository)
import Module from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { fakeContext, fakeVscode } from './fakeVscode.mjs';
import { REPO } from '../lib/paths.mjs';

const root = process.argv[2] ?? REPO;
const bundle = join(root, 'dist', 'extension.js');
const vscode = fakeVscode(
  readFileSync(join(REPO, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8'),
);
const c0 = performance.now();
new vm.Script(readFileSync(bundle, 'utf8'), { filename: 'compile-only.js' });
const compileMs = performance.now() - c0;

const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};
const require = Module.createRequire(import.meta.url);
// The extension host has Node's built-in modules loaded long before any extension activates.
for (const [, name] of readFileSync(bundle, 'utf8').matchAll(/require\("(node:[\w/]+)"\)/g))
  require(name);
const t0 = performance.now();
const ext = require(bundle);
const t1 = performance.now();
const context = fakeContext(root);
await ext.activate(context);
const t2 = performance.now();
for (const d of context.subscriptions) {
  try {
    d.dispose?.();
  } catch {
    /* a stub */
  }
}
await ext.deactivate?.();
console.log(
  JSON.stringify({
    compileMs,
    requireMs: t1 - t0,
    activateMs: t2 - t1,
    totalMs: t2 - t0,
    subscriptions: context.subscriptions.length,
  }),
);
process.exit(0);
