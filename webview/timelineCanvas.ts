/**
 * The canvas as a virtual list: the full layout of every row (laid out again only when the model
 * or the mode changes), the rows on screen, and a backing store the size of the scroll box's
 * view, never of all the rows (50k tracks would need a canvas taller than any browser allows).
 */
import type { TimelineModel } from '../src/model/timeline';
import { layout, type Layout } from './layout';
import { visibleRows, type VisibleLayout } from './visibleRows';
import { drawFrame } from './draw';
import { RectBatch } from './batch';
import { PixelRows } from './pixels';
import type { Theme } from './theme';
import type { Ui } from './ui';
import type { Viewport } from './viewport';
import type { DiagMark } from '../src/model/timelineFiles';

export interface CanvasFrame {
  model: TimelineModel;
  vp: Viewport;
  theme: Theme;
  compact: boolean;
  gutter: number;
  /** The time the run has reached. */
  tNow: number;
  /** The hovered row's index in the full layout, or -1. */
  hoverRow: number;
  /** The finding picked by the learner, ringed on the canvas. */
  pickedDiag?: DiagMark;
}

export class TimelineCanvas {
  private full: { model: TimelineModel; key: string; layout: Layout } | undefined;
  private readonly batch = new RectBatch();
  private readonly pixels = new PixelRows();

  /** The full layout, laid out again only when the model, the mode or the gutter changed. */
  layoutFor(model: TimelineModel, compact: boolean, gutter: number): Layout {
    const key = `${model.version}|${compact}|${gutter}`;
    if (this.full?.model !== model || this.full.key !== key)
      this.full = { model, key, layout: layout(model, compact, gutter) };
    return this.full.layout;
  }

  /** Draws the rows on screen of `ui`'s canvas `cssW` CSS px wide; returns them. */
  draw(
    ui: Pick<Ui, 'canvas' | 'wrap' | 'scrollSpacer'>,
    cssW: number,
    f: CanvasFrame,
  ): VisibleLayout {
    const full = this.layoutFor(f.model, f.compact, f.gutter);
    const viewH = Math.min(full.height, scrollBoxHeight(ui.wrap));
    ui.scrollSpacer.style.setProperty('height', `${full.height - viewH}px`);
    const shown = visibleRows(full, ui.wrap.scrollTop, viewH);
    const ctx = sizeCanvas(ui.canvas, cssW, shown.height);
    this.batch.dpr = window.devicePixelRatio || 1;
    drawFrame(
      {
        ctx,
        vp: f.vp,
        m: f.model,
        theme: f.theme,
        lay: shown,
        tNow: f.tNow,
        compact: f.compact,
        laneY: new Map(),
        batch: this.batch,
        pixels: this.pixels,
        pickedDiag: f.pickedDiag,
      },
      f.hoverRow - shown.first,
    );
    return shown;
  }
}

/** Sizes `canvas` to `w` × `h` CSS px at the device pixel ratio; returns its context. */
function sizeCanvas(canvas: HTMLCanvasElement, w: number, h: number): CanvasRenderingContext2D {
  const dpr = window.devicePixelRatio || 1;
  const bw = Math.round(w * dpr),
    bh = Math.max(1, Math.round(h * dpr));
  if (canvas.width !== bw || canvas.height !== bh) {
    canvas.width = bw;
    canvas.height = bh;
    canvas.style.setProperty('width', `${w}px`);
    canvas.style.setProperty('height', `${h}px`);
  }
  const ctx = canvas.getContext('2d', { alpha: false })!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return ctx;
}

/** The most CSS px of rows the scroll box shows at once (its max-height; the window without one). */
function scrollBoxHeight(box: HTMLElement): number {
  const max = parseFloat(getComputedStyle(box).maxHeight);
  return Math.max(1, Math.floor(Number.isFinite(max) ? max : window.innerHeight));
}
