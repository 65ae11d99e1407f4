/** The Runs tree: recent runs with their outcome; open, export, delete. */
import * as vscode from 'vscode';
import { Disposable } from './dispose';
import type { RunManager } from './runManager';
import { isActive, type RunMeta } from './runTypes';

export class RunsTree extends Disposable implements vscode.TreeDataProvider<RunMeta> {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this._onDidChange.event;

  constructor(private readonly runs: RunManager) {
    super();
    this._register(
      vscode.window.createTreeView('concurrencyLabs.runs', { treeDataProvider: this }),
    );
    this._register(runs.onDidChange(() => this._onDidChange.fire()));
  }

  getChildren(meta?: RunMeta): RunMeta[] {
    return meta ? [] : this.runs.list();
  }

  getTreeItem(meta: RunMeta): vscode.TreeItem {
    const active = isActive(meta.state);
    const item = new vscode.TreeItem(meta.target.title, vscode.TreeItemCollapsibleState.None);
    item.id = `run:${meta.id}`;
    const when = new Date(meta.startedAt).toLocaleTimeString();
    item.description = active
      ? vscode.l10n.t('running…')
      : `${meta.outcome ?? meta.state} · ${when}`;
    item.tooltip = vscode.l10n.t(
      '{0} · seed {1} · speed {2} · {3} events',
      meta.target.title,
      meta.config.seed,
      meta.config.speed,
      meta.eventCount,
    );
    item.contextValue = active ? 'run.running' : 'run';
    item.iconPath = new vscode.ThemeIcon(
      active
        ? 'sync~spin'
        : meta.state === 'ok'
          ? 'pass'
          : meta.state === 'stopped'
            ? 'debug-stop'
            : 'error',
    );
    item.command = {
      command: 'concurrencyLabs.openRun',
      title: vscode.l10n.t('Open Timeline'),
      arguments: [meta],
    };
    return item;
  }
}
