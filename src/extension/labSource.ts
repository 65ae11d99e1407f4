/**
 * Built-in labs are lab files: "Open Lab Source" shows a built-in lab's code read-only (the very
 * file the runner loads, so the editor's run decorations and a timeline's links land in it), and
 * "Copy Lab to Workspace" puts an editable copy in the workspace that runs like a learner's own
 * lab (it imports `concurrency-labs`, which the runner provides).
 */
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { ALL_LAB_INFOS, builtinLabFile, isBuiltinLab, isPythonLab } from '../labs/info/builtinLabs';
import { PYTHON_LAB_MODULES } from '../labs/info/pythonLabs';
import { labOfNode } from './labsTree';
import type { RunManager } from './runManager';
import type { LabTarget } from './runTypes';

/** The lab a command was given: a Labs tree node, a built-in lab's id, or a run's id. */
function targetOf(x: unknown, runs: RunManager): LabTarget | undefined {
  const lab = labOfNode(x);
  if (lab) return lab.target;
  if (typeof x !== 'string') return undefined;
  if (isBuiltinLab(x)) return { kind: 'builtin', id: x, title: x };
  return runs.get(x)?.target;
}

async function pickLab(x: unknown, runs: RunManager): Promise<LabTarget | undefined> {
  const given = targetOf(x, runs);
  if (given) return given;
  const picked = await vscode.window.showQuickPick(
    ALL_LAB_INFOS.map((lab) => ({ label: lab.id, description: lab.title.en })),
    { placeHolder: vscode.l10n.t('Which built-in lab?') },
  );
  return picked && { kind: 'builtin', id: picked.label, title: picked.label };
}

/** Where the built-in labs' files are (beside the extension's bundles). */
export function builtinLabUri(extensionUri: vscode.Uri, id: string): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', builtinLabFile(id));
}

/** Is `path` one of the built-in labs' files (a bundle, a Python script) shipped with this extension? */
export function isBuiltinLabFile(path: string): boolean {
  const own = vscode.extensions.getExtension('concurrency-labs.concurrency-labs')?.extensionUri;
  const dir = own ? vscode.Uri.joinPath(own, 'dist', 'labs').fsPath : undefined;
  return dir !== undefined && path.startsWith(dir) && /\.(lab\.mjs|py)$/.test(path);
}

/** Opens a file of the extension read-only: a learner edits a copy, never the shipped lab. */
export async function showReadOnly(
  uri: vscode.Uri,
  options: vscode.TextDocumentShowOptions = {},
): Promise<void> {
  await vscode.window.showTextDocument(uri, { preview: false, ...options });
  await vscode.commands.executeCommand('workbench.action.files.setActiveEditorReadonlyInSession');
}

/** The first free `<stem><ending>`, `<stem>-2<ending>`, … in `folder`. */
function freeName(folder: vscode.Uri, stem: string, ending: string): vscode.Uri {
  for (let n = 1; ; n++) {
    const uri = vscode.Uri.joinPath(folder, `${stem}${n === 1 ? '' : `-${n}`}${ending}`);
    if (!existsSync(uri.fsPath)) return uri;
  }
}

/** The copy's first line says what it is (the shipped file's says where it was built from). */
function asCopy(code: string, id: string): string {
  const first = code.indexOf('\n');
  const head = `// A copy of the built-in lab "${id}": change it and run it (the CodeLens above defineLab).`;
  return code.startsWith('// ') ? `${head}${code.slice(first)}` : `${head}\n${code}`;
}

/** A Python lab's copy says what it is in a comment of its own; its docstring stays first below. */
function asPythonCopy(code: string, id: string): string {
  return `# A copy of the built-in lab "${id}": change it and run it (Run Python File as Lab).\n${code}`;
}

/**
 * Copies a built-in Python lab's script into `folder` (a free name: ticket_race.py, then
 * ticket_race-2.py, …), with the modules it imports from its own folder where they are missing
 * (a copy there already may be the learner's, changed). Returns the script's copy.
 */
async function copyPythonLab(
  extensionUri: vscode.Uri,
  id: string,
  folder: vscode.Uri,
): Promise<vscode.Uri> {
  const script = builtinLabUri(extensionUri, id);
  const code = await readText(script);
  const name = script.path.split('/').pop()!;
  const target = freeName(folder, name.replace(/\.py$/, ''), '.py');
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(asPythonCopy(code, id)));
  for (const module of await modulesImported(script, code)) {
    const there = vscode.Uri.joinPath(folder, module);
    if (existsSync(there.fsPath)) continue;
    await vscode.workspace.fs.copy(vscode.Uri.joinPath(script, '..', module), there);
  }
  return target;
}

/**
 * The modules of PYTHON_LAB_MODULES that `code` (the script at `script`) imports, and those they
 * import in turn (ticket_race.py imports ticket_shop.py, which imports say.py).
 */
async function modulesImported(script: vscode.Uri, code: string): Promise<string[]> {
  const found: string[] = [];
  const sources = [code];
  for (let i = 0; i < sources.length; i++) {
    for (const module of PYTHON_LAB_MODULES) {
      const name = module.replace(/\.py$/, '');
      if (found.includes(module) || !new RegExp(`^from ${name} import`, 'm').test(sources[i]))
        continue;
      found.push(module);
      sources.push(await readText(vscode.Uri.joinPath(script, '..', module)));
    }
  }
  return found;
}

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

export function registerLabSourceCommands(
  extensionUri: vscode.Uri,
  runs: RunManager,
): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('concurrencyLabs.openLabSource', async (x?: unknown) => {
      const target = await pickLab(x, runs);
      if (!target) return undefined;
      // A learner's own lab opens as it is, editable; a built-in one read-only.
      if (target.kind === 'workspace') {
        await vscode.window.showTextDocument(vscode.Uri.file(target.path), { preview: false });
        return target.path;
      }
      const uri = builtinLabUri(extensionUri, target.id);
      await showReadOnly(uri);
      return uri.fsPath;
    }),
    vscode.commands.registerCommand('concurrencyLabs.copyLabToWorkspace', async (x?: unknown) => {
      const lab = await pickLab(x, runs);
      const id = lab?.kind === 'builtin' ? lab.id : undefined;
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      if (!id) return undefined;
      if (!folder) {
        void vscode.window.showWarningMessage(
          vscode.l10n.t('Open a folder first: the copy goes into the workspace.'),
        );
        return undefined;
      }
      let target: vscode.Uri;
      if (isPythonLab(id)) target = await copyPythonLab(extensionUri, id, folder);
      else {
        const code = await readText(builtinLabUri(extensionUri, id));
        target = freeName(folder, id, '.lab.mjs');
        await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(asCopy(code, id)));
      }
      await vscode.window.showTextDocument(target, { preview: false });
      return target.fsPath;
    }),
  ];
}
