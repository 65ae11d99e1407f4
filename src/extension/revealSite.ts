/**
 * From the timeline to the code: shows the line of lab code of a call site, beside the
 * timeline. The site is looked up in the run's own log (the webview names only its id).
 */
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { EventOf, LabEvent } from '../protocol/events';
import { isBuiltinLabFile, showReadOnly } from './labSource';

export async function revealSite(events: readonly LabEvent[], id: number): Promise<void> {
  const site = events.find((e): e is EventOf<'site'> => e.kind === 'site' && e.id === id);
  if (!site) return;
  if (!existsSync(site.file)) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('The lab file {0} is not there any more.', site.file),
    );
    return;
  }
  const at = new vscode.Position(site.line - 1, site.col - 1);
  const options = { viewColumn: vscode.ViewColumn.Beside, selection: new vscode.Range(at, at) };
  // A built-in lab's file is the extension's own: it opens read-only (a copy is for editing).
  if (isBuiltinLabFile(site.file)) await showReadOnly(vscode.Uri.file(site.file), options);
  else await vscode.window.showTextDocument(vscode.Uri.file(site.file), options);
}
