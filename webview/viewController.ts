/**
 * The timeline view: takes the host's messages, and turns the run state, the viewport, the replay
 * clock and the learner's input into frames and panels. Moving through the run is
 * `navigation` (viewNavigation.ts); what the learner points at is `selection` (viewSelection.ts).
 * Other modules ask the view to act through these; they do not set its fields.
 */
import type { ViewMode, WebviewMessage } from '../src/protocol/webview';
import type { TimelineModel } from '../src/model/timeline';
import { Viewport } from './viewport';
import { GUTTER_PX, gutterFor, MIN_CANVAS_WIDTH_PX, MIN_COMPACT_WIDTH_PX } from './layout';
import { visibleRows, type VisibleLayout } from './visibleRows';
import { readTheme, watchTheme, type Theme } from './theme';
import { buildUi, type Ui } from './ui';
import { wireInput } from './input';
import { setLang, getLang, tr } from './i18n';
import { SiteReveal } from './siteReveal';
import { renderLegend } from './legend';
import { renderHostActions } from './hostActions';
import { clearPixelCache } from './pixels';
import type { Bridge, ViewState } from './bridge';
import { RunState } from './runState';
import { FramePacing } from './framePacing';
import { ReplayClock } from './replayClock';
import { SidePanels } from './sidePanels';
import { SavedView } from './savedView';
import { TimelineCanvas } from './timelineCanvas';
import { StepMode } from './stepMode';
import { ViewNavigation } from './viewNavigation';
import { ViewSelection } from './viewSelection';

export class ViewController {
  readonly run = new RunState();
  readonly vp = new Viewport();
  readonly replay = new ReplayClock();
  readonly pacing = new FramePacing(() => this.frame());
  private ui!: Ui;
  private theme!: Theme;
  private viewMode: ViewMode = 'panel';
  /** The rows on screen in the last frame (see visibleRows.ts). */
  private shown: VisibleLayout = visibleRows(
    { rows: [], height: 0, gutter: GUTTER_PX.panel, axis: 0 },
    0,
    0,
  );
  private readonly canvas = new TimelineCanvas();
  readonly navigation = new ViewNavigation(
    this.vp,
    this.run,
    this.replay,
    () => this.ui,
    () => this.changed(),
    () => this.schedule(),
  );
  readonly selection: ViewSelection;
  private readonly panels: SidePanels;
  private readonly saved: SavedView;
  private readonly reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');
  readonly steps = new StepMode(this);

  constructor(readonly bridge: Bridge) {
    this.saved = new SavedView(bridge);
    this.selection = new ViewSelection(
      () => this.ui,
      this.run,
      this.vp,
      () => this.shown,
      new SiteReveal(bridge, this),
      this.navigation,
      () => this.schedule(),
    );
    this.panels = new SidePanels(
      () => this.ui,
      this.run,
      this.vp,
      (d) => this.selection.selectDiag(d),
      (t) => this.navigation.setPlayhead(t),
    );
    const d = document.body.dataset;
    if (d.lang === 'zh-CN') setLang('zh-CN');
    if (d.mode === 'compact' || d.mode === 'standalone') this.viewMode = d.mode;
    // With codicons loaded (inside VS Code) the toolbar is icons with tooltips, as VS Code's own
    // are: text buttons wrap to several rows in a half-width editor.
    if (document.querySelector('link[href*="codicon"]')) document.body.classList.add('tl-icons');
    this.mount();
    watchTheme(() => {
      clearPixelCache();
      this.theme = readTheme();
      this.schedule();
    });
  }

  get mode(): ViewMode {
    return this.viewMode;
  }
  get model(): TimelineModel {
    return this.run.model;
  }
  get elements(): Ui {
    return this.ui;
  }
  /** The rows on screen in the last frame, in canvas px. */
  get rows(): VisibleLayout {
    return this.shown;
  }

  private mount(): void {
    this.ui?.root.remove();
    this.ui = buildUi();
    this.theme = readTheme();
    renderLegend(this.ui, this.run.model, true);
    renderHostActions(this);
    wireInput(this);
    this.steps.render();
    this.refreshPanels(true);
  }

  private setLanguage(lang: string): void {
    if (lang === getLang()) return;
    setLang(lang === 'zh-CN' ? 'zh-CN' : 'en');
    this.mount();
  }

