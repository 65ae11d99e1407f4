/**
 * Two runs stacked on one time axis: each run's lanes drawn by the timeline's own canvas, both
 * from one Viewport, so zooming or panning either moves both. The first difference is said in
 * words above them and marked on each run's canvas (diffMark.ts).
 */
import { buildTimeline, type TimelineModel } from '../../src/model/timeline';
import { firstDifference, type RunDifference, type RunStep } from '../../src/model/runDiff';
import { summarizeOutcome } from '../../src/model/outcomeSummary';
import { textIn } from '../../src/model/localizedText';
import type { LabEvent } from '../../src/protocol/events';
import type { ToComparePanel } from '../../src/protocol/comparePanel';
import { el } from '../dom';
import { GUTTER_PX, MIN_CANVAS_WIDTH_PX } from '../layout';
import { setTimeScale } from '../text';
import { readTheme, watchTheme, type Theme } from '../theme';
import { TimelineCanvas } from '../timelineCanvas';
import { Viewport } from '../viewport';
import { drawDifference } from './diffMark';
import { getLang, word } from './words';

interface Pane {
  model: TimelineModel;
  tEnd: number;
  step?: RunStep;
  drawer: TimelineCanvas;
  ui: { canvas: HTMLCanvasElement; wrap: HTMLElement; scrollSpacer: HTMLElement };
}

const ZOOM_STEP = 1.5;

export class CompareView {
  private readonly vp = new Viewport();
  private readonly panes: Pane[];
  readonly difference: RunDifference | null;
  private theme: Theme;
  private pending = false;

  constructor(root: HTMLElement, msg: ToComparePanel) {
    const [a, b] = msg.runs;
    this.difference = firstDifference(a.events, b.events);
    const start = a.events.find((e) => e.kind === 'run.start');
    setTimeScale(start?.kind === 'run.start' ? start.speed : 1);
    root.append(el('h1', { class: 'cmp-title' }, word('title')));
    const diff = el('p', { class: 'cmp-diff', role: 'status', id: 'cmp-diff' });
    diff.textContent = this.difference ? textIn(this.difference.words, getLang()) : word('same');
    diff.classList.toggle('cmp-same', !this.difference);
    root.append(diff, this.toolbar());
    this.panes = [
      this.pane(root, word('runA'), a.label, a.events, this.difference?.a),
      this.pane(root, word('runB'), b.label, b.events, this.difference?.b),
    ];
    this.theme = readTheme();
    watchTheme(() => {
      this.theme = readTheme();
      this.schedule();
    });
    new ResizeObserver(() => this.schedule()).observe(root);
    this.fit();
  }

  private toolbar(): HTMLElement {
    const bar = el('div', { class: 'tl-toolbar', role: 'toolbar', 'aria-label': word('controls') });
    const button = (cls: string, icon: string, label: string, key: string, act: () => void) => {
      const b = el('button', {
        type: 'button',
        class: `tl-btn ${cls}`,
        title: `${label} (${key})`,
      });
      b.setAttribute('aria-keyshortcuts', key);
      b.append(
        el('span', { class: `codicon codicon-${icon}`, 'aria-hidden': 'true' }),
        el('span', { class: 'tl-btn-text' }, label),
      );
      b.addEventListener('click', act);
      return b;
    };
    bar.append(
      button('cmp-zoom-in', 'zoom-in', word('zoomIn'), '+', () => this.zoom(ZOOM_STEP)),
      button('cmp-zoom-out', 'zoom-out', word('zoomOut'), '-', () => this.zoom(1 / ZOOM_STEP)),
      button('cmp-fit', 'screen-full', word('fit'), 'F', () => this.fit()),
    );
    return bar;
  }

