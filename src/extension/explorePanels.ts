/**
 * Explore panels: one per lab, each asking its prediction first, then showing the histograms of
 * outcomes as the runs go (schedules explored; N real-time runs), with VS Code's own progress
 * and a cancel that stops the runner and its lab processes.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { builtinLabInfo } from '../labs/info/builtinLabs';
import type {
  FromExplorePanel,
  Histogram,
  HistogramKind,
  LabPredict,
} from '../protocol/explorePanel';
import { DEFAULT_PREDICT } from '../model/exploreOutcomes';
import { Disposable } from './dispose';
import { ExploreChannel } from './exploreChannel';
import { ExploreJob, RealtimeBatch, type HistogramJob } from './exploreRuns';
import { RECORDING_VIEW_TYPE } from './recordingEditor';
import { targetKey, type LabTarget } from './runTypes';
import { exploreSettings, runSettings, uiLang } from './settings';
import { appHtml, webviewOptions } from './webviewHtml';

export const EXPLORE_VIEW_TYPE = 'concurrencyLabs.explore';

/** One lab's panel: its question, the learner's answer, and each histogram's runs. */
interface ExploreSession {
  panel: vscode.WebviewPanel;
  channel: ExploreChannel;
  target: LabTarget;
  predict: LabPredict;
  /** undefined: not answered yet; null: skipped. */
  prediction?: number | null;
  histograms: Partial<Record<HistogramKind, Histogram>>;
  jobs: Partial<Record<HistogramKind, HistogramJob>>;
  /** The panel's folder, and each histogram's run files in it. */
  dir: string;
  dirs: Partial<Record<HistogramKind, string>>;
  started: number;
  /** A Python lab's interpreter, as the command that opened the panel last found it. */
  python?: string;
}

