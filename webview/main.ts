/**
 * Entry of the timeline app (dist/webview.js). The host page provides <body data-mode="panel|compact|standalone">
 * (optionally data-lang and a #app element); the app builds its own DOM, says `ready`, and then
 * draws whatever `load` / `events` / `ended` messages it receives. A standalone page embeds its log
 * in <script type="application/json" id="tl-data"> and feeds it through the same validated path.
 */
import { App } from './app';
import { Bridge } from './bridge';
import { installHook } from './hook';

function boot(): void {
  const bridge = new Bridge();
  const app = new App(bridge);
  installHook(app);
  bridge.listen((m) => app.onMessage(m));
  const data = document.getElementById('tl-data');
  if (data && data.getAttribute('type') === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.textContent ?? '');
    } catch {
      parsed = undefined;
    }
    bridge.receive(parsed, (m) => app.onMessage(m));
  }
  bridge.post({ type: 'ready' });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
else boot();