  private pane(
    root: HTMLElement,
    which: string,
    label: string,
    events: LabEvent[],
    step: RunStep | undefined,
  ): Pane {
    const model = buildTimeline(events);
    const outcome = summarizeOutcome(events);
    const head = el('h2', { class: 'cmp-run' }, `${which}${word('colon')}${label}`);
    if (outcome) {
      const verdict = el('span', { class: `cmp-outcome cmp-${outcome.verdict}` });
      verdict.textContent = textIn(outcome.text, getLang());
      head.append(' — ', verdict);
    }
    const wrap = el('div', { class: 'tl-canvas-wrap cmp-wrap' });
    const canvas = el('canvas', {
      class: 'tl-canvas',
      tabindex: '0',
      role: 'img',
      'aria-label': word('canvas', { run: which }),
    });
    const scrollSpacer = el('div', { class: 'tl-scroll-spacer', 'aria-hidden': 'true' });
    wrap.append(canvas, scrollSpacer);
    const section = el('section', { class: 'cmp-pane', 'aria-label': which });
    section.append(head, wrap);
    root.append(section);
    this.listen(canvas, wrap);
    const tEnd = events.length ? events[events.length - 1].t : 0;
    return { model, tEnd, step, drawer: new TimelineCanvas(), ui: { canvas, wrap, scrollSpacer } };
  }

  /** Wheel zooms at the pointer, a drag pans, keys pan and zoom: the shared viewport, both panes. */
  private listen(canvas: HTMLCanvasElement, wrap: HTMLElement): void {
    const plotX = (clientX: number) =>
      clientX - canvas.getBoundingClientRect().left - GUTTER_PX.panel;
    canvas.addEventListener(
      'wheel',
      (ev) => {
        if (ev.shiftKey) this.vp.pan(ev.deltaY);
        else this.vp.zoom(ev.deltaY < 0 ? 1.2 : 1 / 1.2, plotX(ev.clientX));
        ev.preventDefault();
        this.schedule();
      },
      { passive: false },
    );
    let dragX: number | null = null;
    canvas.addEventListener('pointerdown', (ev) => (dragX = ev.clientX));
    canvas.addEventListener('pointermove', (ev) => {
      if (dragX === null || !(ev.buttons & 1)) return;
      this.vp.pan(dragX - ev.clientX);
      dragX = ev.clientX;
      this.schedule();
    });
    canvas.addEventListener('pointerup', () => (dragX = null));
    wrap.addEventListener('scroll', () => this.schedule());
    canvas.addEventListener('keydown', (ev) => {
      const page = this.vp.width / 4;
      if (ev.key === 'ArrowLeft') this.vp.pan(-page);
      else if (ev.key === 'ArrowRight') this.vp.pan(page);
      else if (ev.key === '+' || ev.key === '=') this.vp.zoom(ZOOM_STEP);
      else if (ev.key === '-') this.vp.zoom(1 / ZOOM_STEP);
      else if (ev.key === 'f' || ev.key === 'F') return this.fit();
      else return;
      ev.preventDefault();
      this.schedule();
    });
  }

  private zoom(factor: number): void {
    this.vp.zoom(factor);
    this.schedule();
  }

  /** Both runs whole: from lab time 0 to the later run's end. */
  fit(): void {
    this.resize();
    this.vp.tStart = 0;
    this.vp.fit(Math.max(...this.panes.map((p) => p.tEnd)));
    this.vp.playhead = this.difference?.t ?? -Infinity;
    this.schedule();
  }

  private resize(): number {
    const cssW = Math.max(MIN_CANVAS_WIDTH_PX, this.panes[0].ui.wrap.clientWidth);
    const width = cssW - GUTTER_PX.panel;
    if (width !== this.vp.width) {
      // A new width keeps the time window.
      const [t0, t1] = [this.vp.t0, this.vp.t1];
      this.vp.width = width;
      this.vp.setRange(t0, t1);
    }
    return cssW;
  }

  private schedule(): void {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => this.frame());
  }

  /** Draws both panes from the one viewport. */
  frame(): void {
    this.pending = false;
    const cssW = this.resize();
    for (const p of this.panes) {
      const shown = p.drawer.draw(p.ui, cssW, {
        model: p.model,
        vp: this.vp,
        theme: this.theme,
        compact: false,
        gutter: GUTTER_PX.panel,
        tNow: p.tEnd,
        hoverRow: -1,
      });
      if (p.step) drawDifference(p.ui.canvas, shown, this.vp, this.theme, p.step, word('mark'));
      // For whoever drives the page (tests): the shared window and where the mark is.
      const c = p.ui.canvas.dataset;
      c.t0 = String(this.vp.t0);
      c.t1 = String(this.vp.t1);
      if (p.step) c.markX = String(shown.gutter + this.vp.x(p.step.t));
    }
  }
}
