/** Commands that start and stop runs. */
import * as vscode from 'vscode';
import type { RunConfig } from '../protocol/host';
import {
  builtinLabs,
  builtinPythonLabs,
  resolveLab,
  workspaceEntry,
  workspaceLabs,
  type LabEntry,
} from './labCatalog';
import { labOfNode } from './labsTree';
import { LAB_FILE_RE } from '../labs/info/labFile';
import type { RunManager } from './runManager';
import { targetKey, type LabTarget, type RunMeta } from './runTypes';
import { showStartProgress } from './statusBar';
import { interpreterFor, isPythonPath } from './pythonFiles';
import type { TimelinePanels } from './timelinePanels';

export type RunOverrides = Partial<
  Pick<RunConfig, 'seed' | 'speed' | 'timeoutSec' | 'maxEvents' | 'lang'>
>;

export function registerRunCommands(runs: RunManager, panels: TimelinePanels): vscode.Disposable[] {
  // A Python lab runs with the interpreter the settings or the Python extension choose.
  const start = async (target: LabTarget, overrides?: RunOverrides) => {
    const python = await interpreterFor(target);
    return startRun(
      runs,
      panels,
      target,
      python ? { ...sanitize(overrides), python } : sanitize(overrides),
    );
  };

  return [
    vscode.commands.registerCommand(
      'concurrencyLabs.runLab',
      async (arg?: unknown, overrides?: RunOverrides) => {
        // A lab named by id or path that is unknown gets its error, not a picker waiting for a choice.
        const target =
          typeof arg === 'string'
            ? await targetOf(arg)
            : ((await targetOf(arg)) ?? (await pickLab()));
        return target ? start(target, overrides) : undefined;
      },
    ),
    vscode.commands.registerCommand(
      'concurrencyLabs.runItem',
      async (node?: unknown, overrides?: RunOverrides) => {
        const target = await targetOf(node);
        return target ? start(target, overrides) : undefined;
      },
    ),
    vscode.commands.registerCommand(
      'concurrencyLabs.runCurrentFile',
      async (overrides?: RunOverrides) => {
        const doc = vscode.window.activeTextEditor?.document;
        if (!doc || doc.uri.scheme !== 'file' || !LAB_FILE_RE.test(doc.uri.fsPath)) {
          void vscode.window.showInformationMessage(
            vscode.l10n.t('Open a *.lab.mjs or *.lab.js file to run it as a lab.'),
          );
          return undefined;
        }
        if (doc.isDirty) await doc.save();
        return start(workspaceEntry(doc.uri).target, overrides);
      },
    ),
    vscode.commands.registerCommand(
      'concurrencyLabs.runPythonFile',
      async (arg?: unknown, overrides?: RunOverrides) => {
        const doc = vscode.window.activeTextEditor?.document;
        const uri = arg instanceof vscode.Uri ? arg : doc?.uri;
        if (!uri || uri.scheme !== 'file' || !isPythonPath(uri.fsPath)) {
          void vscode.window.showInformationMessage(
            vscode.l10n.t('Open a Python file (*.py) to run it as a lab.'),
          );
          return undefined;
        }
        const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === uri.fsPath);
        if (open?.isDirty) await open.save();
        return start(workspaceEntry(uri).target, overrides);
      },
    ),
    vscode.commands.registerCommand('concurrencyLabs.stop', async (runId?: unknown) => {
      await runs.stop(typeof runId === 'string' ? runId : undefined);
    }),
    vscode.commands.registerCommand('concurrencyLabs.stopItem', async (x?: unknown) => {
      const id = runIdOf(x) ?? runIdOfLab(runs, x);
      await runs.stop(id);
    }),
    vscode.commands.registerCommand(
      'concurrencyLabs.rerun',
      async (x?: unknown, overrides?: RunOverrides) => {
        const meta = runs.get(runIdOf(x) ?? '') ?? runs.latest();
        if (!meta) return undefined;
        return start(meta.target, {
          seed: meta.config.seed,
          speed: meta.config.speed,
          ...overrides,
        });
      },
    ),
  ];
}

