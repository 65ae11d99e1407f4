/**
 * Timeline panels in editor tabs: one per run, several side by side, restored after a reload
 * by a serializer registered for the same view type.
 */
import * as vscode from 'vscode';
import { Disposable } from './dispose';
import { RunFeed } from './runFeed';
import type { RunManager } from './runManager';
import { isActive, targetKey, type RunMeta } from './runTypes';
import { closeRunningPanelSetting, uiLang } from './settings';
import { timelineHtml, webviewOptions } from './webviewHtml';

export const TIMELINE_VIEW_TYPE = 'concurrencyLabs.timeline';

/** An open timeline tab and the run it shows (which changes when a new run reuses the tab). */
interface PanelEntry {
  panel: vscode.WebviewPanel;
  feed: RunFeed;
  runId: string;
}

export class TimelinePanels extends Disposable implements vscode.WebviewPanelSerializer {
  private readonly panels = new Map<string, PanelEntry>();
  private closingAll = false;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly runs: RunManager,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this._register(vscode.window.registerWebviewPanelSerializer(TIMELINE_VIEW_TYPE, this));
    this._register(
      runs.onDidChange(() => {
        for (const [id, p] of this.panels) {
          const meta = runs.get(id);
          if (meta) p.panel.title = panelTitle(meta);
        }
      }),
    );
    this._register(runs.onReplaced(({ from, to }) => this.moveTo(from, to)));
  }

  /** The panel of run `from` shows run `to` from now on (the run that replaced it). */
  private moveTo(from: string, to: string): void {
    const entry = this.panels.get(from);
    const meta = this.runs.get(to);
    if (entry && meta && !this.panels.has(to)) this.retarget(entry, meta);
  }

  /** Opens (or reveals) the timeline of a run. */
  open(runId: string, preserveFocus = false): vscode.WebviewPanel | undefined {
    const meta = this.runs.get(runId);
    if (!meta) return undefined;
    const existing = this.panels.get(runId);
    if (existing) {
      existing.panel.reveal(undefined, preserveFocus);
      return existing.panel;
    }
    const column = this.columnForNewPanel();
    const panel = vscode.window.createWebviewPanel(
      TIMELINE_VIEW_TYPE,
      panelTitle(meta),
      { viewColumn: column, preserveFocus },
      { ...webviewOptions(this.extensionUri), retainContextWhenHidden: false },
    );
    this.attach(panel, runId);
    return panel;
  }

  /** Opens the timeline of a run just started, in the tab of its lab's finished run if there is one. */
  openNewRun(runId: string): vscode.WebviewPanel | undefined {
    const meta = this.runs.get(runId);
    const tab = meta && !this.panels.has(runId) ? this.reusable(meta) : undefined;
    if (!meta || !tab) return this.open(runId);
    this.retarget(tab, meta);
    tab.panel.reveal(undefined, false);
    return tab.panel;
  }

  /**
   * A new run of a lab takes over the tab of that lab's finished run, so runs do not pile up as
   * tabs, each narrower than the last. A run still going keeps its tab; an older run opened from
   * the Runs view gets its own, beside, for comparing.
   */
  private reusable(meta: RunMeta): PanelEntry | undefined {
    const lab = targetKey(meta.target);
    for (const entry of [...this.panels.values()].reverse()) {
      const shown = this.runs.get(entry.runId);
      if (shown && !isActive(shown.state) && targetKey(shown.target) === lab) return entry;
    }
    return undefined;
  }

  private retarget(entry: PanelEntry, meta: RunMeta): void {
    this.panels.delete(entry.runId);
    entry.runId = meta.id;
    this.panels.set(meta.id, entry);
    entry.panel.title = panelTitle(meta);
    void entry.feed.show(meta.id);
  }

  /**
   * The first timeline opens in the active editor group; the second beside it, so two runs can
   * be compared; later ones as tabs in the group of the most recent timeline.
   */
  private columnForNewPanel(): vscode.ViewColumn {
    const columns = new Set(
      [...this.panels.values()].map((p) => p.panel.viewColumn).filter((c) => c !== undefined),
    );
    if (this.panels.size === 0) return vscode.ViewColumn.Active;
    if (columns.size < 2) return vscode.ViewColumn.Beside;
    return [...this.panels.values()].at(-1)?.panel.viewColumn ?? vscode.ViewColumn.Active;
  }

  /** The run ids whose panels are open. */
  openRunIds(): string[] {
    return [...this.panels.keys()];
  }

  panelFor(runId: string): vscode.WebviewPanel | undefined {
    return this.panels.get(runId)?.panel;
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const saved = (state as { runId?: unknown } | undefined)?.runId;
    const runId =
      typeof saved === 'string' && this.runs.get(saved) ? saved : this.runs.latest()?.id;
    panel.webview.options = webviewOptions(this.extensionUri);
    if (!runId || this.panels.has(runId)) {
      panel.dispose();
      return;
    }
    this.attach(panel, runId);
  }

  private attach(panel: vscode.WebviewPanel, runId: string): void {
    const feed = new RunFeed(panel.webview, this.runs, 'panel', this.log);
    const entry: PanelEntry = { panel, feed, runId };
    this.panels.set(runId, entry);
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'activity.svg');
    const meta = this.runs.get(runId);
    if (meta) panel.title = panelTitle(meta); // a restored panel keeps its old title otherwise
    panel.webview.html = timelineHtml(
      panel.webview,
      this.extensionUri,
      'panel',
      uiLang(),
      panel.title,
    );
    void feed.show(runId);
    panel.onDidDispose(() => {
      this.panels.delete(entry.runId);
      feed.dispose();
      void this.onClosed(entry.runId);
    });
  }

  /** Closing the timeline of a run still going: stop it, ask, or keep it (setting). */
  private async onClosed(runId: string): Promise<void> {
    const meta = this.runs.get(runId);
    if (this.closingAll || !meta || !isActive(meta.state)) return;
    const choice = closeRunningPanelSetting();
    if (choice === 'keepRunning') return;
    if (choice === 'stop') return void (await this.runs.stop(runId));
    const stop = vscode.l10n.t('Stop Run');
    const keep = vscode.l10n.t('Keep Running');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('The lab {0} is still running. Stop it?', meta.target.title),
      stop,
      keep,
    );
    if (answer === stop) await this.runs.stop(runId);
  }

  override dispose(): void {
    this.closingAll = true;
    for (const { panel } of this.panels.values()) panel.dispose();
    super.dispose();
  }
}

function panelTitle(meta: RunMeta): string {
  const running = isActive(meta.state) ? ' ●' : '';
  return vscode.l10n.t('{0} · seed {1}', meta.target.title, meta.config.seed) + running;
}