export class ExplorePanels extends Disposable {
  private readonly sessions = new Map<string, ExploreSession>();
  private opened = 0;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly runnerPath: string,
    private readonly storageDir: string,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
  }

  /** Opens (or reveals) the lab's panel; `kind` starts those runs at once (a command that asks for them). */
  open(target: LabTarget, kind?: HistogramKind, python?: string): vscode.WebviewPanel {
    const key = targetKey(target);
    const session = this.sessions.get(key) ?? this.create(target, key);
    session.python = python;
    session.panel.reveal(undefined, false);
    if (kind && !session.jobs[kind]) {
      if (session.prediction === undefined && kind === 'realtime') session.prediction = null;
      this.start(session, kind);
    }
    return session.panel;
  }

  /** The open panels' labs, for tests. */
  openLabs(): string[] {
    return [...this.sessions.keys()];
  }

  private create(target: LabTarget, key: string): ExploreSession {
    const panel = vscode.window.createWebviewPanel(
      EXPLORE_VIEW_TYPE,
      vscode.l10n.t('Explore: {0}', target.title),
      vscode.ViewColumn.Active,
      { ...webviewOptions(this.extensionUri), retainContextWhenHidden: false },
    );
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'activity.svg');
    const builtin = target.kind === 'builtin' ? builtinLabInfo(target.id) : undefined;
    const session: ExploreSession = {
      panel,
      target,
      predict: builtin?.predict ?? DEFAULT_PREDICT,
      histograms: {},
      jobs: {},
      dir: join(this.storageDir, 'explore', `${Date.now()}-${++this.opened}`),
      dirs: {},
      started: 0,
      channel: new ExploreChannel(panel.webview, {
        onReady: () => this.sendAll(session),
        onMessage: (msg) => this.onMessage(session, msg),
        onLog: (level, message) =>
          level === 'error' ? this.log.error(`explore: ${message}`) : this.log.info(message),
        onInvalid: (dir, error) => this.log.warn(`explore message (${dir}) rejected: ${error}`),
      }),
    };
    this.sessions.set(key, session);
    panel.webview.html = appHtml(panel.webview, this.extensionUri, {
      script: 'explore.js',
      style: 'explore.css',
      mode: 'explore',
      lang: uiLang(),
      title: panel.title,
    });
    panel.onDidChangeViewState(() => panel.visible || session.channel.reset());
    panel.onDidDispose(() => {
      this.sessions.delete(key);
      session.channel.dispose();
      const jobs = Object.values(session.jobs);
      for (const job of jobs) job.cancel();
      void Promise.all(jobs.map((j) => j.done)).then(() =>
        rmSync(session.dir, { recursive: true, force: true }),
      );
    });
    return session;
  }

  private sendAll(s: ExploreSession): void {
    const settings = exploreSettings();
    s.channel.post({
      type: 'setup',
      lang: uiLang(),
      lab: s.target.title,
      predict: s.predict,
      exploreRuns: settings.runs,
      realtimeRuns: settings.realtimeRuns,
      ...(s.prediction !== undefined ? { prediction: s.prediction } : {}),
    });
    for (const h of Object.values(s.histograms))
      s.channel.post({ type: 'histogram', histogram: h });
  }

  private onMessage(
    s: ExploreSession,
    msg: Exclude<FromExplorePanel, { type: 'ready' | 'log' }>,
  ): void {
    switch (msg.type) {
      case 'predict': {
        const valid =
          msg.choice === null || (msg.choice >= 0 && msg.choice < s.predict.choices.length);
        if (!valid) return this.log.warn(`explore: no choice ${msg.choice}`);
        s.prediction = msg.choice;
        this.sendAll(s);
        if (!s.jobs.explore) this.start(s, 'explore');
        return;
      }
      case 'run':
        if (s.prediction !== undefined && !running(s.histograms[msg.kind])) this.start(s, msg.kind);
        return;
      case 'cancel':
        return s.jobs[msg.kind]?.cancel();
      case 'openExample':
        return this.openRun(s.jobs[msg.kind]?.exampleFile(msg.bar));
      case 'openFailure':
        return this.openRun(s.jobs.explore?.failureFile());
    }
  }

  private openRun(file: string | undefined): void {
    if (!file) return;
    void vscode.commands.executeCommand(
      'vscode.openWith',
      vscode.Uri.file(file),
      RECORDING_VIEW_TYPE,
      {
        viewColumn: vscode.ViewColumn.Beside,
      },
    );
  }

  private start(s: ExploreSession, kind: HistogramKind): void {
    const settings = exploreSettings();
    const run = runSettings();
    const dir = join(s.dir, `${kind}-${++s.started}`);
    const [previous, previousDir] = [s.jobs[kind], s.dirs[kind]];
    s.dirs[kind] = dir;
    let report: (h: Histogram) => void = () => {};
    const setting = {
      runnerPath: this.runnerPath,
      lab: s.target.kind === 'builtin' ? s.target.id : s.target.path,
      seed: run.seed,
      lang: run.lang,
      dir,
      python: s.python,
      onUpdate: (h: Histogram) => {
        s.histograms[kind] = h;
        s.channel.post({ type: 'histogram', histogram: h });
        report(h);
      },
    };
    const job =
      kind === 'explore'
        ? new ExploreJob(setting, settings)
        : new RealtimeBatch(setting, settings.realtimeRuns, run.speed);
    s.jobs[kind] = job;
    if (previous && previousDir)
      void previous.done.then(() => rmSync(previousDir, { recursive: true, force: true }));
    const title =
      kind === 'explore'
        ? vscode.l10n.t('Exploring schedules of {0}', s.target.title)
        : vscode.l10n.t('Running {0} in real time', s.target.title);
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => job.cancel());
        let shown = 0;
        report = (h) => {
          const percent = h.total > 0 ? Math.min(100, (h.runs / h.total) * 100) : 0;
          const message =
            h.phase === 'shrinking'
              ? vscode.l10n.t('found a failing schedule, shrinking it…')
              : vscode.l10n.t('{0} of {1} runs', h.runs, h.total);
          progress.report({ increment: percent - shown, message });
          shown = percent;
        };
        const end = await job.done;
        if (end.error)
          void vscode.window.showErrorMessage(
            vscode.l10n.t('Could not explore {0}: {1}', s.target.title, end.error),
          );
      },
    );
  }

  override dispose(): void {
    for (const s of [...this.sessions.values()]) s.panel.dispose();
    super.dispose();
  }
}

function running(h: Histogram | undefined): boolean {
  return h !== undefined && h.phase !== 'done';
}
