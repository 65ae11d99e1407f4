/**
 * Python files in the editor: which ones are labs (they import multiprocessing), the CodeLens and
 * the editor-title context key for them, and the interpreter a Python run uses.
 */
import * as vscode from 'vscode';
import { isPythonLab } from '../labs/info/builtinLabs';
import type { LabTarget } from './runTypes';
import { labLenses } from './codeLens';

/** Does this Python source import multiprocessing (`import multiprocessing`, `from multiprocessing …`)? */
export const MULTIPROCESSING_IMPORT =
  /^[ \t]*(?:import[ \t]+multiprocessing\b|from[ \t]+multiprocessing\b)/m;

/** Set while the active editor holds a Python file that imports multiprocessing. */
const CONTEXT_KEY = 'concurrencyLabs.pythonLab';

export function isPythonPath(path: string): boolean {
  return path.endsWith('.py');
}

class PythonLabCodeLens implements vscode.CodeLensProvider {
  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const m = MULTIPROCESSING_IMPORT.exec(doc.getText());
    if (!m) return [];
    const pos = doc.positionAt(m.index);
    return labLenses(new vscode.Range(pos, pos), doc.uri, {
      command: 'concurrencyLabs.runPythonFile',
      title: vscode.l10n.t('$(play) Run Python File as Lab'),
    });
  }
}

function updateContext(editor: vscode.TextEditor | undefined): void {
  const doc = editor?.document;
  const lab =
    !!doc &&
    doc.uri.scheme === 'file' &&
    isPythonPath(doc.uri.fsPath) &&
    MULTIPROCESSING_IMPORT.test(doc.getText());
  void vscode.commands.executeCommand('setContext', CONTEXT_KEY, lab);
}

export function registerPythonFiles(): vscode.Disposable[] {
  updateContext(vscode.window.activeTextEditor);
  return [
    vscode.languages.registerCodeLensProvider(
      { scheme: 'file', pattern: '**/*.py' },
      new PythonLabCodeLens(),
    ),
    vscode.window.onDidChangeActiveTextEditor(updateContext),
    vscode.workspace.onDidSaveTextDocument((doc) => {
      if (doc === vscode.window.activeTextEditor?.document)
        updateContext(vscode.window.activeTextEditor);
    }),
  ];
}

/** Does `target` run Python: a built-in Python lab or a workspace's .py file? */
export function isPythonTarget(target: LabTarget): boolean {
  return target.kind === 'builtin' ? isPythonLab(target.id) : isPythonPath(target.path);
}

/**
 * The interpreter for a Python run: the setting concurrencyLabs.pythonPath, else the one selected
 * in the Python extension (its public API) for `uri` (none: the workspace's), else none (the
 * runner tries python3, then python).
 */
export async function pythonInterpreter(uri?: vscode.Uri): Promise<string | undefined> {
  const set = vscode.workspace.getConfiguration('concurrencyLabs').get<string>('pythonPath', '');
  if (set && set.trim()) return set.trim();
  try {
    const ext = vscode.extensions.getExtension<PythonExtensionApi>('ms-python.python');
    if (!ext) return undefined;
    const api = ext.isActive ? ext.exports : await ext.activate();
    const env = api?.environments;
    if (!env) return undefined;
    const resolved = await env.resolveEnvironment(env.getActiveEnvironmentPath(uri));
    return resolved?.executable.uri?.fsPath;
  } catch {
    return undefined; // the Python extension is there but could not say: fall back to PATH
  }
}

/** The interpreter a run of `target` uses: none for a JavaScript lab (see pythonInterpreter). */
export async function interpreterFor(target: LabTarget): Promise<string | undefined> {
  if (!isPythonTarget(target)) return undefined;
  return pythonInterpreter(target.kind === 'workspace' ? vscode.Uri.file(target.path) : undefined);
}

/** The part of the Python extension's public API used here. */
interface PythonExtensionApi {
  environments?: {
    getActiveEnvironmentPath(resource?: vscode.Uri): { path: string };
    resolveEnvironment(env: {
      path: string;
    }): Promise<{ executable: { uri?: vscode.Uri } } | undefined>;
  };
}
