/**
 * IntelliSense for lab files: `import … from 'concurrency-labs'` has no package in the workspace,
 * so the editor knows nothing of it. The extension ships the lab API's declarations
 * (dist/types/concurrency-labs.d.ts) and, with the learner's consent, puts a copy in the workspace's
 * `.vscode/` with a jsconfig.json that includes it. It offers this once, when a lab file is opened.
 */
import * as vscode from 'vscode';
import { isLabFileName } from '../labs/info/labFile';

const TYPINGS = ['.vscode', 'concurrency-labs.d.ts'];
const DONT_ASK = 'concurrencyLabs.typings.dontAsk';

/** The jsconfig.json written when the workspace has none: lab files and the lab API's types. */
const JSCONFIG = {
  compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022' },
  include: ['**/*.lab.mjs', '**/*.lab.js', '.vscode/concurrency-labs.d.ts'],
};

export type TypingsResult = 'added' | 'addedTypesOnly' | 'untrusted' | 'noFolder';

export async function addLabTypings(
  extensionUri: vscode.Uri,
  folder = vscode.workspace.workspaceFolders?.[0],
): Promise<TypingsResult> {
  if (!folder) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Open a folder first: the types are added to it.'),
    );
    return 'noFolder';
  }
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'Adding lab typings writes into the workspace, which needs a trusted workspace.',
      ),
    );
    return 'untrusted';
  }
  const fs = vscode.workspace.fs;
  const shipped = await fs.readFile(
    vscode.Uri.joinPath(extensionUri, 'dist', 'types', 'concurrency-labs.d.ts'),
  );
  await fs.createDirectory(vscode.Uri.joinPath(folder.uri, '.vscode'));
  await fs.writeFile(vscode.Uri.joinPath(folder.uri, ...TYPINGS), shipped);
  const hasConfig =
    (await exists(vscode.Uri.joinPath(folder.uri, 'jsconfig.json'))) ||
    (await exists(vscode.Uri.joinPath(folder.uri, 'tsconfig.json')));
  if (hasConfig) {
    // Never rewrite the learner's own project file: say what to add to it.
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Lab typings written to {0}. Add it to the "include" list of your jsconfig.json or tsconfig.json.',
        TYPINGS.join('/'),
      ),
    );
    return 'addedTypesOnly';
  }
  const text = new TextEncoder().encode(`${JSON.stringify(JSCONFIG, null, 2)}\n`);
  await fs.writeFile(vscode.Uri.joinPath(folder.uri, 'jsconfig.json'), text);
  await reloadTypeScriptProjects();
  void vscode.window.showInformationMessage(
    vscode.l10n.t(
      'Lab files now get IntelliSense for concurrency-labs (jsconfig.json and {0}).',
      TYPINGS.join('/'),
    ),
  );
  return 'added';
}

/**
 * Lab files opened before the jsconfig.json existed sit in TypeScript's inferred project, which
 * does not take the new config in (a test showed it). Restart the built-in TypeScript server when
 * it is there, so the open lab files are read again under the new config.
 */
async function reloadTypeScriptProjects(): Promise<void> {
  const commands = await vscode.commands.getCommands(true);
  for (const c of ['typescript.restartTsServer', 'typescript.reloadProjects'])
    if (commands.includes(c)) {
      await Promise.resolve(vscode.commands.executeCommand(c)).catch(() => undefined);
      return;
    }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Offers the typings once per workspace, when a lab file is opened and they are not there. */
export function offerLabTypings(context: vscode.ExtensionContext): vscode.Disposable {
  let asked = false;
  return vscode.window.onDidChangeActiveTextEditor(async (editor) => {
    const doc = editor?.document;
    if (asked || !doc || doc.uri.scheme !== 'file' || !isLabFileName(doc.uri.fsPath)) return;
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    if (!folder || !vscode.workspace.isTrusted || context.workspaceState.get(DONT_ASK)) return;
    if (await exists(vscode.Uri.joinPath(folder.uri, ...TYPINGS))) return;
    asked = true;
    const add = vscode.l10n.t('Add Typings');
    const never = vscode.l10n.t("Don't Ask Again");
    const answer = await vscode.window.showInformationMessage(
      vscode.l10n.t(
        'Get IntelliSense for concurrency-labs in lab files? This adds its types to the workspace.',
      ),
      add,
      never,
    );
    if (answer === add) await addLabTypings(context.extensionUri, folder);
    else if (answer === never) await context.workspaceState.update(DONT_ASK, true);
  });
}
