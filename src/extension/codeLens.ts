/** "Run lab", "Step" and "Explore" above the default export of a lab file. */
import * as vscode from 'vscode';
import { LAB_FILE_SUFFIXES } from '../labs/info/labFile';

const DEFINE_RE = /export\s+default\s+defineLab\s*\(/;

export class LabCodeLens implements vscode.CodeLensProvider {
  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const text = doc.getText();
    const m = DEFINE_RE.exec(text);
    const pos = doc.positionAt(m ? m.index : 0);
    const range = new vscode.Range(pos, pos);
    return [
      new vscode.CodeLens(range, {
        title: vscode.l10n.t('$(play) Run lab'),
        command: 'concurrencyLabs.runLab',
        arguments: [doc.uri],
      }),
      new vscode.CodeLens(range, {
        title: vscode.l10n.t('$(debug-step-over) Step'),
        tooltip: vscode.l10n.t(
          'Step through the lab: you choose which process goes on at each step',
        ),
        command: 'concurrencyLabs.stepLab',
        arguments: [doc.uri],
      }),
      new vscode.CodeLens(range, {
        title: vscode.l10n.t('$(graph) Explore'),
        tooltip: vscode.l10n.t(
          'Predict the outcome, then run the lab under many schedules and see every outcome',
        ),
        command: 'concurrencyLabs.exploreLab',
        arguments: [doc.uri],
      }),
    ];
  }
}

export function registerCodeLens(): vscode.Disposable {
  return vscode.languages.registerCodeLensProvider(
    LAB_FILE_SUFFIXES.map((suffix) => ({ scheme: 'file', pattern: `**/*${suffix}` })),
    new LabCodeLens(),
  );
}
