/** Resolves `config.lab` to a built-in lab or a learner's lab file, before anything is forked. */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { Localized } from '../protocol/events';
import type { BuiltinLab } from '../labs/analysis/catalog';
import { labAnalysis } from './labAnalysis';
import { RUNNER_TEXT, type Lang } from './runnerText';
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

/**
 * `lab` is a built-in id or an absolute path; `bundleDir` holds the built-in labs' bundles. Why it
 * cannot run is said in `lang`, the run's language.
 */
export function resolveLab(
  lab: string,
  bundleDir: string,
  lang: Lang = 'en',
): LabInfo | { error: string } {
  // A built-in lab's id is never a path: a learner's file is run without loading (compiling) the
  // catalog's bundle, dist/labAnalysis.js, at every start.
  const builtin = isAbsolute(lab) ? undefined : labAnalysis().builtinLab(lab);
  if (builtin) {
    const spec = join(bundleDir, builtinLabFile(lab));
    if (!existsSync(spec)) return { error: RUNNER_TEXT.labMissingBundle(lab, spec)[lang] };
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
    const ids = ALL_LAB_INFOS.map((l) => l.id).join(', ');
    return { error: RUNNER_TEXT.unknownLab(lab, ids, endings)[lang] };
  }
  if (lab.endsWith('.py')) {
    if (!existsSync(lab) || !statSync(lab).isFile())
      return { error: RUNNER_TEXT.scriptNotFound(lab)[lang] };
    const name = basename(lab);
    const title = { en: name, 'zh-CN': name };
    return { spec: lab, label: name, title, python: { script: lab, cwd: dirname(lab) } };
  }
  if (!isLabFileName(lab)) return { error: RUNNER_TEXT.labFileName(endings, lab)[lang] };
  if (!existsSync(lab) || !statSync(lab).isFile())
    return { error: RUNNER_TEXT.labFileNotFound(lab)[lang] };
  const name = basename(lab);
  return { spec: lab, label: name, title: { en: name, 'zh-CN': name } };
}
