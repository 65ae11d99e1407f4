/**
 * The DOM beside and below the canvas, kept up to date with the run and the playhead: header,
 * state at the playhead, narration and findings, the playhead's time and the statistics table.
 */
import { computeStats } from '../src/model/stats';
import type { Ui } from './ui';
import type { RunState } from './runState';
import type { Viewport } from './viewport';
import { renderHeader, renderNarration, renderState } from './panels';
import { renderStats } from './statsTable';
import { PanelRefresh } from './panelRefresh';
import { STATS_MAX_EVENTS } from './statsEvents';
import { fmtDur } from './text';
import { tr } from './i18n';
import { renderPrints } from './printList';
import { renderLegend } from './legend';
import type { DiagMark } from '../src/model/timelineFiles';

export class SidePanels {
  private readonly refresh = new PanelRefresh((force) => this.render(force));
  /** The model version the statistics table shows (-1: none yet). */
  private statsFor = -1;
  /** The model and print count the print list shows. */
  private printsFor: { model: unknown; n: number } = { model: undefined, n: -1 };

  constructor(
    private readonly ui: () => Ui,
    private readonly run: RunState,
    private readonly vp: Viewport,
    private readonly onPickFinding: (d: DiagMark) => void,
    private readonly onPickTime: (t: number) => void,
  ) {}

  /** Brings the panels up to date: at once when `force`, else throttled while the run streams. */
  update(force: boolean): void {
    const key = `${this.run.model.version}|${this.vp.playhead}|${this.run.ended}`;
    this.refresh.request(key, force, !this.run.ended, () => this.update(false));
  }

  private render(force: boolean): void {
    const ui = this.ui(),
      m = this.run.model;
    renderHeader(ui, m);
    renderLegend(ui, m);
    // Before any run there is no playhead to speak of (the compact view's empty state).
    const shown = this.run.runId !== '';
    if (shown) renderState(ui, m, this.vp.playhead);
    else ui.state.replaceChildren();
    if (force || this.run.ended) renderNarration(ui, m, this.onPickFinding);
    if (this.printsFor.model !== m || this.printsFor.n !== m.logs.length) {
      this.printsFor = { model: m, n: m.logs.length };
      renderPrints(ui.prints, m, this.onPickTime);
    }
    ui.time.textContent = shown ? `${tr('playhead')} ${fmtDur(this.vp.playhead)}` : '';
    ui.play.disabled = !this.run.ended;
    this.renderStatsIfOpen();
  }

  /** The statistics table is computed only while it is open, once per model version. */
  renderStatsIfOpen(): void {
    const ui = this.ui(),
      m = this.run.model;
    if (!ui.stats.open || this.statsFor === m.version) return;
    this.statsFor = m.version;
    const events = this.run.statsEvents();
    if (!events) ui.statsBody.textContent = tr('statsTooBig', { n: STATS_MAX_EVENTS });
    else renderStats(ui.statsBody, computeStats(events));
  }
}
