/**
 * The host side of the Explore panel's message channel, without vscode imports: posts wait until
 * the webview says `ready` (only the latest of each kind of state is kept meanwhile), messages are
 * checked against the protocol both ways, and a webview's log is bounded.
 */
import {
  checkFromExplorePanel,
  checkToExplorePanel,
  type FromExplorePanel,
  type ToExplorePanel,
} from '../protocol/explorePanel';
import { MAX_LOG_CHARS, type WebviewLike } from './webviewChannel';

export interface ExploreChannelHandlers {
  /** The webview (re)loaded: send it the whole state. */
  onReady(): void;
  onMessage(msg: Exclude<FromExplorePanel, { type: 'ready' | 'log' }>): void;
  onLog?(level: 'info' | 'error', message: string): void;
  onInvalid?(direction: 'in' | 'out', error: string): void;
}

export class ExploreChannel {
  private ready = false;
  private readonly subscription: { dispose(): unknown };

  constructor(
    private readonly webview: WebviewLike,
    private readonly handlers: ExploreChannelHandlers,
  ) {
    this.subscription = webview.onDidReceiveMessage((m) => this.receive(m));
  }

  /**
   * Posts now when the webview listens. Before that nothing is held: on `ready` the host sends
   * its whole state, so a histogram sent a hundred times while the panel was hidden costs nothing.
   */
  post(message: ToExplorePanel): boolean {
    const c = checkToExplorePanel(message);
    if (!c.ok) {
      this.handlers.onInvalid?.('out', c.error);
      return false;
    }
    if (this.ready) void this.webview.postMessage(message);
    return true;
  }

  /** The webview content is being replaced (or hidden): wait for `ready` again. */
  reset(): void {
    this.ready = false;
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private receive(raw: unknown): void {
    const c = checkFromExplorePanel(raw);
    if (!c.ok) {
      this.handlers.onInvalid?.('in', c.error);
      return;
    }
    const msg = raw as FromExplorePanel;
    if (msg.type === 'ready') {
      this.ready = true;
      this.handlers.onReady();
    } else if (msg.type === 'log') {
      this.handlers.onLog?.(msg.level, msg.message.slice(0, MAX_LOG_CHARS));
    } else this.handlers.onMessage(msg);
  }
}
