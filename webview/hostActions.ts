/** Buttons that ask the host for an allowlisted action (only inside VS Code). */
import type { WebviewAction } from '../src/protocol/webview';
import { clear } from './dom';
import { tr, type Key } from './i18n';
import type { ViewController } from './viewController';

const ACTIONS: [WebviewAction, Key, string][] = [
  ['stop', 'stop', 'debug-stop'],
  ['rerun', 'rerun', 'debug-restart'],
  ['saveRecording', 'save', 'save'],
  ['exportTrace', 'export', 'export'],
  ['openLabSource', 'openSource', 'go-to-file'],
];

export function renderHostActions(app: ViewController): void {
  const host = app.elements.hostActions;
  clear(host);
  if (!app.bridge.inVsCode || !app.run.runId) return;
  const list: typeof ACTIONS =
    app.mode === 'compact'
      ? [
          ['openTimeline', 'openTimeline', 'graph'],
          ['stop', 'stop', 'debug-stop'],
        ]
      : ACTIONS;
  for (const [action, key, icon] of list) {
    if (action === 'stop' && app.run.ended) continue;
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'tl-btn';
    b.setAttribute('aria-label', tr(key));
    b.title = tr(key);
    const i = document.createElement('span');
    i.className = `codicon codicon-${icon}`;
    i.setAttribute('aria-hidden', 'true');
    const s = document.createElement('span');
    s.className = 'tl-btn-text';
    s.textContent = tr(key);
    b.append(i, s);
    b.addEventListener('click', () => app.bridge.action(action, app.run.runId));
    host.append(b);
  }
}
