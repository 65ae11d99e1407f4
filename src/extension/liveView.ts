/** The compact live view in the side bar: always shows the newest run. */
import * as vscode from 'vscode';
import { Disposable } from './dispose';
import { RunFeed } from './runFeed';
import type { RunManager } from './runManager';
import { uiLang } from './settings';
import { timelineHtml, webviewOptions } from './webviewHtml';

export const LIVE_VIEW_ID = 'concurrencyLabs.live';

export class LiveView extends Disposable implements vscode.WebviewViewProvider {
  private feed: RunFeed | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly runs: RunManager,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this._register(vscode.window.registerWebviewViewProvider(LIVE_VIEW_ID, this));
    this._register(runs.onStarted((meta) => void this.feed?.show(meta.id)));
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    view.webview.options = webviewOptions(this.extensionUri);
    this.feed?.dispose();
    const feed = new RunFeed(view.webview, this.runs, 'compact', this.log);
    this.feed = feed;
    view.webview.html = timelineHtml(
      view.webview,
      this.extensionUri,
      'compact',
      uiLang(),
      'Concurrency Labs',
    );
    void feed.show(this.runs.latest()?.id);
    view.onDidDispose(() => {
      feed.dispose();
      if (this.feed === feed) this.feed = undefined;
    });
  }

  override dispose(): void {
    this.feed?.dispose();
    super.dispose();
  }
}
