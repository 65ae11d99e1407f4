/** Rows of the canvas, top to bottom: axis, process lanes, lock, queue and file tracks. */
import type { TimelineModel } from '../src/model/timeline';
import { trackGroups, type GroupLabel } from './trackGroups';

export type Row =
  | {
      kind: 'header';
      y: number;
      h: number;
      label: 'processes' | GroupLabel;
    }
  | { kind: 'lane'; y: number; h: number; proc: number; index: number }
  | { kind: 'lock' | 'queue' | 'file' | 'sync'; y: number; h: number; obj: number; slots?: number };

export interface Layout {
  rows: Row[];
  height: number;
  gutter: number;
  axis: number;
}

export const MAX_SLOTS = 6;

/** Width of the label gutter left of the plot, CSS px: room for a process name and its pid. */
export const GUTTER_PX = { panel: 200, compact: 130 } as const;

/** The narrowest gutter of the panel: a name of about ten characters, cut with "…" past that. */
const MIN_PANEL_GUTTER_PX = 96;

/**
 * The gutter for a canvas `cssW` wide. Names get at most a third of it, so the plot keeps most
 * of the width: a timeline in a half-width editor beside another panel was left a plot under
 * 100 px by a fixed 200 px gutter. The compact Live view in a narrow sidebar goes down to 56 px.
 */
export function gutterFor(compact: boolean, cssW: number): number {
  const third = Math.floor(cssW / 3);
  if (!compact) return Math.max(MIN_PANEL_GUTTER_PX, Math.min(GUTTER_PX.panel, third));
  return Math.max(56, Math.min(GUTTER_PX.compact, third));
}

export function layout(m: TimelineModel, compact: boolean, gutter: number): Layout {
  const axis = 26;
  const laneH = compact ? 16 : 32;
  const rows: Row[] = [];
  let y = axis;
  const header = (label: 'processes' | GroupLabel) => {
    if (!compact) {
      rows.push({ kind: 'header', y, h: 20, label });
      y += 20;
    }
  };
  if (m.lanes.length) header('processes');
  m.lanes.forEach((l, index) => {
    rows.push({ kind: 'lane', y, h: laneH, proc: l.info.proc, index });
    y += laneH;
  });
  for (const { label, kind, objs } of trackGroups(m)) {
    header(label);
    for (const obj of objs) {
      let h = compact ? 18 : 34;
      let slots: number | undefined;
      if (kind === 'queue') {
        const q = m.queues.get(obj)!;
        slots = Math.min(MAX_SLOTS, Math.max(1, q.maxsize || q.maxDepth || 1));
        h = slots * (compact ? 8 : 15) + 8;
      }
      if (kind === 'file' && !compact) h = 44;
      rows.push({ kind, y, h, obj, slots });
      y += h + 2;
    }
  }
  return { rows, height: y + 8, gutter, axis };
}

/** The canvas is never narrower than this, CSS px (a very narrow panel scrolls instead). */
export const MIN_CANVAS_WIDTH_PX = 200;
/** The Live view in a narrow sidebar: names get a narrower gutter rather than the plot none. */
export const MIN_COMPACT_WIDTH_PX = 120;
