/**
 * The labs a user can run: the built-in ones, the workspace's `*.lab.mjs` / `*.lab.js`, and its
 * Python files that import multiprocessing.
 */
import { isAbsolute } from 'node:path';
import * as vscode from 'vscode';
import {
  BUILTIN_LAB_INFOS,
  PYTHON_LAB_INFOS,
  type BuiltinLabInfo,
  builtinLabInfo,
} from '../labs/info/builtinLabs';
import { LAB_FILE_GLOB, LAB_FILE_RE } from '../labs/info/labFile';
import { pick } from './lang';
import { isPythonPath, MULTIPROCESSING_IMPORT } from './pythonFiles';
import type { LabTarget } from './runTypes';
import { uiLang } from './settings';

export interface LabEntry {
  target: LabTarget;
  description: string;
}

/** The built-in JavaScript labs, in teaching order. */
export async function builtinLabs(): Promise<LabEntry[]> {
  return BUILTIN_LAB_INFOS.map(builtinEntry);
}

/** The built-in Python labs, in the same order as the JavaScript labs they are versions of. */
export async function builtinPythonLabs(): Promise<LabEntry[]> {
  return PYTHON_LAB_INFOS.map(builtinEntry);
}

function builtinEntry(m: BuiltinLabInfo): LabEntry {
  const lang = uiLang();
  return {
    target: { kind: 'builtin', id: m.id, title: pick(m.title, lang) || m.id },
    description: pick(m.description, lang),
  };
}

export async function workspaceLabs(): Promise<LabEntry[]> {
  if (!vscode.workspace.workspaceFolders?.length) return [];
  const [labFiles, python] = await Promise.all([
    vscode.workspace.findFiles(LAB_FILE_GLOB, '**/node_modules/**', 200),
    pythonLabFiles(),
  ]);
  return [...labFiles, ...python]
    .filter((u) => u.scheme === 'file')
    .sort((a, b) => a.fsPath.localeCompare(b.fsPath))
    .map((u) => workspaceEntry(u));
}

/** The workspace's Python files that import multiprocessing (at most 200 looked at). */
async function pythonLabFiles(): Promise<vscode.Uri[]> {
  const exclude = '{**/node_modules/**,**/.venv/**,**/venv/**,**/site-packages/**}';
  const uris = await vscode.workspace.findFiles('**/*.py', exclude, 200);
  const texts = await Promise.all(
    uris.map((u) =>
      vscode.workspace.fs.readFile(u).then(
        (bytes) => new TextDecoder().decode(bytes.subarray(0, 65536)),
        () => '',
      ),
    ),
  );
  return uris.filter((_, i) => MULTIPROCESSING_IMPORT.test(texts[i]));
}

export function workspaceEntry(uri: vscode.Uri): LabEntry {
  return {
    target: { kind: 'workspace', path: uri.fsPath, title: uri.path.split('/').pop() ?? uri.fsPath },
    description: vscode.workspace.asRelativePath(uri),
  };
}

/** Finds a lab by built-in id or absolute file path (a bare name would resolve at the root). */
export async function resolveLab(idOrPath: string): Promise<LabTarget | undefined> {
  const info = builtinLabInfo(idOrPath);
  if (info) return builtinEntry(info).target;
  if ((LAB_FILE_RE.test(idOrPath) || isPythonPath(idOrPath)) && isAbsolute(idOrPath))
    return workspaceEntry(vscode.Uri.file(idOrPath)).target;
  return undefined;
}
