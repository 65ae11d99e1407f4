/**
 * The link to whoever hosts the app: VS Code (acquireVsCodeApi) or, standalone and in tests,
 * the window itself. Incoming messages are validated against the protocol before use;
 * outgoing actions come only from the allowlist.
 */
import { MODEL_OBJECT_KINDS } from '../src/model/timeline';
import {
  decodeToWebview,
  WEBVIEW_ACTIONS,
  type FromWebview,
  type WebviewAction,
  type WebviewMessage,
} from '../src/protocol/webview';

interface VsCodeApi {
  postMessage(m: unknown): void;
  getState(): unknown;
  setState(s: unknown): void;
}
declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

export interface ViewState {
  runId?: string;
  t0?: number;
  usPerPx?: number;
  follow?: boolean;
  playhead?: number;
  selection?: { row: number; t: number };
}

export class Bridge {
  readonly inVsCode: boolean;
  private api: VsCodeApi;

  constructor() {
    this.inVsCode = typeof acquireVsCodeApi === 'function';
    if (this.inVsCode) this.api = acquireVsCodeApi!();
    else {
      // Standalone / tests: outgoing messages are kept on the window for whoever drives the page.
      const w = window as unknown as { __timelineOutbox?: unknown[] };
      w.__timelineOutbox = [];
      let state: unknown;
      this.api = {
        postMessage: (m) => w.__timelineOutbox!.push(m),
        getState: () => state,
        setState: (s) => {
          state = s;
        },
      };
    }
  }

  post(m: FromWebview): void {
    this.api.postMessage(m);
  }
  action(a: WebviewAction, runId?: string): void {
    if ((WEBVIEW_ACTIONS as readonly string[]).includes(a))
      this.post({ type: 'action', action: a, runId });
  }
  getState(): ViewState {
    const s = this.api.getState();
    return s && typeof s === 'object' ? (s as ViewState) : {};
  }
  setState(s: ViewState): void {
    this.api.setState(s);
  }

  /** Listens for host messages; invalid ones are reported to the host and dropped. */
  listen(onMessage: (m: WebviewMessage) => void): void {
    window.addEventListener('message', (ev: MessageEvent) => this.receive(ev.data, onMessage));
  }
  /** Checks a message where it enters (every event of a `batch` is checked here, once) and hands it on. */
  receive(data: unknown, onMessage: (m: WebviewMessage) => void): void {
    // Only the kinds the model takes as objects become objects; the rest it reads from the columns.
    const c = decodeToWebview(data, MODEL_OBJECT_KINDS);
    if (!c.ok) {
      this.post({ type: 'log', level: 'error', message: `timeline: rejected message: ${c.error}` });
      return;
    }
    onMessage(c.msg);
  }
}
