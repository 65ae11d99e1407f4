/**
 * The Compare Runs panel app (dist/compare.js): two runs stacked on one time axis with their first
 * difference marked. The runs come from the host (checked where they enter) or, on a standalone
 * page, from <script type="application/json" id="cmp-data">.
 */
import { checkToComparePanel, type FromComparePanel } from '../../src/protocol/comparePanel';
import { el } from '../dom';
import { CompareView } from './compareView';
import { setLang, word } from './words';

interface VsCodeApi {
  postMessage(m: unknown): void;
}
declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

const host: VsCodeApi =
  typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : { postMessage: () => undefined };
let shown = false;

function show(data: unknown): void {
  const app = document.getElementById('app') ?? document.body;
  const lang = document.body.dataset.lang === 'zh-CN' ? 'zh-CN' : 'en';
  setLang(lang);
  const c = checkToComparePanel(data);
  if (!c.ok) {
    app.append(
      el('div', { class: 'tl-message', role: 'alert' }, word('rejected', { error: c.error })),
    );
    return;
  }
  if (shown) return;
  shown = true;
  setLang(c.msg.lang);
  new CompareView(app, c.msg);
}

function boot(): void {
  window.addEventListener('message', (ev: MessageEvent) => show(ev.data));
  const data = document.getElementById('cmp-data');
  if (data?.getAttribute('type') === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.textContent ?? '');
    } catch {
      parsed = undefined;
    }
    show(parsed);
  }
  host.postMessage({ type: 'ready' } satisfies FromComparePanel);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
else boot();
