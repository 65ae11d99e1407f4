/** Feeds one webview (panel, compact view) with a run: the known events, then live batches. */
import * as vscode from 'vscode';
import type { ViewMode, WebviewAction } from '../protocol/webview';
import { Disposable } from './dispose';
import { EventBatcher } from './eventWindow';
import type { RunManager } from './runManager';
import { revealSite } from './revealSite';
import { isActive } from './runTypes';
import { uiLang } from './settings';
import { WebviewChannel, type WebviewLike } from './webviewChannel';

export class RunFeed extends Disposable {
  readonly channel: WebviewChannel;
  private runId: string | undefined;
  private generation = 0;
  private readonly batcher: EventBatcher;

  constructor(
    webview: WebviewLike,
    private readonly runs: RunManager,
    private readonly mode: ViewMode,
    log: vscode.LogOutputChannel,
  ) {
    super();
    this.channel = this._register(
      new WebviewChannel(webview, {
        onReady: () => void this.show(this.runId),
        runShown: () => this.runId,
        onAction: (action, runId) => void runWebviewAction(action, runId),
        onRevealSite: (site) => void this.revealSite(site),
        onStep: (msg, runId) => {
          if (msg.type === 'fork')
            void vscode.commands.executeCommand('concurrencyLabs.forkRun', runId, msg.step);
          else void runs.answerStep(runId, msg.step, msg.pick, msg.proc);
        },
        onLog: (level, message) =>
          level === 'error' ? log.error(`webview: ${message}`) : log.info(`webview: ${message}`),
        onInvalid: (dir, error) => log.warn(`webview message (${dir}) rejected: ${error}`),
      }),
    );
    // Live batches go on as the runner's columns (VS Code transfers the bytes as a buffer); the
    // webview decodes and checks them where they enter.
    this.batcher = this._register(
      new EventBatcher((cols) => {
        if (this.runId) this.channel.post({ type: 'batch', runId: this.runId, cols });
      }),
    );
    this._register(
      runs.onEvents(({ id, batch }) => {
        if (id === this.runId) this.batcher.add(batch.bytes, batch.count);
      }),
    );
    this._register(
      runs.onChoice(({ id, choice }) => {
        if (id !== this.runId) return;
        // The events up to the decision are drawn before its buttons.
        this.batcher.flush();
        this.channel.post({ type: 'choose', runId: id, choice });
      }),
    );
    this._register(
      runs.onEnded((meta) => {
        if (meta.id !== this.runId) return;
        this.batcher.flush();
        this.channel.post({ type: 'ended', runId: meta.id });
      }),
    );
  }

  private async revealSite(site: number): Promise<void> {
    if (this.runId) await revealSite(await this.runs.events(this.runId), site);
  }

  get currentRunId(): string | undefined {
    return this.runId;
  }

  /** Shows a run (or the empty state); replaces whatever was shown. */
  async show(runId: string | undefined): Promise<void> {
    const gen = ++this.generation;
    this.batcher.dispose();
    this.runId = runId;
    const meta = runId ? this.runs.get(runId) : undefined;
    if (!runId || !meta) {
      this.channel.post({ type: 'empty', lang: uiLang() });
      return;
    }
    const live = isActive(meta.state);
    // A live run's window is read synchronously so no batch falls between snapshot and subscription.
    const events = await this.runs.events(runId);
    if (gen !== this.generation) return;
    this.channel.post({
      type: 'load',
      runId,
      lang: uiLang(),
      mode: this.mode,
      events,
      live: live && isActive(meta.state),
    });
    const choice = this.runs.openChoice(runId);
    if (choice) this.channel.post({ type: 'choose', runId, choice });
  }
}

/** The allowlisted actions a webview may ask for, mapped to our own commands. */
async function runWebviewAction(action: WebviewAction, runId: string | undefined): Promise<void> {
  const command: Record<WebviewAction, string> = {
    stop: 'concurrencyLabs.stopItem',
    rerun: 'concurrencyLabs.rerun',
    exportTrace: 'concurrencyLabs.exportRun',
    saveRecording: 'concurrencyLabs.saveRecording',
    openTimeline: 'concurrencyLabs.openRun',
    runLab: 'concurrencyLabs.runLab',
    openLabSource: 'concurrencyLabs.openLabSource',
  };
  await vscode.commands.executeCommand(command[action], action === 'runLab' ? undefined : runId);
}
