/**
 * One histogram of outcomes: a bar per outcome with its count, failing ones in the error colour,
 * the learner's prediction marked; under it how the runs stand, a found failure with its
 * preemptions, and the prediction compared with what happened. Built from scratch on each update
 * (a few dozen elements); every text goes in as text.
 */
import type {
  Histogram,
  HistogramKind,
  LabPredict,
  OutcomeBar,
} from '../../src/protocol/explorePanel';
import {
  barOrder,
  choiceNames,
  exactOutcomes,
  outcomeLabel,
  preemptionWords,
} from '../../src/model/exploreOutcomes';
import type { UiLang } from '../../src/protocol/webview';
import { el } from '../dom';
import { verdictLines } from './verdict';
import { getLang, word } from './words';

export interface HistogramActions {
  run(kind: HistogramKind): void;
  cancel(kind: HistogramKind): void;
  openExample(kind: HistogramKind, bar: number): void;
  openFailure(): void;
}

export interface HistogramContext {
  predict: LabPredict;
  prediction: number | null | undefined;
  /** Runs the realtime histogram makes. */
  realtimeRuns: number;
  actions: HistogramActions;
}

export function histogramView(kind: HistogramKind, h: Histogram | undefined, c: HistogramContext) {
  const box = el('section', { class: 'xp-histogram', 'data-kind': kind });
  box.append(el('h2', {}, word(kind)));
  if (!h) {
    box.append(el('p', { class: 'xp-muted' }, word('waiting')));
    box.append(actionsView(kind, undefined, c));
    return box;
  }
  box.dataset.phase = h.phase;
  box.append(el('p', { class: 'xp-muted xp-how' }, howText(h)));
  box.append(el('p', { class: 'xp-status', role: 'status' }, statusText(h)));
  if (h.error) box.append(el('p', { class: 'xp-error' }, word('error', { message: h.error })));
  box.append(barsView(kind, h, c));
  if (h.bars.length) box.append(keyView(h, c));
  if (h.failure) box.append(failureView(h, c));
  else if (h.phase === 'done' && h.runs > 0 && !h.bars.some((b) => b.failed))
    box.append(el('p', { class: 'xp-good' }, word('noFailure')));
  if (h.phase === 'done') {
    const lines = verdictLines(h, c.predict, c.prediction);
    if (lines.length) {
      const verdict = el('div', { class: 'xp-verdict' });
      for (const line of lines) verdict.append(el('p', {}, line));
      box.append(verdict);
    }
  }
  box.append(actionsView(kind, h, c));
  return box;
}

function howText(h: Histogram): string {
  if (h.kind === 'realtime') return word('realtimeHow', { total: h.total });
  return word('exploreHow', { strategy: h.strategy, total: h.total });
}

function statusText(h: Histogram): string {
  if (h.phase === 'shrinking') return word('shrinking');
  if (h.phase === 'running') return word('progress', { runs: h.runs, total: h.total });
  if (h.stopped) return word('stopped', { runs: h.runs });
  if (h.exhausted)
    return `${word('done', { runs: h.runs })} · ${word('exhausted', { bound: h.bound ?? 0 })}`;
  return word('done', { runs: h.runs });
}