  onMessage(msg: WebviewMessage): void {
    this.steps.onMessage(msg);
    switch (msg.type) {
      case 'load':
        this.setLanguage(msg.lang);
        this.viewMode = msg.mode;
        document.body.dataset.mode = msg.mode;
        this.load(msg.runId, msg.live, msg);
        break;
      case 'columns':
        if (msg.runId !== this.run.runId) break;
        this.run.appendColumns(msg.read);
        this.appended();
        break;
      case 'ended':
        if (msg.runId !== this.run.runId) break;
        this.run.markEnded();
        if (this.vp.follow) this.navigation.fitAll();
        renderHostActions(this);
        break;
      case 'error':
        this.showMessage(
          `${tr('errorTitle')}${tr('colon')}${msg.message}${msg.detail ? `\n${msg.detail}` : ''}`,
        );
        break;
      case 'empty':
        this.setLanguage(msg.lang);
        this.run.clear();
        this.showMessage(tr('waitingForRun'));
        break;
    }
    // A live batch changes what the panels say, but they catch up in the next frames (throttled,
    // see panelRefresh.ts), and the frame itself is paced; everything else (a new run, its end,
    // a message) shows at once.
    const live = msg.type === 'columns' && !this.run.ended;
    this.refreshPanels(!live);
    if (live) this.pacing.scheduleLive();
    else this.schedule();
  }

  private load(runId: string, live: boolean, msg: Extract<WebviewMessage, { type: 'load' }>): void {
    const saved = this.saved.readFor(runId);
    // Fit (or restore) at the plot's real width, not the width of the last run's first frame.
    this.vp.width = this.canvasWidth() - gutterFor(this.viewMode === 'compact', this.canvasWidth());
    this.run.load(runId, live, msg.events);
    this.appended();
    this.replay.stop(this.vp);
    this.vp.follow = true;
    this.vp.fitWhileFollowing = true;
    this.ui.message.hidden = true;
    if (saved.runId === runId && saved.usPerPx) {
      this.restoreView(saved);
    } else if (!live) this.navigation.fitAll();
    this.ui.follow.setAttribute('aria-pressed', String(this.vp.follow));
    renderHostActions(this);
  }

  private restoreView(saved: ViewState): void {
    Object.assign(this.vp, {
      t0: saved.t0 ?? 0,
      usPerPx: saved.usPerPx,
      follow: !!saved.follow,
      playhead: saved.playhead ?? 0,
      fitWhileFollowing: false,
    });
    if (!saved.selection) return;
    // The rows are laid out from the same log as before the reload.
    const compact = this.viewMode === 'compact';
    const gutter = gutterFor(compact, this.canvasWidth());
    this.selection.restore(saved.selection, this.canvas.layoutFor(this.run.model, compact, gutter));
  }

  private appended(): void {
    const m = this.run.model;
    if (m.t.count) this.vp.tStart = m.t.values[0];
  }

  private showMessage(text: string): void {
    this.ui.message.textContent = text;
    this.ui.message.hidden = false;
  }

  tNow(): number {
    return this.run.tNow();
  }

  schedule(): void {
    this.pacing.schedule();
  }

  /** Draws one frame now (also a hook's redraw). */
  frame(): void {
    const start = this.pacing.begin();
    const compact = this.viewMode === 'compact';
    const cssW = this.canvasWidth();
    const gutter = gutterFor(compact, cssW);
    this.resizePlot(cssW - gutter);
    const tNow = this.tNow();
    if (this.replay.playing) {
      if (!this.replay.tick(start, this.vp, tNow, this.reducedMotion.matches))
        this.navigation.showPlayState();
    } else if (this.vp.follow && !this.run.ended) {
      this.vp.followTo(tNow, this.reducedMotion.matches);
      this.vp.playhead = tNow;
    }
    this.shown = this.canvas.draw(this.ui, cssW, {
      model: this.run.model,
      vp: this.vp,
      theme: this.theme,
      compact,
      gutter,
      tNow,
      hoverRow: this.selection.hoverRow,
      pickedDiag: this.selection.pickedDiag,
    });
    this.steps.afterFrame();
    this.pacing.end(start);
    this.refreshPanels(false);
    if (this.replay.playing) this.schedule();
  }

  /**
   * A new plot width keeps the time window, not the zoom: a tab made wider (or narrower, as when
   * a second run opens beside it) still shows what it showed, refitted to its width.
   */
  private canvasWidth(): number {
    const min = this.viewMode === 'compact' ? MIN_COMPACT_WIDTH_PX : MIN_CANVAS_WIDTH_PX;
    return Math.max(min, this.ui.wrap.clientWidth);
  }
  private resizePlot(width: number): void {
    if (width === this.vp.width) return;
    const { t0, t1 } = this.vp;
    this.vp.width = width;
    this.vp.setRange(t0, t1);
  }

  private changed(): void {
    this.schedule();
    this.saved.save(() => ({
      runId: this.run.runId,
      t0: this.vp.t0,
      usPerPx: this.vp.usPerPx,
      follow: this.vp.follow,
      playhead: this.vp.playhead,
      selection: this.selection.selected,
    }));
  }

  private refreshPanels(force: boolean): void {
    this.panels.update(force);
  }
  renderStatsIfOpen(): void {
    this.panels.renderStatsIfOpen();
  }
}
