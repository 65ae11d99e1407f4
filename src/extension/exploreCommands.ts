/** "Explore Lab…" and "Run N Times (Real Time)": open a lab's Explore panel. */
import * as vscode from 'vscode';
import type { HistogramKind } from '../protocol/explorePanel';
import type { ExplorePanels } from './explorePanels';
import { interpreterFor } from './pythonFiles';
import { askForTrust, pickLab, targetOf } from './runCommands';
import type { LabTarget } from './runTypes';

export function registerExploreCommands(panels: ExplorePanels): vscode.Disposable[] {
  const open = async (arg: unknown, kind: HistogramKind | undefined, title: string) => {
    // From the palette (nothing given) a picker; from the Labs tree, a CodeLens or a test, that lab.
    const target = arg === undefined ? await pickLab(title) : await targetOf(arg);
    if (!target || !explorable(target)) return undefined;
    panels.open(target, kind, await interpreterFor(target));
    return target.kind === 'builtin' ? target.id : target.path;
  };
  return [
    vscode.commands.registerCommand('concurrencyLabs.exploreLab', (arg?: unknown) =>
      open(arg, undefined, vscode.l10n.t('Explore Lab')),
    ),
    vscode.commands.registerCommand('concurrencyLabs.runNTimes', (arg?: unknown) =>
      open(arg, 'realtime', vscode.l10n.t('Run N Times (Real Time)')),
    ),
  ];
}

/** Built-in labs, and lab files and Python scripts in a trusted workspace. */
function explorable(target: LabTarget): boolean {
  if (target.kind === 'builtin' || vscode.workspace.isTrusted) return true;
  askForTrust();
  return false;
}
