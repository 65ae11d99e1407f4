// Times require + activate() of dist/extension.js in a fresh Node process, with the fake
// `vscode` module injected through Module._load for this timing only. Prints {requireMs, activateMs}.
import Module from 'node:module';
import { fakeContext, fakeVscode } from './fakeVscode.mjs';
import { REPO } from '../lib/paths.mjs';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';

const bundle = join(REPO, 'dist', 'extension.js');
const vscode = fakeVscode(readFileSync(bundle, 'utf8'));
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };
const require = Module.createRequire(import.meta.url);
const t0 = performance.now();
const ext = require(bundle);
const t1 = performance.now();
const context = fakeContext(REPO);
await ext.activate(context);
const t2 = performance.now();
for (const d of context.subscriptions) { try { d.dispose?.(); } catch { /* a stub */ } }
await ext.deactivate?.();
console.log(JSON.stringify({ requireMs: t1 - t0, activateMs: t2 - t1, totalMs: t2 - t0, subscriptions: context.subscriptions.length }));
process.exit(0);
