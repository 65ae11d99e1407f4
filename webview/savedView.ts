/** The view kept across a reload of the webview (VS Code's getState/setState), saved when it settles. */
import type { Bridge, ViewState } from './bridge';

/** A view still moving (a drag, a wheel) is saved once it has been still this long. */
const SAVE_DELAY_MS = 300;

export class SavedView {
  private timer = 0;
  constructor(private readonly bridge: Bridge) {}

  /**
   * The saved view, as it was, for a run being loaded; the run is recorded at once (a reload
   * restores the panel from it), not when the view next settles: a tab a new run took over must
   * come back with that run.
   */
  readFor(runId: string): ViewState {
    const saved = this.bridge.getState();
    if (saved.runId !== runId) this.bridge.setState({ runId });
    return saved;
  }
  save(state: () => ViewState): void {
    clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.bridge.setState(state()), SAVE_DELAY_MS);
  }
}
