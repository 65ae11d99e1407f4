/** Entry point: wires the run manager to the commands, trees, views and editors. */
import * as vscode from 'vscode';
import { registerCodeLens } from './codeLens';
import { registerCompareCommands } from './compareRuns';
import { registerExploreCommands } from './exploreCommands';
import { ExplorePanels } from './explorePanels';
import { registerFileCommands } from './fileCommands';
import { registerPythonFiles } from './pythonFiles';
import { LabErrors } from './labErrors';
import { registerLabSourceCommands } from './labSource';
import { LabsTree } from './labsTree';
import { addLabTypings, offerLabTypings } from './labTypings';
import { LiveView } from './liveView';
import { RecordingEditor } from './recordingEditor';
import { registerRunCommands } from './runCommands';
import { RunManager } from './runManager';
import { RunsTree } from './runsTree';
import { SiteDecorations } from './siteDecorations';
import { RunStatusBar } from './statusBar';
import { registerStepCommands } from './stepCommands';
import { TimelinePanels } from './timelinePanels';

/** What tests get from `extension.exports`. */
export interface ConcurrencyLabsApi {
  runs: RunManager;
  panels: TimelinePanels;
  /** What the editor shows of the last run at each line of lab code. */
  sites: SiteDecorations;
  /** The Explore panels. */
  explore: ExplorePanels;
  /** The Labs tree, as the view shows it. */
  labs: LabsTree;
}

let runs: RunManager | undefined;

export function activate(context: vscode.ExtensionContext): ConcurrencyLabsApi {
  const log = vscode.window.createOutputChannel('Concurrency Labs', { log: true });
  const runnerPath = vscode.Uri.joinPath(context.extensionUri, 'dist', 'runner.js').fsPath;
  const manager = new RunManager(
    context.workspaceState,
    runnerPath,
    context.globalStorageUri.fsPath,
    log,
  );
  runs = manager;
  const panels = new TimelinePanels(context.extensionUri, runs, log);
  const labs = new LabsTree(runs);
  const sites = new SiteDecorations();
  const explore = new ExplorePanels(
    context.extensionUri,
    runnerPath,
    context.globalStorageUri.fsPath,
    log,
  );
  context.subscriptions.push(
    log,
    runs,
    panels,
    explore,
    labs,
    new RunsTree(runs),
    new LiveView(context.extensionUri, runs, log),
    sites,
    manager.onEnded(async (meta) => sites.show(await manager.events(meta.id), meta.id)),
    vscode.commands.registerCommand('concurrencyLabs.showRunInEditor', () => sites.bringBack()),
    vscode.commands.registerCommand('concurrencyLabs.hideRunInEditor', () => sites.hide()),
    new RecordingEditor(context.extensionUri, log, (events) => sites.show(events)),
    new RunStatusBar(runs),
    new LabErrors(runs),
    offerLabTypings(context),
    vscode.commands.registerCommand('concurrencyLabs.addTypings', () =>
      addLabTypings(context.extensionUri),
    ),
    registerCodeLens(),
    ...registerPythonFiles(),
    ...registerRunCommands(runs, panels),
    ...registerStepCommands(runs, panels),
    ...registerExploreCommands(explore),
    ...registerCompareCommands(context.extensionUri, runs),
    ...registerFileCommands(runs, panels, labs),
    ...registerLabSourceCommands(context.extensionUri, manager),
  );
  void vscode.commands.executeCommand(
    'setContext',
    'concurrencyLabs.hasRuns',
    runs.list().length > 0,
  );
  return { runs: manager, panels, sites, explore, labs };
}

/** Stops every run and waits (briefly) until its processes are gone. */
export async function deactivate(): Promise<void> {
  await runs?.shutdown();
  runs = undefined;
}
