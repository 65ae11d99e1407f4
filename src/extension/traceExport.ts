/** Export of a run's events as a Chrome trace (Perfetto, chrome://tracing). */
import * as vscode from 'vscode';
import type { LabEvent } from '../protocol/events';

/** Asks where to save (unless `target` is given), writes the trace, and offers to reveal it. */
export async function exportChromeTrace(
  events: readonly LabEvent[],
  defaultName: string,
  target?: vscode.Uri,
): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri =
    target ??
    (await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, defaultName) : undefined,
      filters: { [vscode.l10n.t('Chrome Trace')]: ['json'] },
      title: vscode.l10n.t('Export Run as Chrome Trace'),
    }));
  if (!uri) return undefined;
  // Loaded on first use: activation stays light.
  const { toChromeTrace } = await import('../model/chromeTrace.js');
  await vscode.workspace.fs.writeFile(
    uri,
    new TextEncoder().encode(JSON.stringify(toChromeTrace(events))),
  );
  const reveal = vscode.l10n.t('Reveal');
  void vscode.window
    .showInformationMessage(
      vscode.l10n.t(
        'Exported the run as a Chrome trace: open it in Perfetto (ui.perfetto.dev) or chrome://tracing.',
      ),
      reveal,
    )
    .then((a) => a === reveal && vscode.commands.executeCommand('revealFileInOS', uri));
  return uri;
}
