/** A status bar item while a lab runs; clicking it stops the run. */
import * as vscode from 'vscode';
import { Disposable } from './dispose';
import type { RunManager } from './runManager';

export class RunStatusBar extends Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor(private readonly runs: RunManager) {
    super();
    this.item = this._register(
      vscode.window.createStatusBarItem(
        'concurrencyLabs.status',
        vscode.StatusBarAlignment.Left,
        50,
      ),
    );
    this.item.name = vscode.l10n.t('Concurrency Labs');
    this.item.command = 'concurrencyLabs.stop';
    this._register(runs.onDidChange(() => this.update()));
    this.update();
  }

  private update(): void {
    const active = this.runs.active();
    if (!active.length) {
      this.item.hide();
      return;
    }
    const first = active[0];
    const more = active.length > 1 ? ` +${active.length - 1}` : '';
    this.item.text = `$(sync~spin) ${first.target.title}${more}`;
    this.item.tooltip = vscode.l10n.t('{0} is running. Click to stop it.', first.target.title);
    this.item.show();
  }
}

/** Shows progress until the run has produced its first events (or ended). */
export function showStartProgress(runs: RunManager, runId: string, title: string): void {
  void vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Starting {0}…', title) },
    () =>
      new Promise<void>((resolve) => {
        const check = () => {
          const meta = runs.get(runId);
          if (!meta || meta.state !== 'starting') {
            sub.dispose();
            resolve();
          }
        };
        const sub = runs.onDidChange(check);
        check();
      }),
  );
}
