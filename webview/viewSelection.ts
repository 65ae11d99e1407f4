/**
 * What the learner points at: the hovered row (highlighted), the selected row and moment (its
 * details, and its line of code in VS Code), and the picked finding (its dots ringed).
 */
import type { DiagMark } from '../src/model/timelineFiles';
import type { Layout } from './layout';
import type { VisibleLayout } from './visibleRows';
import type { Viewport } from './viewport';
import type { RunState } from './runState';
import type { Ui } from './ui';
import type { SiteReveal } from './siteReveal';
import type { ViewNavigation } from './viewNavigation';
import { hitTest } from './hit';
import { renderDetails, renderTip } from './panels';
import { diagDotAt, diagDetail } from './diagNames';

/** A selected row (its index in the full layout) and moment, as saved across a reload. */
export interface SelectedAt {
  row: number;
  t: number;
}

export class ViewSelection {
  /** The hovered row, as an index in the full layout (-1: none). */
  hoverRow = -1;
  selected: SelectedAt | undefined;
  /** The finding picked in the list or on a lane: its dots are ringed (undefined: none). */
  pickedDiag: DiagMark | undefined;

  constructor(
    private readonly ui: () => Ui,
    private readonly run: RunState,
    private readonly vp: Viewport,
    /** The rows on screen in the last frame. */
    private readonly shown: () => VisibleLayout,
    private readonly sites: SiteReveal,
    private readonly navigation: ViewNavigation,
    private readonly schedule: () => void,
  ) {}

  /** Index in the rows on screen of the row at canvas y, or -1. */
  private rowAt(y: number): number {
    return this.shown().rows.findIndex((r) => y >= r.y && y < r.y + r.h);
  }
  hover(x: number, y: number, px: number, py: number): void {
    const shown = this.shown();
    const ri = x < 0 && y < 0 ? -1 : this.rowAt(y);
    const row = shown.rows[ri];
    const m = this.run.model;
    const d = row
      ? hitTest(m, row, this.vp.t(Math.max(0, x)), this.vp, y, this.run.tNow())
      : undefined;
    renderTip(this.ui(), d, px, py);
    const full = ri < 0 ? -1 : shown.first + ri;
    if (full !== this.hoverRow) {
      this.hoverRow = full;
      this.schedule();
    }
  }
  select(x: number, y: number): void {
    const shown = this.shown();
    const ri = this.rowAt(y);
    const row = shown.rows[ri];
    const t = this.vp.t(x);
    const dot =
      row?.kind === 'lane'
        ? diagDotAt(this.run.model, row.proc, t, 6 * this.vp.usPerPx)
        : undefined;
    if (dot) return this.selectDiag(dot);
    this.pickedDiag = undefined;
    this.selected = row ? { row: shown.first + ri, t } : undefined;
    const m = this.run.model;
    const d = row ? hitTest(m, row, t, this.vp, y, this.run.tNow()) : undefined;
    this.sites.selected = d?.site;
    renderDetails(this.ui(), d, this.sites.link);
    this.navigation.setPlayhead(t);
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
    if (t < this.vp.t0 || t > this.vp.t1) this.navigation.setView(t - span / 2, t + span / 2);
    else if (this.vp.follow) this.navigation.setFollow(false);
    renderDetails(this.ui(), diagDetail(this.run.model, d));
    this.navigation.setPlayhead(t);
  }
  /** After a reload: the details of what was selected in `full` (laid out from the same log). */
  restore(sel: SelectedAt, full: Layout): void {
    const row = full.rows[sel.row];
    if (!row) return;
    this.selected = sel;
    const m = this.run.model;
    const d = hitTest(m, row, sel.t, this.vp, row.y + row.h / 2, this.run.tNow());
    this.sites.selected = d?.site;
    renderDetails(this.ui(), d, this.sites.link);
  }
}
