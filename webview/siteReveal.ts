/**
 * From the timeline to the code: a click on a call (or Enter on the selected one) asks the host
 * to show its line of lab code beside the timeline. The standalone page has no editor: there
 * the call site stays text in the details.
 */
import type { Bridge } from './bridge';

/** The run the view shows. */
interface ShownRun {
  readonly run: { readonly runId: string };
}

export class SiteReveal {
  /** The call site of what was last selected (Enter reveals it again). */
  selected: number | undefined;

  constructor(
    private readonly bridge: Bridge,
    private readonly view: ShownRun,
  ) {}

  /** Outside VS Code (the standalone page) there is no editor to show a line in. */
  private get standalone(): boolean {
    return !this.bridge.inVsCode;
  }

  /** Asks the host to show call site `site` of the run shown. */
  reveal(site: number): void {
    if (this.standalone) return;
    this.bridge.post({ type: 'revealSite', runId: this.view.run.runId, site });
  }

  /** Reveals the selected call's line; false when nothing with a site is selected. */
  revealSelected(): boolean {
    if (this.selected === undefined) return false;
    this.reveal(this.selected);
    return true;
  }

  /** What a link to a site in the details calls, or undefined where there is no editor. */
  get link(): ((site: number) => void) | undefined {
    return this.standalone ? undefined : (site) => this.reveal(site);
  }
}
