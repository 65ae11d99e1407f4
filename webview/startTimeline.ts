/**
 * Starts the timeline app. The host page provides <body data-mode="panel|compact|standalone">
 * (optionally data-lang and a #app element); the app builds its own DOM, says `ready`, and then
 * draws whatever `load` / `batch` / `ended` / `error` / `empty` messages it receives. A standalone
 * page embeds its `load` in <script type="application/json" id="tl-data"> and feeds it through
 * the same validated path. Entries: main.ts (dist/webview.js) and testEntry.ts (dist/webview-test.js, adds the test hook).
 */
import { ViewController } from './viewController';
import { Bridge } from './bridge';

export function startTimeline(withView?: (view: ViewController) => void): void {
  const boot = () => {
    const bridge = new Bridge();
    const view = new ViewController(bridge);
    withView?.(view);
    bridge.listen((m) => view.onMessage(m));
    const data = document.getElementById('tl-data');
    if (data && data.getAttribute('type') === 'application/json') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(data.textContent ?? '');
      } catch {
        parsed = undefined;
      }
      bridge.receive(parsed, (m) => view.onMessage(m));
    }
    bridge.post({ type: 'ready' });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
  else boot();
}
