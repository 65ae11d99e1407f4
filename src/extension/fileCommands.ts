/** Commands on finished runs and files: timelines, Chrome trace export, recordings. */
import { copyFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { LabEvent } from '../protocol/events';
import { toJsonl } from '../protocol/jsonl';
import { LAB_FILE_RE } from '../labs/info/labFile';
import type { LabsTree } from './labsTree';
import { RECORDING_VIEW_TYPE } from './recordingEditor';
import { runIdOf } from './runCommands';
import { exportChromeTrace } from './traceExport';
import type { RunManager } from './runManager';
import { isActive, type RunMeta } from './runTypes';
import type { TimelinePanels } from './timelinePanels';

export function registerFileCommands(
  runs: RunManager,
  panels: TimelinePanels,
  labs: LabsTree,
): vscode.Disposable[] {
  const metaOf = (x: unknown): RunMeta | undefined => runs.get(runIdOf(x) ?? '') ?? runs.latest();
  const uriArg = (x: unknown) => (x instanceof vscode.Uri ? x : undefined);

  const exportTrace = async (x?: unknown, target?: unknown) => {
    const meta = metaOf(x);
    if (!meta) return undefined;
    return exportChromeTrace(
      await runs.events(meta.id),
      `${fileStem(meta)}.trace.json`,
      uriArg(target),
    );
  };

  return [
    vscode.commands.registerCommand('concurrencyLabs.openTimeline', (x?: unknown) => {
      const meta = metaOf(x);
      if (meta) panels.open(meta.id);
      return meta?.id;
    }),
    vscode.commands.registerCommand('concurrencyLabs.openRun', (x?: unknown) => {
      const meta = metaOf(x);
      if (meta) panels.open(meta.id);
      return meta?.id;
    }),
    vscode.commands.registerCommand('concurrencyLabs.exportTrace', exportTrace),
    vscode.commands.registerCommand('concurrencyLabs.exportRun', exportTrace),
    vscode.commands.registerCommand(
      'concurrencyLabs.saveRecording',
      async (x?: unknown, target?: unknown) => {
        const meta = metaOf(x);
        if (!meta) return undefined;
        const uri =
          uriArg(target) ??
          (await vscode.window.showSaveDialog({
            defaultUri: defaultUri(`${fileStem(meta)}.labrun`),
            filters: { [vscode.l10n.t('Lab Recording')]: ['labrun'] },
            title: vscode.l10n.t('Save Recording'),
          }));
        if (!uri) return undefined;
        if (isActive(meta.state)) await runs.whenEnded(meta.id);
        // The full log is on disk; the window in memory may hold only the latest events.
        const copied =
          uri.scheme === 'file' &&
          (await copyFile(meta.eventsFile, uri.fsPath).then(
            () => true,
            () => false,
          ));
        if (!copied)
          await vscode.workspace.fs.writeFile(
            uri,
            new TextEncoder().encode(toJsonl((await runs.events(meta.id)) as LabEvent[])),
          );
        void notify(vscode.l10n.t('Saved the recording.'), uri);
        return uri;
      },
    ),
    vscode.commands.registerCommand('concurrencyLabs.openRecording', async (x?: unknown) => {
      const uri =
        uriArg(x) ??
        (
          await vscode.window.showOpenDialog({
            canSelectMany: false,
            filters: { [vscode.l10n.t('Lab Recording')]: ['labrun'] },
            title: vscode.l10n.t('Open Recording'),
          })
        )?.[0];
      if (uri) await vscode.commands.executeCommand('vscode.openWith', uri, RECORDING_VIEW_TYPE);
      return uri;
    }),
    vscode.commands.registerCommand('concurrencyLabs.deleteRun', async (x?: unknown) => {
      const id = runIdOf(x);
      if (id) {
        panels.panelFor(id)?.dispose();
        await runs.delete(id);
      }
    }),
    vscode.commands.registerCommand('concurrencyLabs.refreshLabs', () => labs.refresh()),
    vscode.commands.registerCommand('concurrencyLabs.openWalkthrough', () =>
      vscode.commands.executeCommand(
        'workbench.action.openWalkthrough',
        'concurrency-labs.concurrency-labs#concurrencyLabs.start',
        false,
      ),
    ),
  ];
}

function fileStem(meta: RunMeta): string {
  const lab =
    meta.target.kind === 'builtin' ? meta.target.id : meta.target.title.replace(LAB_FILE_RE, '');
  return `${lab}-seed${meta.config.seed}`;
}

function defaultUri(name: string): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, name) : undefined;
}

async function notify(message: string, uri: vscode.Uri): Promise<void> {
  const reveal = vscode.l10n.t('Reveal');
  if ((await vscode.window.showInformationMessage(message, reveal)) === reveal) {
    await vscode.commands.executeCommand('revealFileInOS', uri);
  }
}
