/**
 * How a learner's lab file is named: one rule for the runner, the CLI and the extension (the
 * manifest's `when` clauses and activation events say the same, and a test keeps them in step).
 */
export const LAB_FILE_SUFFIXES = ['.lab.mjs', '.lab.js'] as const;

/** A lab file's name: `*.lab.mjs` or `*.lab.js`. */
export const LAB_FILE_RE = /\.lab\.m?js$/;

/** The workspace glob that finds lab files. */
export const LAB_FILE_GLOB = '**/*.lab.{mjs,js}';

export function isLabFileName(path: string): boolean {
  return LAB_FILE_RE.test(path);
}
