/** The timeline app: receives the run's events, keeps the model, draws frames, drives the panels. */
import { decodeEventColumns, type ColumnsRead } from '../src/protocol/eventColumns';
import type { LabEvent } from '../src/protocol/events';
import type { ViewMode, WebviewMessage } from '../src/protocol/webview';
import { TimelineModel } from '../src/model/timeline';
import { countLE, countLT } from '../src/model/timelineColumns';
import { computeStats } from '../src/model/stats';
import { Viewport } from './viewport';
import { layout, type Layout } from './layout';
import { readTheme, watchTheme, type Theme } from './theme';
import { drawFrame } from './draw';
import { hitTest } from './hit';
import { buildUi, type Ui } from './ui';
import { wireInput } from './input';
import { setLang, getLang, tr } from './i18n';
import {
  renderHeader,
  renderNarration,
  renderState,
  renderDetails,
  renderTip,
  renderLegend,
} from './panels';
import { renderStats } from './statsTable';
import { fmtDur, setTimeScale } from './text';
import { renderHostActions } from './hostActions';
import { RectBatch } from './batch';
import { PixelRows, clearPixelCache } from './pixels';
import type { Bridge } from './bridge';

/** Runs with more events than this get no statistics table (the raw events would not be kept). */
export const STATS_MAX_EVENTS = 300_000;

/**
 * The run's events for the statistics table: the objects decoded so far and the batches not yet
 * decoded (only an open table decodes them), up to STATS_MAX_EVENTS events in all.
 */
class StatsEvents {
  readonly events: LabEvent[] = [];
  private pending: Uint8Array[] = [];
  count = 0;
  all(): LabEvent[] {
    for (const b of this.pending) {
      const read = decodeEventColumns(b);
      if (read.ok) for (const e of read.events) this.events.push(e);
    }
    this.pending = [];
    return this.events;
  }
  keep(batch: Uint8Array): void {
    this.pending.push(batch);
  }
}

/** A live frame that took d ms is followed by at least LIVE_GAP × d ms without one. */
const LIVE_GAP = 3;

export class App {
  ui!: Ui;
  m = new TimelineModel();
  vp = new Viewport();
  lay: Layout = { rows: [], height: 0, gutter: 190, axis: 26 };
  theme!: Theme;
  runId = '';
  live = false;
  ended = false;
  mode: ViewMode = 'panel';
  replaySpeed = 1;
  playing = false;
  readonly frameMs: number[] = [];
  private stats: StatsEvents | undefined = new StatsEvents();
  private raf = 0;
  /** A paced live frame waiting its turn (see scheduleLive), and when the last frame began and how long it drew. */
  private liveTimer = 0;
  lastFrameAt = 0;
  lastFrameMs = 0;
  private batch = new RectBatch();
  private pixels = new PixelRows();
  private hoverRow = -1;
  private lastTick = 0;
  private panelKey = '';
  private panelAt = 0;
  private panelTimer = 0;
  private saveTimer = 0;
  private reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');

  constructor(readonly bridge: Bridge) {
    const d = document.body.dataset;
    if (d.lang === 'zh-CN') setLang('zh-CN');
    if (d.mode === 'compact' || d.mode === 'standalone') this.mode = d.mode;
    this.mount();
    watchTheme(() => {
      clearPixelCache();
      this.theme = readTheme();
      this.schedule();
    });
  }

  private mount(): void {
    this.ui?.root.remove();
    this.ui = buildUi();
    this.theme = readTheme();
    renderLegend(this.ui);
    renderHostActions(this);
    wireInput(this);
    this.refreshPanels(true);
  }

