/** Loads a lab module: a built-in one by id, or a learner's `*.lab.mjs` / `*.lab.js` by absolute path. */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUILTIN_LABS } from '../labs/registry';
import type { LoadedModule } from './context';
import { isLabDefinition, type LabDefinition } from './lab';

export interface LoadedLab {
  module: LoadedModule;
  definition: LabDefinition;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return (typeof x === 'object' || typeof x === 'function') && x !== null;
}

export async function loadLab(lab: string): Promise<LoadedLab> {
  if (Object.prototype.hasOwnProperty.call(BUILTIN_LABS, lab)) {
    const module = BUILTIN_LABS[lab] as LoadedModule;
    return { module, definition: module.default as LabDefinition };
  }
  if (!isAbsolute(lab)) throw new Error(`unknown lab "${lab}"`);
  const ns = (await import(pathToFileURL(lab).href)) as Record<string, unknown>;
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
