/** The view kept across a reload of the webview (VS Code's getState/setState), saved when it settles. */
import type { Bridge, ViewState } from './bridge';

/** A view still moving (a drag, a wheel) is saved once it has been still this long. */
const SAVE_DELAY_MS = 300;

export class SavedView {
  private timer = 0;
  constructor(private readonly bridge: Bridge) {}

  read(): ViewState {
    return this.bridge.getState();
  }
  save(state: () => ViewState): void {
    clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.bridge.setState(state()), SAVE_DELAY_MS);
  }
}
