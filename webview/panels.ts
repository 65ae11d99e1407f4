/** The DOM around the canvas: banner, state at the playhead, details, findings, narration, legend. */
import { isInformation } from '../src/model/findingWords';
import { LaneState } from '../src/model/timelineLanes';
import type { TimelineModel } from '../src/model/timeline';
import { boundedStateAt } from '../src/model/timelineState';
import { summarizeOutcome } from '../src/model/outcomeSummary';
import { el, clear } from './dom';
import { logText, procWord, tr, type Key } from './i18n';
import { fmtDur, timeScale } from './text';
import type { Detail } from './hit';
import type { Ui } from './ui';
import { PANEL_LIST_LIMIT } from './listLimit';
import { diagName } from './diagNames';
import type { DiagMark } from '../src/model/timelineFiles';
import { stepsUpTo } from './stepMode';
import { moreLine } from './stateBox';
import { stateBoxes } from './stateRows';

const L = logText;

/** The outcome banner text (also the run summary read by screen readers). */
export function bannerText(m: TimelineModel): { text: string; verdict: string } {
  if (!m.end) {
    // Until the first child runs lab code the plot is empty: say what is happening meanwhile.
    const starting = startingCount(m);
    const live =
      starting < 0
        ? `${tr('live')}…`
        : starting === 0
          ? tr('startingRun')
          : tr('startingProcs', { n: starting });
    return { text: m.run ? `${L(m.run.title)} — ${live}` : '', verdict: 'neutral' };
  }
  const o = summarizeOutcome([m.end.event], m.run?.title);
  return { text: o ? L(o.text) : m.end.status, verdict: o?.verdict ?? 'neutral' };
}

/** Processes still starting while none has begun its lab code yet; -1 once one has. */
function startingCount(m: TimelineModel): number {
  let starting = 0;
  for (const lane of m.lanes) {
    if (lane.info.proc === 0) continue;
    const n = lane.spanCount;
    if (n > 1 || (n === 1 && lane.state.values[0] !== LaneState.Starting)) return -1;
    starting++;
  }
  return starting;
}

export function renderHeader(ui: Ui, m: TimelineModel): void {
  ui.title.textContent = m.run ? L(m.run.title) : '';
  ui.status.textContent = m.run
    ? `${m.run.lab} · ${tr('seedIs', { seed: m.run.seed })} · ${m.run.speed}× (${tr('timeScale')}) · ${m.eventCount} ${tr('events')} · ${m.end ? tr('ended') : tr('live')}`
    : '';
  void timeScale;
  const b = bannerText(m);
  if (ui.banner.textContent !== b.text) ui.banner.textContent = b.text;
  ui.banner.dataset.verdict = b.verdict;
  ui.banner.hidden = !b.text;
}

export function renderNarration(
  ui: Ui,
  m: TimelineModel,
  onPick: (d: DiagMark) => void = () => {},
): void {
  clear(ui.narration);
  const text = L(m.end?.narration) || L(m.run?.narration);
  if (text) ui.narration.append(el('h2', {}, tr('narration')), el('p', {}, text));
  clear(ui.findings);
  const diags = m.diags.filter((d) => d.code !== 'limit');
  const problems = diags.filter((d) => !isInformation(d.code));
  const info = diags.filter((d) => isInformation(d.code));
  const notes = [...m.limits, ...(m.dropped ? [tr('dropped', { n: m.dropped })] : [])];
  if (problems.length || notes.length || m.errors.length) {
    ui.findings.append(el('h2', {}, tr('findings')));
    const ul = el('ul');
    // A process that died of an error comes first: it is usually why the others hang.
    for (const e of m.errors.slice(0, 5))
      ul.append(
        el(
          'li',
          { class: 'tl-finding' },
          `${procWord(m.procName(e.proc))}${tr('colon')}${e.message}`,
        ),
      );
    for (const d of problems) ul.append(findingItem(d, onPick));
    for (const n of notes) ul.append(el('li', { class: 'tl-finding' }, n));
    ui.findings.append(ul);
  }
  // Waiting for a lock is the lock working: it is shown, but not as something that went wrong.
  if (info.length) {
    ui.findings.append(el('h2', {}, tr('worthNoticing')));
    const ul = el('ul');
    for (const d of info) ul.append(findingItem(d, onPick));
    ui.findings.append(ul);
  }
}

