/**
 * The Labs tree: the built-in JavaScript labs, the built-in Python labs (a "Python" group after
 * them) and the workspace's labs, with running state and last outcome.
 */
import * as vscode from 'vscode';
import { Disposable } from './dispose';
import { LAB_FILE_GLOB } from '../labs/info/labFile';
import { isPythonLab } from '../labs/info/builtinLabs';
import { builtinLabs, builtinPythonLabs, workspaceLabs, type LabEntry } from './labCatalog';
import { isPythonPath } from './pythonFiles';
import type { RunManager } from './runManager';
import { isActive, targetKey } from './runTypes';

type Group = 'builtin' | 'python' | 'workspace';
type Node = { group: Group } | { lab: LabEntry };

export class LabsTree extends Disposable implements vscode.TreeDataProvider<Node> {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this._onDidChange.event;

  constructor(private readonly runs: RunManager) {
    super();
    this._register(
      vscode.window.createTreeView('concurrencyLabs.labs', { treeDataProvider: this }),
    );
    this._register(runs.onDidChange(() => this._onDidChange.fire()));
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(LAB_FILE_GLOB));
    this._register(watcher.onDidCreate(() => this.refresh()));
    this._register(watcher.onDidDelete(() => this.refresh()));
  }

  /** Searches the workspace for lab files again. */
  refresh(): void {
    this.workspace = undefined;
    this._onDidChange.fire();
  }

  /** Workspace labs, searched in the background so the built-in labs show at once. */
  private workspace: LabEntry[] | undefined;
  private searching: Promise<void> | undefined;

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      if (!this.workspace) this.searchWorkspace();
      const ws = this.workspace ?? [];
      // Without workspace labs the course is the tree's top level, the Python group after it.
      return ws.length
        ? [{ group: 'builtin' }, { group: 'python' }, { group: 'workspace' }]
        : [...(await builtinLabs()).map((lab) => ({ lab })), { group: 'python' }];
    }
    if ('group' in node) return (await this.labsOf(node.group)).map((lab) => ({ lab }));
    return [];
  }

  private async labsOf(group: Group): Promise<LabEntry[]> {
    if (group === 'builtin') return builtinLabs();
    if (group === 'python') return builtinPythonLabs();
    return this.workspace ?? [];
  }

  private searchWorkspace(): void {
    this.searching ??= workspaceLabs().then(
      (found) => {
        const had = this.workspace?.length ?? 0;
        this.workspace = found;
        this.searching = undefined;
        if (found.length || had) this._onDidChange.fire();
      },
      () => {
        this.workspace = [];
        this.searching = undefined;
      },
    );
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if ('group' in node) {
      const labels: Record<Group, string> = {
        builtin: vscode.l10n.t('Built-in Labs'),
        python: vscode.l10n.t('Python'),
        workspace: vscode.l10n.t('Workspace Labs'),
      };
      const item = new vscode.TreeItem(
        labels[node.group],
        vscode.TreeItemCollapsibleState.Expanded,
      );
      item.id = `group:${node.group}`;
      return item;
    }
    const { lab } = node;
    const key = targetKey(lab.target);
    const runsOfLab = this.runs.list().filter((m) => targetKey(m.target) === key);
    const running = runsOfLab.some((m) => isActive(m.state));
    const last = runsOfLab.find((m) => !isActive(m.state));
    const item = new vscode.TreeItem(lab.target.title, vscode.TreeItemCollapsibleState.None);
    item.id = `lab:${key}`;
    item.description = running ? vscode.l10n.t('running…') : (last?.outcome ?? '');
    item.tooltip = new vscode.MarkdownString(
      `**${lab.target.title}**\n\n${lab.description}${last?.outcome ? `\n\n${vscode.l10n.t('Last run: {0}', last.outcome)}` : ''}`,
    );
    item.contextValue = running ? 'lab.running' : labContext(lab);
    item.iconPath = new vscode.ThemeIcon(
      running ? 'sync~spin' : lab.target.kind === 'builtin' ? 'beaker' : 'file-code',
    );
    item.command = {
      command: 'concurrencyLabs.runItem',
      title: vscode.l10n.t('Run'),
      arguments: [node],
    };
    if (running) item.command = undefined;
    return item;
  }
}

/**
 * What a lab's menus offer (package.json): `lab.builtin…` can be copied to the workspace, and
 * `….python` runs a Python script (with the interpreter the settings choose).
 */
function labContext({ target }: LabEntry): string {
  if (target.kind === 'builtin')
    return isPythonLab(target.id) ? 'lab.builtin.python' : 'lab.builtin';
  return isPythonPath(target.path) ? 'lab.python' : 'lab';
}

/** A Labs tree node carries the lab to run (used by inline actions). */
export function labOfNode(x: unknown): LabEntry | undefined {
  return x && typeof x === 'object' && 'lab' in x ? (x as { lab: LabEntry }).lab : undefined;
}