/** Says why a workspace lab cannot run in an untrusted workspace, and offers to manage trust. */
export function askForTrust(): void {
  void vscode.window
    .showWarningMessage(
      vscode.l10n.t(
        'Running a lab file from this workspace needs a trusted workspace, because the lab is code. Built-in labs can run now.',
      ),
      vscode.l10n.t('Manage Workspace Trust'),
    )
    .then((a) => a && vscode.commands.executeCommand('workbench.trust.manage'));
}

/**
 * Starts a run of `target` (a workspace lab only in a trusted workspace) and opens its timeline;
 * `config` is already checked. Returns the run's id, or undefined when it was refused.
 */
export function startRun(
  runs: RunManager,
  panels: TimelinePanels,
  target: LabTarget,
  config: Partial<RunConfig>,
): string | undefined {
  if (target.kind === 'workspace' && !vscode.workspace.isTrusted) {
    askForTrust();
    return undefined;
  }
  const meta = runs.start(target, config);
  showStartProgress(runs, meta.id, target.title);
  panels.openNewRun(meta.id);
  return meta.id;
}

/** A run id from a command argument: a string id or a Runs tree node. */
export function runIdOf(x: unknown): string | undefined {
  if (typeof x === 'string') return x;
  if (x && typeof x === 'object' && typeof (x as RunMeta).id === 'string' && (x as RunMeta).target)
    return (x as RunMeta).id;
  return undefined;
}

function runIdOfLab(runs: RunManager, x: unknown): string | undefined {
  const lab = labOfNode(x);
  if (!lab) return undefined;
  const key = targetKey(lab.target);
  return runs.active().find((m) => targetKey(m.target) === key)?.id;
}

export async function targetOf(arg: unknown): Promise<LabTarget | undefined> {
  if (typeof arg === 'string') {
    const t = await resolveLab(arg);
    if (!t) void vscode.window.showErrorMessage(vscode.l10n.t('Unknown lab: {0}', arg));
    return t;
  }
  if (arg instanceof vscode.Uri) return workspaceEntry(arg).target;
  return labOfNode(arg)?.target;
}

/** Asks which lab to run. */
export async function pickLab(title?: string): Promise<LabTarget | undefined> {
  type Item = vscode.QuickPickItem & { entry?: LabEntry };
  const [builtin, python, ws] = await Promise.all([
    builtinLabs(),
    builtinPythonLabs(),
    workspaceLabs(),
  ]);
  const items: Item[] = [];
  const group = (label: string, entries: LabEntry[], toItem: (entry: LabEntry) => Item) => {
    if (!entries.length) return;
    items.push({ label, kind: vscode.QuickPickItemKind.Separator });
    items.push(...entries.map(toItem));
  };
  const builtinItem = (entry: LabEntry): Item => ({
    label: entry.target.kind === 'builtin' ? entry.target.id : '',
    description: entry.target.title,
    detail: entry.description,
    entry,
  });
  group(vscode.l10n.t('Built-in Labs'), builtin, builtinItem);
  group(vscode.l10n.t('Python'), python, builtinItem);
  group(vscode.l10n.t('Workspace Labs'), ws, (entry) => ({
    label: `$(file-code) ${entry.target.title}`,
    description: entry.description,
    entry,
  }));
  const pick = await vscode.window.showQuickPick(items, {
    title: title ?? vscode.l10n.t('Run Lab'),
    placeHolder: vscode.l10n.t('Pick a lab to run'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return pick?.entry?.target;
}

export function sanitize(o: RunOverrides | undefined): RunOverrides {
  if (!o || typeof o !== 'object') return {};
  const out: RunOverrides = {};
  if (Number.isSafeInteger(o.seed) && o.seed! >= 0) out.seed = o.seed;
  if (typeof o.speed === 'number' && o.speed > 0) out.speed = o.speed;
  if (typeof o.timeoutSec === 'number' && o.timeoutSec > 0) out.timeoutSec = o.timeoutSec;
  if (Number.isSafeInteger(o.maxEvents) && o.maxEvents! > 0) out.maxEvents = o.maxEvents;
  if (o.lang === 'en' || o.lang === 'zh-CN') out.lang = o.lang;
  return out;
}
