/**
 * Loads a lab module by absolute path: a learner's `*.lab.mjs` / `*.lab.js`, or a built-in lab's
 * bundle (dist/labs/<id>.lab.mjs), which is loaded exactly the same way.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LoadedModule } from './context';
import { isLabDefinition, type LabDefinition } from './lab';

export interface LoadedLab {
  module: LoadedModule;
  definition: LabDefinition;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return (typeof x === 'object' || typeof x === 'function') && x !== null;
}

/**
 * `fresh` > 0 loads a new instance of the module (a reused process runs the lab afresh, with
 * none of the last run's module state); the modules it imports stay as they were.
 */
export async function loadLab(lab: string, fresh = 0): Promise<LoadedLab> {
  if (!isAbsolute(lab)) throw new Error(`not an absolute path to a lab file: "${lab}"`);
  const url = pathToFileURL(lab).href + (fresh > 0 ? `?cl-run=${fresh}` : '');
  const ns = (await import(url)) as Record<string, unknown>;
  // ESM: the namespace itself. CJS: module.exports arrives as `default`.
  let module: LoadedModule = ns;
  if (!isLabDefinition(ns.default) && isObject(ns.default) && isLabDefinition(ns.default.default)) {
    module = ns.default;
  }
  if (!isLabDefinition(module.default)) {
    throw new TypeError(
      'a lab file must export default defineLab({ id, title, description }, async () => { … })',
    );
  }
  return { module, definition: module.default };
}
