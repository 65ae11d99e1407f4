/** Resolves `config.lab` to a built-in lab or a learner's lab file, before anything is forked. */
import { existsSync, statSync } from 'node:fs';
import { basename, isAbsolute } from 'node:path';
import type { Localized } from '../protocol/events';
import { BUILTIN_LABS, type LabModule } from '../labs/registry';

export interface LabInfo {
  /** What the lab process loads: the built-in id or the absolute file path. */
  spec: string;
  /** run.start's `lab`: the id, or the file name. */
  label: string;
  /** Until the lab's own meta arrives. */
  title: Localized;
  description?: Localized;
  builtin?: LabModule;
}

const LAB_FILE = /\.(mjs|cjs|js)$/;

export function resolveLab(lab: string): LabInfo | { error: string } {
  if (Object.prototype.hasOwnProperty.call(BUILTIN_LABS, lab)) {
    const m = BUILTIN_LABS[lab];
    return {
      spec: lab,
      label: lab,
      title: m.default.meta.title,
      description: m.default.meta.description,
      builtin: m,
    };
  }
  if (!isAbsolute(lab)) {
    return {
      error: `unknown lab "${lab}". Built-in labs: ${Object.keys(BUILTIN_LABS).join(', ')}; or give the absolute path of a .lab.mjs / .lab.js file`,
    };
  }
  if (!LAB_FILE.test(lab)) return { error: `a lab file must end in .lab.mjs or .lab.js: ${lab}` };
  if (!existsSync(lab) || !statSync(lab).isFile()) return { error: `lab file not found: ${lab}` };
  const name = basename(lab);
  return { spec: lab, label: name, title: { en: name, 'zh-CN': name } };
}
