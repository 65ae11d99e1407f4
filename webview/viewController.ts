/**
 * The timeline view: takes the host's messages, and turns the run state, the viewport, the replay
 * clock and the learner's input into frames and panels. Other modules ask it to act through its
 * methods; they do not set its fields.
 */
import type { ViewMode, WebviewMessage } from '../src/protocol/webview';
import type { TimelineModel } from '../src/model/timeline';
import { countLE, countLT } from '../src/model/timelineColumns';
import { Viewport } from './viewport';
import { GUTTER_PX, gutterFor, MIN_CANVAS_WIDTH_PX, MIN_COMPACT_WIDTH_PX } from './layout';
import { visibleRows, type VisibleLayout } from './visibleRows';
import { readTheme, watchTheme, type Theme } from './theme';
import { hitTest } from './hit';
import { buildUi, type Ui } from './ui';
import { wireInput } from './input';
import { setLang, getLang, tr } from './i18n';
import { renderDetails, renderTip } from './panels';
import { SiteReveal } from './siteReveal';
import { renderLegend } from './legend';
import { renderHostActions } from './hostActions';
import { clearPixelCache } from './pixels';
import type { Bridge, ViewState } from './bridge';
import { RunState } from './runState';
import { FramePacing } from './framePacing';
import { ReplayClock } from './replayClock';
import { SidePanels } from './sidePanels';
import { showPlayState } from './playButton';
import { SavedView } from './savedView';
import { TimelineCanvas } from './timelineCanvas';
import { diagDotAt, diagDetail } from './diagNames';
import type { DiagMark } from '../src/model/timelineFiles';
import { StepMode } from './stepMode';

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
  /** The hovered and the selected row, as indices in the full layout (-1: none). */
  private hoverRow = -1;
  private selection: { row: number; t: number } | undefined;
  /** The finding picked in the list or on a lane: its dots are ringed (undefined: none). */
  private pickedDiag: DiagMark | undefined;
  private readonly panels = new SidePanels(
    () => this.ui,
    this.run,
    this.vp,
    (d) => this.selectDiag(d),
    (t) => this.setPlayhead(t),
  );
  private readonly saved: SavedView;
  private readonly sites: SiteReveal;
  private readonly reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');
  readonly steps = new StepMode(this);

  constructor(readonly bridge: Bridge) {
    this.saved = new SavedView(bridge);
    this.sites = new SiteReveal(bridge, this);
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
        if (this.vp.follow) this.fitAll();
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
    } else if (!live) this.fitAll();
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
    if (saved.selection) this.restoreSelection(saved.selection);
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
        this.updatePlayButton();
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
      hoverRow: this.hoverRow,
      pickedDiag: this.pickedDiag,
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

  togglePlay(): void {
    if (!this.run.ended) return;
    if (this.replay.playing) this.replay.stop(this.vp);
    else this.replay.start(this.vp, this.tNow());
    this.updatePlayButton();
    this.schedule();
  }
  setReplaySpeed(speed: number): void {
    this.replay.setSpeed(speed);
  }
  private updatePlayButton(): void {
    showPlayState(this.ui, this.replay.playing, this.vp.follow);
  }

  setFollow(on: boolean): void {
    this.vp.follow = on;
    if (on) {
      this.replay.stop(this.vp);
      if (this.run.ended) this.fitAll();
    }
    this.updatePlayButton();
    this.changed();
  }
  /** Any user move of the view stops following, so the learner can look around. */
  private userMoved(): void {
    if (this.vp.follow) {
      this.vp.follow = false;
      this.updatePlayButton();
    }
    this.changed();
  }
  zoomBy(f: number, x?: number): void {
    this.vp.zoom(f, x);
    this.userMoved();
  }
  panBy(dx: number): void {
    this.vp.pan(dx);
    this.vp.clamp(this.tNow());
    this.userMoved();
  }
  panTo(t0: number): void {
    this.vp.t0 = t0;
    this.vp.clamp(this.tNow());
    this.userMoved();
  }
  fitAll(): void {
    this.vp.fit(this.tNow());
    this.vp.fitWhileFollowing = true;
    if (this.run.ended && !this.replay.playing) this.vp.playhead = this.tNow();
    this.changed();
  }
  setView(t0: number, t1: number): void {
    this.vp.setRange(t0, t1);
    this.vp.follow = false;
    this.vp.fitWhileFollowing = false;
    this.updatePlayButton();
    this.changed();
  }
  setPlayhead(t: number): void {
    this.vp.playhead = Math.max(0, Math.min(t, this.tNow()));
    if (this.vp.revealT !== Infinity && !this.replay.playing) this.vp.revealT = this.vp.playhead;
    if (!this.run.ended) this.userMoved();
    else this.changed();
  }
  stepPlayhead(dir: 1 | -1): void {
    const { values, count } = this.run.model.t;
    const i =
      dir > 0
        ? countLE(values, count, this.vp.playhead)
        : countLT(values, count, this.vp.playhead) - 1;
    if (i >= 0 && i < count) this.setPlayhead(values[i]);
  }

  /** Index in the rows on screen of the row at canvas y, or -1. */
  private rowAt(y: number): number {
    return this.shown.rows.findIndex((r) => y >= r.y && y < r.y + r.h);
  }
  hover(x: number, y: number, px: number, py: number): void {
    const ri = x < 0 && y < 0 ? -1 : this.rowAt(y);
    const row = this.shown.rows[ri];
    const m = this.run.model;
    const d = row ? hitTest(m, row, this.vp.t(Math.max(0, x)), this.vp, y, this.tNow()) : undefined;
    renderTip(this.ui, d, px, py);
    const full = ri < 0 ? -1 : this.shown.first + ri;
    if (full !== this.hoverRow) {
      this.hoverRow = full;
      this.schedule();
    }
  }
  select(x: number, y: number): void {
    const ri = this.rowAt(y);
    const row = this.shown.rows[ri];
    const t = this.vp.t(x);
    const dot =
      row?.kind === 'lane'
        ? diagDotAt(this.run.model, row.proc, t, 6 * this.vp.usPerPx)
        : undefined;
    if (dot) return this.selectDiag(dot);
    this.pickedDiag = undefined;
    this.selection = row ? { row: this.shown.first + ri, t } : undefined;
    const m = this.run.model;
    const d = row ? hitTest(m, row, t, this.vp, y, this.tNow()) : undefined;
    this.sites.selected = d?.site;
    renderDetails(this.ui, d, this.sites.link);
    this.setPlayhead(t);
    // In VS Code a click on a call reveals its line beside the timeline.
    if (d?.site !== undefined) this.sites.reveal(d.site);
  }
  /** Enter on the timeline: the line of the selected call, beside it. */
  revealSelection(): boolean {
    return this.sites.revealSelected();
  }
  /** A finding: the playhead to its moment (brought into view), its dots ringed, its words in Details. */
  selectDiag(d: DiagMark): void {
    this.pickedDiag = d;
    const t = Math.max(0, d.t);
    const span = this.vp.t1 - this.vp.t0;
    if (t < this.vp.t0 || t > this.vp.t1) this.setView(t - span / 2, t + span / 2);
    else if (this.vp.follow) this.setFollow(false);
    renderDetails(this.ui, diagDetail(this.run.model, d));
    this.setPlayhead(t);
  }
  /** After a reload: the details of what was selected (rows are laid out from the same log). */
  private restoreSelection(sel: { row: number; t: number }): void {
    const compact = this.viewMode === 'compact';
    const gutter = gutterFor(compact, this.canvasWidth());
    const full = this.canvas.layoutFor(this.run.model, compact, gutter);
    const row = full.rows[sel.row];
    if (!row) return;
    this.selection = sel;
    const m = this.run.model;
    const d = hitTest(m, row, sel.t, this.vp, row.y + row.h / 2, this.tNow());
    this.sites.selected = d?.site;
    renderDetails(this.ui, d, this.sites.link);
  }

  private changed(): void {
    this.schedule();
    this.saved.save(() => ({
      runId: this.run.runId,
      t0: this.vp.t0,
      usPerPx: this.vp.usPerPx,
      follow: this.vp.follow,
      playhead: this.vp.playhead,
      selection: this.selection,
    }));
  }

  private refreshPanels(force: boolean): void {
    this.panels.update(force);
  }
  renderStatsIfOpen(): void {
    this.panels.renderStatsIfOpen();
  }
}
