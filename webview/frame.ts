/** What every draw function gets: the canvas, the view, the model and the colours. */
import type { TimelineModel } from '../src/model/timeline';
import type { Theme } from './theme';
import type { Viewport } from './viewport';
import type { VisibleLayout } from './visibleRows';
import type { RectBatch } from './batch';
import type { PixelRows } from './pixels';
import type { DiagMark } from '../src/model/timelineFiles';

export interface Frame {
  ctx: CanvasRenderingContext2D;
  vp: Viewport;
  m: TimelineModel;
  theme: Theme;
  /** The rows on screen, in canvas px (see visibleRows.ts). */
  lay: VisibleLayout;
  /** The time the run has reached (end of open spans). */
  tNow: number;
  compact: boolean;
  /** y centre of each process lane by proc id, for arrows. */
  laneY: Map<number, number>;
  /** Rectangles to fill in bulk (see batch.ts). */
  batch: RectBatch;
  pixels: PixelRows;
  /** The finding the learner picked (its dots are ringed). */
  pickedDiag?: DiagMark;
}
