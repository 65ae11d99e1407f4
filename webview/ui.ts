/** The page skeleton. The host provides only <body data-mode> (and optionally #app); the rest is built here. */
import { el } from './dom';
import { tr } from './i18n';

export interface Ui {
  root: HTMLElement;
  title: HTMLElement;
  banner: HTMLElement;
  status: HTMLElement;
  toolbar: HTMLElement;
  follow: HTMLButtonElement;
  play: HTMLButtonElement;
  speed: HTMLSelectElement;
  zoomIn: HTMLButtonElement;
  zoomOut: HTMLButtonElement;
  fit: HTMLButtonElement;
  hostActions: HTMLElement;
  /** Fork from here: a new step-mode run from the playhead's step (controlled runs only). */
  fork: HTMLButtonElement;
  time: HTMLElement;
  /** Step mode: the open decision's buttons (hidden when none is open). */
  stepBar: HTMLElement;
  /** Step mode: the same buttons on the lanes, over the canvas. */
  stepLanes: HTMLElement;
  wrap: HTMLElement;
  canvas: HTMLCanvasElement;
  /** Below the canvas (which sticks to the top of the scroll box): the rest of the rows' height. */
  scrollSpacer: HTMLElement;
  tip: HTMLElement;
  state: HTMLElement;
  details: HTMLElement;
  narration: HTMLElement;
  findings: HTMLElement;
  /** The run's print() output. */
  prints: HTMLElement;
  legend: HTMLElement;
  stats: HTMLDetailsElement;
  statsBody: HTMLElement;
  message: HTMLElement;
}

/** A toolbar button; its tooltip names the key that does the same (`aria-keyshortcuts` too). */
function button(cls: string, icon: string, label: string, key?: string): HTMLButtonElement {
  const b = el('button', {
    type: 'button',
    class: `tl-btn ${cls}`,
    'aria-label': label,
    title: key ? `${label} (${key})` : label,
  });
  if (key) b.setAttribute('aria-keyshortcuts', key);
  b.append(
    el('span', { class: `codicon codicon-${icon}`, 'aria-hidden': 'true' }),
    el('span', { class: 'tl-btn-text' }, label),
  );
  return b;
}

export function buildUi(): Ui {
  const host = document.getElementById('app') ?? document.body;
  const root = el('div', { class: 'tl-root' });
  const head = el('header', { class: 'tl-head' });
  const title = el('h1', { class: 'tl-title' });
  const banner = el('div', {
    class: 'tl-banner',
    role: 'status',
    'aria-live': 'polite',
    'aria-atomic': 'true',
    id: 'tl-banner',
  });
  const status = el('span', { class: 'tl-status' });
  head.append(title, status, banner);
  const toolbar = el('div', { class: 'tl-toolbar', role: 'toolbar', 'aria-label': tr('controls') });
  const follow = button('tl-follow', 'pin', tr('follow'), 'L');
  follow.setAttribute('aria-pressed', 'true');
  const play = button('tl-play', 'play', tr('play'), 'Space');
  const speed = el('select', { class: 'tl-speed', 'aria-label': tr('speed'), title: tr('speed') });
  for (const s of ['0.25', '0.5', '1', '2', '4', '8'])
    speed.append(el('option', { value: s }, `${s}×`));
  speed.value = '1';
  const zoomIn = button('tl-zoom-in', 'zoom-in', tr('zoomIn'), '+');
  const zoomOut = button('tl-zoom-out', 'zoom-out', tr('zoomOut'), '-');
  const fit = button('tl-fit', 'screen-full', tr('fit'), 'F');
  const hostActions = el('span', { class: 'tl-host-actions' });
  const fork = button('tl-fork', 'git-branch', tr('forkHere', { n: 0 }));
  fork.hidden = true;
  const time = el('span', { class: 'tl-time', 'aria-live': 'off' });
  toolbar.append(follow, play, speed, zoomIn, zoomOut, fit, hostActions, fork, time);
  const stepBar = el('div', {
    class: 'tl-stepbar',
    role: 'region',
    'aria-label': tr('stepChoices'),
  });
  stepBar.hidden = true;
  const stepLanes = el('div', { class: 'tl-step-lanes' });
  const main = el('div', { class: 'tl-main' });
  const wrap = el('div', { class: 'tl-canvas-wrap' });
  const canvas = el('canvas', {
    class: 'tl-canvas',
    tabindex: '0',
    role: 'img',
    'aria-label': tr('canvas'),
  });
  const tip = el('div', { class: 'tl-tip', role: 'tooltip', id: 'tl-tip' });
  tip.hidden = true;
  const scrollSpacer = el('div', { class: 'tl-scroll-spacer', 'aria-hidden': 'true' });
  wrap.append(canvas, scrollSpacer, stepLanes, tip);
  const side = el('aside', { class: 'tl-side', 'aria-label': tr('atPlayhead') });
  const state = el('div', { class: 'tl-state', id: 'tl-state' });
  const details = el('div', { class: 'tl-details', id: 'tl-details', 'aria-live': 'polite' });
  side.append(el('h2', {}, tr('atPlayhead')), state, el('h2', {}, tr('details')), details);
  main.append(wrap, side);
  const message = el('div', { class: 'tl-message', role: 'alert' });
  message.hidden = true;
  const narration = el('section', { class: 'tl-narration', 'aria-label': tr('narration') });
  const findings = el('section', { class: 'tl-findings', 'aria-label': tr('findings') });
  const prints = el('section', { class: 'tl-prints-box', 'aria-label': tr('prints') });
  const legend = el('div', { class: 'tl-legend', 'aria-label': tr('legend'), role: 'list' });
  const stats = el('details', { class: 'tl-stats' });
  const statsBody = el('div', { class: 'tl-stats-body' });
  stats.append(el('summary', {}, tr('stats')), statsBody);
  root.append(head, toolbar, message, legend, stepBar, main, findings, prints, narration, stats);
  host.append(root);
  return {
    root,
    title,
    banner,
    status,
    toolbar,
    follow,
    play,
    speed,
    zoomIn,
    zoomOut,
    fit,
    hostActions,
    fork,
    time,
    stepBar,
    stepLanes,
    wrap,
    canvas,
    scrollSpacer,
    tip,
    state,
    details,
    narration,
    findings,
    prints,
    legend,
    stats,
    statsBody,
    message,
  };
}