function barsView(kind: HistogramKind, h: Histogram, c: HistogramContext): HTMLElement {
  const list = el('div', { class: 'xp-bars', role: 'list' });
  const most = Math.max(1, ...h.bars.map((b) => b.count));
  const choice = typeof c.prediction === 'number' ? c.predict.choices[c.prediction] : undefined;
  const lang = getLang();
  for (const i of barOrder(h.bars)) {
    const bar = h.bars[i];
    const predicted =
      choice !== undefined && choice.match !== undefined && choiceNames(choice, bar);
    const row = el('button', {
      class: 'xp-bar',
      role: 'listitem',
      'data-bar': String(i),
      'data-count': String(bar.count),
      title: bar.example ? word('openExample') : '',
    });
    if (bar.failed) row.dataset.failed = 'true';
    if (predicted) row.dataset.predicted = 'true';
    row.disabled = !bar.example;
    const words = outcomeLabel(bar.outcome, bar.summary)[lang];
    // A long label is cut with an ellipsis: its hover says it whole, and the exact outcomes the
    // bar's class holds, each with its runs.
    const title = [words, ...exactLines(bar, lang)].join('\n');
    const label = el('span', { class: 'xp-label', title }, words);
    const track = el('span', { class: 'xp-track' });
    const fill = el('span', { class: 'xp-fill' });
    fill.style.width = `${(bar.count / most) * 100}%`;
    track.append(fill);
    // A glyph, not colour alone, says which bars fail and which one was predicted.
    const glyph = el('span', { class: 'xp-glyph', 'aria-hidden': 'true' }, bar.failed ? '✗' : '✓');
    const notes = [bar.failed ? word('failing') : '', predicted ? word('predicted') : '']
      .filter(Boolean)
      .join(' · ');
    row.setAttribute(
      'aria-label',
      `${label.textContent}${word('colon')}${bar.count}${notes ? ` (${notes})` : ''}`,
    );
    row.append(glyph, label, track, el('span', { class: 'xp-count' }, String(bar.count)));
    if (predicted) row.append(el('span', { class: 'xp-star', title: word('predicted') }, '★'));
    row.addEventListener('click', () => c.actions.openExample(kind, i));
    list.append(row);
  }
  return list;
}

/** "1 ticket, 4 sold, 2 crashed on a torn read — oversold: 3 runs", when the bar folds any. */
function exactLines(bar: OutcomeBar, lang: UiLang): string[] {
  const exact = exactOutcomes(bar.exact);
  const same = JSON.stringify(bar.outcome);
  if (exact.every((x) => JSON.stringify(x.outcome) === same)) return [];
  return exact.map((x) => {
    const runs = x.count === 1 ? word('oneRun') : word('runsCount', { n: x.count });
    return `  ${outcomeLabel(x.outcome)[lang]}${word('colon')}${runs}`;
  });
}

function failureView(h: Histogram, c: HistogramContext): HTMLElement {
  const f = h.failure!;
  const lang = getLang();
  const box = el('div', { class: 'xp-failure' });
  box.append(el('p', { class: 'xp-error' }, word('failure', { message: f.message[lang] })));
  if (h.phase === 'done') {
    const n = f.preemptions.length;
    box.append(
      el(
        'p',
        {},
        n ? word('shrunk', { n, steps: f.steps }) : word('shrunkNone', { steps: f.steps }),
      ),
    );
    if (n) {
      const list = el('ul', { class: 'xp-preemptions' });
      for (const p of f.preemptions) list.append(el('li', {}, preemptionWords(p, lang)));
      box.append(list);
    }
  }
  if (f.file) {
    const open = el('button', { class: 'xp-open-failure' }, word('openFailure'));
    open.addEventListener('click', () => c.actions.openFailure());
    box.append(open);
  }
  return box;
}

function actionsView(
  kind: HistogramKind,
  h: Histogram | undefined,
  c: HistogramContext,
): HTMLElement {
  const row = el('div', { class: 'xp-actions' });
  const going = h !== undefined && h.phase !== 'done';
  if (going) {
    const stop = el('button', { class: 'xp-stop secondary' }, word('stop'));
    stop.addEventListener('click', () => c.actions.cancel(kind));
    row.append(stop);
    return row;
  }
  if (c.prediction === undefined) return row;
  const n = c.realtimeRuns;
  const text =
    kind === 'explore'
      ? word('exploreAgain')
      : h
        ? word('runAgain', { n })
        : word('runNTimes', { n });
  const again = el('button', { class: `xp-run${h ? ' secondary' : ''}`, 'data-kind': kind }, text);
  again.addEventListener('click', () => c.actions.run(kind));
  row.append(again);
  return row;
}

/** What the glyphs mean: ✗ fails the check, ★ your prediction (only those this histogram shows). */
function keyView(h: Histogram, c: HistogramContext): HTMLElement {
  const choice = typeof c.prediction === 'number' ? c.predict.choices[c.prediction] : undefined;
  const parts = [];
  if (h.bars.some((b) => b.failed)) parts.push(`✗ ${word('failing')}`);
  if (h.bars.some((b) => !b.failed)) parts.push(`✓ ${word('passing')}`);
  if (choice?.match !== undefined && h.bars.some((b) => choiceNames(choice, b)))
    parts.push(`★ ${word('predicted')}`);
  return el('p', { class: 'xp-key xp-muted' }, parts.join(' · '));
}
