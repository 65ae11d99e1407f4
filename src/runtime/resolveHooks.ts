/**
 * Makes `import … from 'concurrency-labs'` (ESM) and `require('concurrency-labs')` (CJS) in a
 * learner's lab file resolve to this very runtime, with nothing installed in their workspace.
 */
import Module, { register } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const PACKAGE_NAME = 'concurrency-labs';
/** Where the labhost leaves the runtime instance for dist/runtime.mjs to re-export. */
export const RUNTIME_KEY = Symbol.for('concurrency-labs.runtime');

/** ESM: a resolve hook (it runs on Node's loader thread, so it gets the target URL as text). */
function hookSource(target: string): string {
  return `const target = ${JSON.stringify(target)};
export async function resolve(specifier, context, next) {
  if (specifier === ${JSON.stringify(PACKAGE_NAME)}) return { url: target, shortCircuit: true };
  return next(specifier, context);
}`;
}

export function installResolveHooks(runtime: object, distDir: string): void {
  (globalThis as Record<symbol, unknown>)[RUNTIME_KEY] = runtime;
  const shim = pathToFileURL(join(distDir, 'runtime.mjs')).href;
  register('data:text/javascript,' + encodeURIComponent(hookSource(shim)));
  // CJS: hand out the same instance directly.
  const M = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = M._load;
  M._load = function (request: string, ...rest: unknown[]) {
    if (request === PACKAGE_NAME) return runtime;
    return load.call(this, request, ...rest);
  };
}
