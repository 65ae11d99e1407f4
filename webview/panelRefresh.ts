/** How often the DOM panels are rewritten: at once for a change, at most every so often while streaming. */

/** While a run streams, the panels are rewritten at most this often (the canvas every frame). */
export const PANEL_REFRESH_MS = 150;
/** A refresh held back catches up this long after, even when no frame comes. */
export const PANEL_CATCH_UP_MS = 160;

export class PanelRefresh {
  private shownKey = '';
  private shownAt = 0;
  private catchUp = 0;

  /** `render(force)` rewrites the panels; `key` says what they show. */
  constructor(private readonly render: (force: boolean) => void) {}

  /** Rewrites the panels if what they show changed (or `force`), throttled while `streaming`. */
  request(key: string, force: boolean, streaming: boolean, again: () => void): void {
    const now = performance.now();
    if (!force && (key === this.shownKey || (streaming && now - this.shownAt < PANEL_REFRESH_MS))) {
      // They catch up on their own (a paced live frame may be a while away).
      if (key !== this.shownKey && !this.catchUp)
        this.catchUp = window.setTimeout(() => {
          this.catchUp = 0;
          again();
        }, PANEL_CATCH_UP_MS);
      return;
    }
    this.shownKey = key;
    this.shownAt = now;
    this.render(force);
  }
}
