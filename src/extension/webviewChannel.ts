/**
 * The host side of one webview's message channel, without vscode imports: posts wait until
 * the webview says `ready`, outgoing messages are checked against the protocol, incoming ones
 * are validated and only allowlisted actions get through.
 */
import {
  checkFromWebview,
  checkToWebview,
  type FromWebview,
  type ToWebview,
  type WebviewAction,
} from '../protocol/webview';

/** The part of vscode.Webview the channel needs (a fake in unit tests, the real one in VS Code). */
export interface WebviewLike {
  postMessage(message: unknown): Thenable<boolean> | Promise<boolean>;
  onDidReceiveMessage(listener: (message: unknown) => void): { dispose(): unknown };
}

export interface ChannelHandlers {
  /** The webview reloaded (or first loaded with nothing held): send it the whole state. */
  onReady(): void;
  /**
   * The run this webview shows, the only one its actions may act on (a webview's message could
   * name any run id).
   */
  runShown(): string | undefined;
  /** An allowlisted action, for the run shown (the runId it named matched, or it named none). */
  onAction(action: WebviewAction, runId: string | undefined): void;
  /** Show the line of call site `site` of the run shown (its id in that run's log). */
  onRevealSite?(site: number): void;
  /** Step mode: an answer, or fork from here, for the run shown (as `onAction`). */
  onStep?(msg: Extract<FromWebview, { type: 'step' | 'fork' }>, runId: string): void;
  onLog?(level: 'info' | 'error', message: string): void;
  /** A message that failed validation, in either direction. */
  onInvalid?(direction: 'in' | 'out', error: string): void;
}

/**
 * Most posts held for a webview that has not said `ready` yet (one that stays hidden through a long
 * run must not grow without bound). Past it they are dropped, and on `ready` the host sends its
 * whole state instead, as after a reload.
 */
export const MAX_HELD_POSTS = 256;

/** Longest webview log message passed on (longer ones are cut, saying how much was cut). */
export const MAX_LOG_CHARS = 2000;
/** Log messages passed on per webview; past it one notice says the rest were dropped. */
export const MAX_LOGS = 100;

export class WebviewChannel {
  private ready = false;
  private everReady = false;
  private held: ToWebview[] = [];
  /** Posts were dropped while waiting for `ready`: what is held no longer tells the whole story. */
  private overflowed = false;
  private logs = 0;
  private readonly subscription: { dispose(): unknown };

  constructor(
    private readonly webview: WebviewLike,
    private readonly handlers: ChannelHandlers,
  ) {
    this.subscription = webview.onDidReceiveMessage((m) => this.receive(m));
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** Posts now if the webview is ready, else holds the message until it is. */
  post(message: ToWebview): boolean {
    const c = checkToWebview(message);
    if (!c.ok) {
      this.handlers.onInvalid?.('out', c.error);
      return false;
    }
    if (this.ready) void this.webview.postMessage(message);
    else if (this.overflowed) return true;
    else if (this.held.length < MAX_HELD_POSTS) this.held.push(message);
    else {
      this.overflowed = true;
      this.held = [];
    }
    return true;
  }

  /** The webview content is being replaced: hold posts until it is ready again. */
  reset(): void {
    this.ready = this.everReady = this.overflowed = false;
    this.held = [];
  }

  dispose(): void {
    this.subscription.dispose();
    this.held = [];
  }

  private receive(raw: unknown): void {
    const c = checkFromWebview(raw);
    if (!c.ok) {
      this.handlers.onInvalid?.('in', c.error);
      return;
    }
    const msg = raw as FromWebview;
    switch (msg.type) {
      case 'ready': {
        const replay = !this.everReady && !this.overflowed;
        this.everReady = this.ready = true;
        this.overflowed = false;
        const held = this.held;
        this.held = [];
        // First load: deliver what was posted meanwhile, in order. A reload (a hidden panel
        // shown again), or a first load after posts were dropped, starts from scratch: the host
        // sends its whole state again.
        if (replay && held.length) for (const m of held) void this.webview.postMessage(m);
        else this.handlers.onReady();
        break;
      }
      case 'action': {
        const shown = this.shownRun(msg.runId, `action ${msg.action}`);
        if (shown !== null) this.handlers.onAction(msg.action, shown);
        break;
      }
      case 'step':
      case 'fork': {
        const shown = this.shownRun(msg.runId, msg.type);
        if (shown) this.handlers.onStep?.(msg, shown);
        break;
      }
      case 'revealSite':
        if (this.shownRun(msg.runId, `site ${msg.site}`) !== null)
          this.handlers.onRevealSite?.(msg.site);
        break;
      case 'log':
        this.log(msg.level, msg.message);
        break;
    }
  }

  /** The run shown, when a message naming `runId` may act on it; null (and reported) when not. */
  private shownRun(runId: string | undefined, what: string): string | undefined | null {
    const shown = this.handlers.runShown();
    if (runId === undefined || runId === shown) return shown;
    this.handlers.onInvalid?.(
      'in',
      `${what} for run ${JSON.stringify(runId.slice(0, 100))} refused: this view shows ${shown === undefined ? 'no run' : `run ${JSON.stringify(shown)}`}`,
    );
    return null;
  }

  /** A webview's log line, bounded in size and in number: the webview is not trusted to be brief. */
  private log(level: 'info' | 'error', message: string): void {
    if (!this.handlers.onLog || this.logs > MAX_LOGS) return;
    if (++this.logs > MAX_LOGS) {
      this.handlers.onLog('info', `more than ${MAX_LOGS} log messages: the rest are dropped`);
      return;
    }
    const cut = message.length - MAX_LOG_CHARS;
    this.handlers.onLog(
      level,
      cut > 0 ? `${message.slice(0, MAX_LOG_CHARS)}… (${cut} more characters cut)` : message,
    );
  }
}
