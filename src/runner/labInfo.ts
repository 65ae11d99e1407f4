/** Resolves `config.lab` to a built-in lab or a learner's lab file, before anything is forked. */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { Localized } from '../protocol/events';
import type { BuiltinLab } from '../labs/analysis/catalog';
import { labAnalysis } from './labAnalysis';
import { ALL_LAB_INFOS, builtinLabFile } from '../labs/info/builtinLabs';
import { isLabFileName, LAB_FILE_SUFFIXES } from '../labs/info/labFile';

export interface LabInfo {
  /** What the lab process loads: the absolute path of the lab file (a built-in lab's bundle). */
  spec: string;
  /** run.start's `lab`: the id, or the file name. */
  label: string;
  /** Until the lab's own meta arrives. */
  title: Localized;
  description?: Localized;
  /** A built-in lab's info and analysis (its code runs only in the lab processes). */
  builtin?: BuiltinLab;
  /**
   * A Python script: run by the interpreter in `cwd` (its own folder; absent, for a built-in
   * Python lab: the run's folder), where its shared files are too.
   */
  python?: { script: string; cwd?: string };
}

/** `lab` is a built-in id or an absolute path; `bundleDir` holds the built-in labs' bundles. */
export function resolveLab(lab: string, bundleDir: string): LabInfo | { error: string } {
  // A built-in lab's id is never a path: a learner's file is run without loading (compiling) the
  // catalog's bundle, dist/labAnalysis.js, at every start.
  const builtin = isAbsolute(lab) ? undefined : labAnalysis().builtinLab(lab);
  if (builtin) {
    const spec = join(bundleDir, builtinLabFile(lab));
    if (!existsSync(spec))
      return { error: `the built-in lab "${lab}" is missing its bundle ${spec}` };
    return {
      spec,
      label: lab,
      title: builtin.title,
      description: builtin.description,
      builtin,
      // A built-in Python script runs in the run's folder, where its data.json is made.
      ...(builtin.python ? { python: { script: spec } } : {}),
    };
  }
  const endings = [...LAB_FILE_SUFFIXES, '.py'].join(' / ');
  if (!isAbsolute(lab)) {
    return {
      error: `unknown lab "${lab}". Built-in labs: ${ALL_LAB_INFOS.map((l) => l.id).join(', ')}; or give the absolute path of a ${endings} file`,
    };
  }
  if (lab.endsWith('.py')) {
    if (!existsSync(lab) || !statSync(lab).isFile()) return { error: `script not found: ${lab}` };
    const name = basename(lab);
    const title = { en: name, 'zh-CN': name };
    return { spec: lab, label: name, title, python: { script: lab, cwd: dirname(lab) } };
  }
  if (!isLabFileName(lab)) return { error: `a lab file's name ends in ${endings}: ${lab}` };
  if (!existsSync(lab) || !statSync(lab).isFile()) return { error: `lab file not found: ${lab}` };
  const name = basename(lab);
  return { spec: lab, label: name, title: { en: name, 'zh-CN': name } };
}