  onMessage(msg: WebviewMessage): void {
    switch (msg.type) {
      case 'load': {
        if (msg.lang !== getLang()) {
          setLang(msg.lang);
          this.mount();
        }
        this.mode = msg.mode;
        document.body.dataset.mode = msg.mode;
        const saved = this.bridge.getState() as {
          runId?: string;
          t0?: number;
          usPerPx?: number;
          follow?: boolean;
          playhead?: number;
          selection?: { row: number; t: number };
        };
        this.m = new TimelineModel();
        this.stats = new StatsEvents();
        this.runId = msg.runId;
        this.live = msg.live;
        this.ended = !msg.live;
        this.playing = false;
        this.vp.revealT = Infinity;
        this.vp.follow = true;
        this.vp.fitWhileFollowing = true;
        this.ui.message.hidden = true;
        setTimeScale(1);
        this.append(msg.events);
        if (saved.runId === msg.runId && saved.usPerPx) {
          Object.assign(this.vp, {
            t0: saved.t0 ?? 0,
            usPerPx: saved.usPerPx,
            follow: !!saved.follow,
            playhead: saved.playhead ?? 0,
            fitWhileFollowing: false,
          });
          if (saved.selection) this.restoreSelection(saved.selection);
        } else if (!msg.live) this.fitAll();
        this.ui.follow.setAttribute('aria-pressed', String(this.vp.follow));
        renderHostActions(this);
        break;
      }
      case 'columns':
        if (msg.runId === this.runId) this.appendColumns(msg.read);
        break;
      case 'ended':
        if (msg.runId !== this.runId) break;
        this.ended = true;
        this.live = false;
        if (this.vp.follow) this.fitAll();
        renderHostActions(this);
        break;
      case 'error':
        this.showMessage(
          `${tr('errorTitle')}: ${msg.message}${msg.detail ? `\n${msg.detail}` : ''}`,
        );
        break;
      case 'empty':
        if (msg.lang !== getLang()) {
          setLang(msg.lang);
          this.mount();
        }
        this.m = new TimelineModel();
        this.runId = '';
        this.showMessage(tr('waitingForRun'));
        break;
    }
    // A live batch changes what the panels say, but they catch up in the next frames (at most every
    // 150 ms), and the frame itself is paced; everything else (a new run, its end, a message) shows at once.
    const live = msg.type === 'columns' && !this.ended;
    this.refreshPanels(!live);
    if (live) this.scheduleLive();
    else this.schedule();
  }

  private showMessage(text: string): void {
    this.ui.message.textContent = text;
    this.ui.message.hidden = false;
  }

  private append(events: LabEvent[]): void {
    this.m.append(events);
    if (this.keepStats(events.length)) for (const e of events) this.stats!.events.push(e);
    this.appended();
  }

  /** A live batch, checked where it entered: the model takes it from its columns. */
  private appendColumns(read: ColumnsRead): void {
    this.m.appendColumns(read);
    if (this.keepStats(read.count)) this.stats!.keep(read.bytes);
    this.appended();
  }

  /** Whether the statistics can still hold `n` more events (past the bound they are dropped for good). */
  private keepStats(n: number): boolean {
    if (this.stats && this.stats.count + n <= STATS_MAX_EVENTS) {
      this.stats.count += n;
      return true;
    }
    this.stats = undefined;
    return false;
  }

  private appended(): void {
    // A live run's run.start (and so its speed) arrives with the first batch, not with `load`.
    if (this.m.run) setTimeScale(this.m.run.speed);
    if (this.m.t.n) this.vp.tStart = this.m.t.a[0];
    if (this.m.end) {
      this.ended = true;
      this.live = false;
    }
  }

  tNow(): number {
    return this.m.end ? Math.max(this.m.end.t, this.m.tEnd) : this.m.tEnd;
  }

  schedule(): void {
    if (!this.raf) this.raf = requestAnimationFrame(() => this.frame());
  }

  /**
   * A live run's new events are drawn in the next frame, unless frames have become slow (a run of
   * millions of events): then the next one waits LIVE_GAP times the last one's draw time, so
   * drawing takes at most about a quarter of the page's time and the rest goes to taking the
   * stream in and to the learner's input (which draws at once, through `schedule`).
   */
  scheduleLive(): void {
    if (this.raf || this.liveTimer) return;
    const wait = this.lastFrameAt + (1 + LIVE_GAP) * this.lastFrameMs - performance.now();
    if (wait <= 0) this.schedule();
    else
      this.liveTimer = window.setTimeout(() => {
        this.liveTimer = 0;
        this.schedule();
      }, wait);
  }

