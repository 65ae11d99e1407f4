/**
 * Makes `import … from 'concurrency-labs'` (ESM) and `require('concurrency-labs')` (CJS) in a
 * learner's lab file resolve to this very runtime, with nothing installed in their workspace, and
 * has the ES modules of lab code marked with their call sites as they load (labHooks.ts).
 */
import Module, { register } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { SITE_CACHE_ENV } from '../protocol/labControl';
import { sitesEnabled } from './callSite';
import type { LabHooksData } from './labHooks';
import { installSiteRegistry } from './siteSlot';

export const PACKAGE_NAME = 'concurrency-labs';
/** Where the labhost leaves the runtime instance for dist/runtime.mjs to re-export. */
export const RUNTIME_KEY = Symbol.for('concurrency-labs.runtime');

export function installResolveHooks(runtime: object, distDir: string): void {
  (globalThis as Record<symbol, unknown>)[RUNTIME_KEY] = runtime;
  installSiteRegistry();
  const data: LabHooksData = {
    packageName: PACKAGE_NAME,
    runtimeUrl: pathToFileURL(join(distDir, 'runtime.mjs')).href,
    distDir,
    markSites: sitesEnabled,
    cacheDir: process.env[SITE_CACHE_ENV] || undefined,
    transformUrl: pathToFileURL(join(distDir, 'siteTransform.mjs')).href,
  };
  // The hooks run on Node's loader thread: they get what they need as data.
  register(pathToFileURL(join(distDir, 'labHooks.mjs')).href, { data });
  // CJS: hand out the same instance directly.
  const M = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = M._load;
  M._load = function (request: string, ...rest: unknown[]) {
    if (request === PACKAGE_NAME) return runtime;
    return load.call(this, request, ...rest);
  };
  eagerFeedback();
}

/**
 * From here on (the runtime has booted; the lab has not loaded) V8 gives a function its feedback
 * at its first call instead of after several. What a lab's first calls do is then remembered: a
 * place's first use, which announces its site, runs mostly in the first calls of a process, and
 * V8 left it out of the optimized put/get path as never seen, to throw that code away and compile
 * it again at the next new place (a loop reaching a line not used before). Measured in the queue
 * bench's producer: 0.3–0.5 µs of compiling per item, and 25 ms of start-up if set from the start.
 * `CONCURRENCY_LABS_EAGER_FEEDBACK=0` leaves V8's default (to compare; a test checks both).
 */
function eagerFeedback(): void {
  if (process.env.CONCURRENCY_LABS_EAGER_FEEDBACK === '0') return;
  try {
    setFlagsFromString('--no-lazy-feedback-allocation');
  } catch {
    // an engine without the flag: only slower
  }
}