/** A finding is a link to its moment, as in Perfetto and DevTools: playhead there, events selected. */
function findingItem(d: DiagMark, onPick: (d: DiagMark) => void): HTMLElement {
  const li = el('li', { class: `tl-finding tl-finding-${d.code}` });
  const go = el('button', {
    type: 'button',
    class: 'tl-finding-go',
    title: tr('findingHint'),
    'data-code': d.code,
  });
  go.append(el('strong', {}, `${diagName(d.code)} · ${fmtDur(Math.max(0, d.t))}`));
  go.addEventListener('click', () => onPick(d));
  li.append(go, document.createTextNode(`${tr('colon')}${L(d.message)}`));
  return li;
}

/** At t: every primitive's box (stateRows.ts), then the processes that wait or sleep, bounded. */
export function renderState(ui: Ui, m: TimelineModel, t: number): void {
  const s = boundedStateAt(m, t, PANEL_LIST_LIMIT);
  const root = el('div');
  root.append(el('div', { class: 'tl-state-time' }, `${tr('playhead')}${tr('colon')}${fmtDur(t)}`));
  if (m.steps.length) {
    const n = stepsUpTo(m.steps, t);
    root.append(el('div', { class: 'tl-state-step' }, tr('stepAt', { n, total: m.steps.length })));
  }
  const { boxes, omitted } = stateBoxes(m, t, PANEL_LIST_LIMIT);
  root.append(...boxes, ...moreLine(omitted));
  if (s.procs.length) {
    const ul = el('ul', { class: 'tl-state-procs' });
    for (const p of s.procs)
      ul.append(el('li', {}, `${procWord(p.name)}${tr('colon')}${tr(p.state as Key)}`));
    root.append(ul);
  }
  root.append(...moreLine(s.omitted.procs));
  clear(ui.state);
  ui.state.append(root);
}

/** `onReveal`: shows a site's line in the editor (in VS Code); without it the site stays text. */
export function renderDetails(
  ui: Ui,
  d: Detail | undefined,
  onReveal?: (site: number) => void,
): void {
  clear(ui.details);
  if (!d) return;
  ui.details.append(el('div', { class: 'tl-state-name' }, d.title));
  for (const line of d.lines) {
    if (onReveal && d.site !== undefined && line === d.siteLine) {
      const site = d.site;
      const link = el('button', { class: 'tl-site-link', title: tr('openLine') }, line);
      link.addEventListener('click', () => onReveal(site));
      ui.details.append(link);
    } else ui.details.append(el('div', {}, line));
  }
}

export function renderTip(ui: Ui, d: Detail | undefined, x: number, y: number): void {
  if (!d) {
    ui.tip.hidden = true;
    return;
  }
  renderDetailsInto(ui.tip, d);
  ui.tip.hidden = false;
  const w = ui.wrap.clientWidth;
  ui.tip.style.setProperty(
    'left',
    `${Math.min(x + 14, Math.max(0, w - ui.tip.offsetWidth - 4))}px`,
  );
  // Near the bottom the tip goes above the pointer, so it is neither cut off nor scrolls the canvas.
  const h = ui.tip.offsetHeight,
    top = ui.wrap.scrollTop,
    bottom = top + ui.wrap.clientHeight;
  const below = y + 14;
  const at = below + h <= bottom ? below : Math.max(top, y - h - 8);
  ui.tip.style.setProperty('top', `${at}px`);
}

function renderDetailsInto(e: HTMLElement, d: Detail): void {
  clear(e);
  e.append(el('strong', {}, d.title));
  for (const line of d.lines) e.append(el('div', {}, line));
}
