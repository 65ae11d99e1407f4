/**
 * The lab a recording names in `run.start.lab`, and where that lab's file may be. The name comes
 * from a file anyone may have written, so only a built-in id or a bare `*.lab.mjs` / `*.lab.js`
 * file name is accepted, and a file is looked for only beside the recording and at the roots of
 * the workspace folders. No vscode imports: tested outside VS Code.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { isLabFileName } from '../labs/info/labFile';

export type RecordedLab =
  | { kind: 'builtin'; id: string }
  | { kind: 'file'; name: string }
  | { kind: 'refused'; why: string };

/** A bare file name: no folder, no NUL. */
const BARE_NAME = /^[^/\\\0]+$/;

export function recordedLab(lab: string, builtinIds: readonly string[]): RecordedLab {
  if (builtinIds.includes(lab)) return { kind: 'builtin', id: lab };
  if (lab.length > 255 || lab.startsWith('.') || !BARE_NAME.test(lab) || !isLabFileName(lab))
    return {
      kind: 'refused',
      why: `the recording names ${JSON.stringify(lab.slice(0, 100))}, which is neither a built-in lab nor a lab file name`,
    };
  return { kind: 'file', name: lab };
}

/** The existing files called `name`: beside the recording first, then at each workspace root. */
export function labFileCandidates(
  name: string,
  recordingDir: string,
  workspaceDirs: readonly string[],
): string[] {
  const found: string[] = [];
  for (const dir of [recordingDir, ...workspaceDirs]) {
    const path = join(dir, name);
    if (!found.includes(path) && isFile(path)) found.push(path);
  }
  return found;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