  frame(): void {
    // Drawn now (a hook's redraw): a frame already requested would only draw the same again.
    if (this.raf) cancelAnimationFrame(this.raf);
    this.raf = 0;
    const start = performance.now();
    const compact = this.mode === 'compact';
    const gutter = compact ? 130 : 200;
    const cssW = Math.max(200, this.ui.wrap.clientWidth);
    this.vp.width = cssW - gutter;
    const tNow = this.tNow();
    if (this.playing) this.tick(start, tNow);
    else if (this.vp.follow && !this.ended) {
      this.vp.followTo(tNow, this.reducedMotion.matches);
      this.vp.playhead = tNow;
    }
    this.lay = layout(this.m, compact, gutter);
    const ctx = this.sizeCanvas(cssW, this.lay.height);
    this.batch.dpr = window.devicePixelRatio || 1;
    drawFrame(
      {
        ctx,
        vp: this.vp,
        m: this.m,
        theme: this.theme,
        lay: this.lay,
        tNow,
        compact,
        laneY: new Map(),
        batch: this.batch,
        pixels: this.pixels,
      },
      this.hoverRow,
    );
    this.lastFrameAt = start;
    this.lastFrameMs = performance.now() - start;
    this.frameMs.push(this.lastFrameMs);
    if (this.frameMs.length > 2000) this.frameMs.splice(0, 1000);
    this.refreshPanels(false);
    if (this.playing) this.schedule();
  }

  private sizeCanvas(w: number, h: number): CanvasRenderingContext2D {
    const c = this.ui.canvas,
      dpr = window.devicePixelRatio || 1;
    const bw = Math.round(w * dpr),
      bh = Math.round(h * dpr);
    if (c.width !== bw || c.height !== bh) {
      c.width = bw;
      c.height = bh;
      c.style.setProperty('width', `${w}px`);
      c.style.setProperty('height', `${h}px`);
    }
    const ctx = c.getContext('2d', { alpha: false })!;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    return ctx;
  }

  /** Replay: the playhead advances in run time at the chosen speed; nothing after it is drawn. */
  private tick(now: number, tNow: number): void {
    const dt = this.lastTick ? Math.min(now - this.lastTick, 100) : 0;
    this.lastTick = now;
    const vp = this.vp;
    vp.playhead = Math.min(tNow, vp.playhead + dt * 1000 * this.replaySpeed);
    vp.revealT = vp.playhead;
    const w = vp.width * vp.usPerPx;
    if (vp.playhead > vp.t1 || vp.playhead < vp.t0)
      vp.t0 = vp.playhead - w * (this.reducedMotion.matches ? 0.05 : 0.5);
    if (vp.playhead >= tNow) {
      this.playing = false;
      vp.revealT = Infinity;
      this.updatePlayButton();
    }
  }

  togglePlay(): void {
    if (!this.ended) return;
    this.playing = !this.playing;
    if (this.playing) {
      if (this.vp.playhead >= this.tNow()) this.vp.playhead = this.vp.tStart;
      this.vp.follow = false;
      this.lastTick = 0;
    }
    this.updatePlayButton();
    this.schedule();
  }
  private updatePlayButton(): void {
    // Rewriting unchanged buttons would dirty the DOM, and the next frame would pay for a layout.
    const shown = `${this.playing}|${this.vp.follow}`;
    if (this.ui.play.dataset.shown === shown) return;
    this.ui.play.dataset.shown = shown;
    const label = this.playing ? tr('pause') : tr('play');
    this.ui.play.setAttribute('aria-label', label);
    this.ui.play.title = label;
    this.ui.play.lastElementChild!.textContent = label;
    this.ui.play.firstElementChild!.className = `codicon codicon-${this.playing ? 'debug-pause' : 'play'}`;
    this.ui.follow.setAttribute('aria-pressed', String(this.vp.follow));
  }

