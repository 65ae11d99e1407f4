/** "Run lab", "Step" and "Explore" above the default export of a lab file. */
import * as vscode from 'vscode';
import { LAB_FILE_SUFFIXES } from '../labs/info/labFile';

const DEFINE_RE = /export\s+default\s+defineLab\s*\(/;

/**
 * The lenses over a lab (a lab file's default export, or a Python script's multiprocessing
 * import): run it with `runCommand` and `runTitle`, step through it, explore it.
 */
export function labLenses(
  range: vscode.Range,
  uri: vscode.Uri,
  run: { command: string; title: string },
): vscode.CodeLens[] {
  return [
    new vscode.CodeLens(range, { title: run.title, command: run.command, arguments: [uri] }),
    new vscode.CodeLens(range, {
      title: vscode.l10n.t('$(debug-step-over) Step'),
      tooltip: vscode.l10n.t('Step through the lab: you choose which process goes on at each step'),
      command: 'concurrencyLabs.stepLab',
      arguments: [uri],
    }),
    new vscode.CodeLens(range, {
      title: vscode.l10n.t('$(graph) Explore'),
      tooltip: vscode.l10n.t(
        'Predict the outcome, then run the lab under many schedules and see every outcome',
      ),
      command: 'concurrencyLabs.exploreLab',
      arguments: [uri],
    }),
  ];
}

export class LabCodeLens implements vscode.CodeLensProvider {
  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const m = DEFINE_RE.exec(doc.getText());
    const pos = doc.positionAt(m ? m.index : 0);
    return labLenses(new vscode.Range(pos, pos), doc.uri, {
      command: 'concurrencyLabs.runLab',
      title: vscode.l10n.t('$(play) Run lab'),
    });
  }
}

export function registerCodeLens(): vscode.Disposable {
  return vscode.languages.registerCodeLensProvider(
    LAB_FILE_SUFFIXES.map((suffix) => ({ scheme: 'file', pattern: `**/*${suffix}` })),
    new LabCodeLens(),
  );
}
