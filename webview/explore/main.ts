/**
 * The Explore panel app (dist/explore.js): asks the lab's question, then shows the histograms the
 * host sends. Every host message is checked where it enters; the app asks the host only for the
 * few things of `FromExplorePanel` (a prediction, runs, a stop, an example run to open).
 */
import {
  checkToExplorePanel,
  type FromExplorePanel,
  type Histogram,
  type HistogramKind,
  type ToExplorePanel,
} from '../../src/protocol/explorePanel';
import { clear, el } from '../dom';
import { histogramView, type HistogramActions } from './histogramView';
import { predictView } from './predictView';
import { setLang, word } from './words';

interface VsCodeApi {
  postMessage(m: unknown): void;
}
declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

type Setup = Extract<ToExplorePanel, { type: 'setup' }>;

/** Outside VS Code (tests, a plain page) what the app sends is kept on the window. */
function hostLink(): VsCodeApi {
  if (typeof acquireVsCodeApi === 'function') return acquireVsCodeApi();
  const w = window as unknown as { __exploreOutbox: unknown[] };
  w.__exploreOutbox = [];
  return { postMessage: (m) => w.__exploreOutbox.push(m) };
}

const host = hostLink();
const send = (m: FromExplorePanel) => host.postMessage(m);
let setup: Setup | undefined;
const histograms: Partial<Record<HistogramKind, Histogram>> = {};
let drawPending = false;

const actions: HistogramActions = {
  run: (kind) => send({ type: 'run', kind }),
  cancel: (kind) => send({ type: 'cancel', kind }),
  openExample: (kind, bar) => send({ type: 'openExample', kind, bar }),
  openFailure: () => send({ type: 'openFailure' }),
};

function draw(): void {
  drawPending = false;
  const app = document.getElementById('app')!;
  clear(app);
  if (!setup) return;
  const s = setup;
  app.append(el('h1', {}, word('title', { lab: s.lab })));
  app.append(
    predictView(s.predict, s.prediction, (choice) => {
      // Shown at once; the host's setup confirms it.
      s.prediction = choice;
      send({ type: 'predict', choice });
      draw();
    }),
  );
  if (s.prediction === undefined) return;
  const both = histograms.explore && histograms.realtime;
  const row = el('div', { class: `xp-row${both ? ' xp-both' : ''}` });
  const context = {
    predict: s.predict,
    prediction: s.prediction,
    realtimeRuns: s.realtimeRuns,
    actions,
  };
  row.append(histogramView('explore', histograms.explore, context));
  row.append(histogramView('realtime', histograms.realtime, context));
  app.append(row);
  const explored = histograms.explore;
  const real = histograms.realtime;
  if (
    explored?.phase === 'done' &&
    real?.phase === 'done' &&
    explored.bars.some((b) => b.failed) &&
    real.runs > 0 &&
    !real.bars.some((b) => b.failed)
  )
    app.append(el('p', { class: 'xp-lesson' }, word('realtimeMissed')));
}

function redraw(): void {
  if (drawPending) return;
  drawPending = true;
  requestAnimationFrame(draw);
}

window.addEventListener('message', (ev: MessageEvent) => {
  const check = checkToExplorePanel(ev.data);
  if (!check.ok) {
    send({ type: 'log', level: 'error', message: `explore: rejected message: ${check.error}` });
    return;
  }
  const msg = ev.data as ToExplorePanel;
  if (msg.type === 'setup') {
    setup = msg;
    setLang(msg.lang);
  } else histograms[msg.histogram.kind] = msg.histogram;
  redraw();
});

send({ type: 'ready' });