  setFollow(on: boolean): void {
    this.vp.follow = on;
    if (on) {
      this.playing = false;
      this.vp.revealT = Infinity;
      if (this.ended) this.fitAll();
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
    if (this.ended && !this.playing) this.vp.playhead = this.tNow();
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
    if (this.vp.revealT !== Infinity && !this.playing) this.vp.revealT = this.vp.playhead;
    if (!this.ended) this.userMoved();
    else this.changed();
  }
  stepPlayhead(dir: 1 | -1): void {
    const { a, n } = this.m.t;
    const i = dir > 0 ? countLE(a, n, this.vp.playhead) : countLT(a, n, this.vp.playhead) - 1;
    if (i >= 0 && i < n) this.setPlayhead(a[i]);
  }

  private rowAt(y: number): number {
    return this.lay.rows.findIndex((r) => y >= r.y && y < r.y + r.h);
  }
  hover(x: number, y: number, px: number, py: number): void {
    const ri = x < 0 && y < 0 ? -1 : this.rowAt(y);
    const row = this.lay.rows[ri];
    const d = row
      ? hitTest(this.m, row, this.vp.t(Math.max(0, x)), this.vp, y, this.tNow())
      : undefined;
    renderTip(this.ui, d, px, py);
    if (ri !== this.hoverRow) {
      this.hoverRow = ri;
      this.schedule();
    }
  }
  private selection: { row: number; t: number } | undefined;
  select(x: number, y: number): void {
    const ri = this.rowAt(y);
    const row = this.lay.rows[ri];
    const t = this.vp.t(x);
    this.selection = row ? { row: ri, t } : undefined;
    renderDetails(this.ui, row ? hitTest(this.m, row, t, this.vp, y, this.tNow()) : undefined);
    this.setPlayhead(t);
  }
  /** After a reload: the details of what was selected (rows are laid out from the same log). */
  private restoreSelection(sel: { row: number; t: number }): void {
    this.lay = layout(this.m, this.mode === 'compact', this.lay.gutter);
    const row = this.lay.rows[sel.row];
    if (!row) return;
    this.selection = sel;
    renderDetails(this.ui, hitTest(this.m, row, sel.t, this.vp, row.y + row.h / 2, this.tNow()));
  }

  private changed(): void {
    this.schedule();
    clearTimeout(this.saveTimer);
    this.saveTimer = window.setTimeout(
      () =>
        this.bridge.setState({
          runId: this.runId,
          t0: this.vp.t0,
          usPerPx: this.vp.usPerPx,
          follow: this.vp.follow,
          playhead: this.vp.playhead,
          selection: this.selection,
        }),
      300,
    );
  }

  /** DOM panels are refreshed at most every 150 ms while streaming (the canvas every frame). */
  private refreshPanels(force: boolean): void {
    const now = performance.now();
    const key = `${this.m.version}|${this.vp.playhead}|${this.ended}`;
    if (!force && (key === this.panelKey || (!this.ended && now - this.panelAt < 150))) {
      // They catch up on their own (a paced live frame may be a while away).
      if (key !== this.panelKey && !this.panelTimer)
        this.panelTimer = window.setTimeout(() => {
          this.panelTimer = 0;
          this.refreshPanels(false);
        }, 160);
      return;
    }
    this.panelKey = key;
    this.panelAt = now;
    renderHeader(this.ui, this.m);
    renderState(this.ui, this.m, this.vp.playhead);
    if (force || this.ended) renderNarration(this.ui, this.m);
    this.ui.time.textContent = `${tr('playhead')} ${fmtDur(this.vp.playhead)}`;
    this.ui.play.disabled = !this.ended;
    this.renderStatsIfOpen();
  }
  private statsFor = -1;
  renderStatsIfOpen(): void {
    if (!this.ui.stats.open || this.statsFor === this.m.version) return;
    this.statsFor = this.m.version;
    if (!this.stats) {
      this.ui.statsBody.textContent = tr('statsTooBig', { n: STATS_MAX_EVENTS });
      return;
    }
    renderStats(this.ui.statsBody, computeStats(this.stats.all()));
  }
}
