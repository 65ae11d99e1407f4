/**
 * The legend: only the states, marks and glyphs this run uses, each in words (a lab with no
 * queue has no "blocked on get" to explain).
 */
import { STATE_NAMES } from '../src/model/timelineLanes';
import type { TimelineModel } from '../src/model/timeline';
import { el, clear } from './dom';
import { tr, type Key } from './i18n';
import { raceWindows } from './raceWindows';
import { preemptions } from './preemptions';
import { ON_LANES } from './diagNames';
import type { Ui } from './ui';

/** One legend entry: a swatch class (or a glyph to show instead) and its words. */
interface Entry {
  cls: string;
  key: Key;
  glyph?: string;
}

/** The entries for `m`, in a fixed order. */
export function legendEntries(m: TimelineModel): Entry[] {
  const out: Entry[] = [];
  STATE_NAMES.forEach((name, s) => {
    if (name !== 'exited' && m.lanes.some((lane) => lane.spansIn[s] > 0))
      out.push({ cls: name, key: name as Key });
  });
  const locks = [...m.locks.values()];
  if (locks.some((l) => l.holdStart.count)) out.push({ cls: 'hold', key: 'hold' });
  const queues = [...m.queues.values()];
  if (queues.some((q) => q.putT.count)) out.push({ cls: 'item', key: 'items' });
  if (queues.some((q) => q.nonePuts > 0)) out.push({ cls: 'none', key: 'sentinel' });
  // Its words begin with the mark as the track draws it ("⟳ n"): no glyph before them.
  if (queues.some((q) => q.joinable)) out.push({ cls: 'glyph', key: 'unfinishedMark', glyph: '' });
  if (m.files.size) {
    out.push({ cls: 'read', key: 'readMark', glyph: '▼' });
    out.push({ cls: 'write', key: 'writeMark', glyph: '▲' });
  }
  if ([...raceWindows(m).values()].some((w) => w.length))
    out.push({ cls: 'race', key: 'raceWindow' });
  if (m.diags.some((d) => ON_LANES.has(d.code))) out.push({ cls: 'bad', key: 'lostUpdate' });
  if (preemptions(m).length) out.push({ cls: 'preempt', key: 'preemptMark', glyph: '◆' });
  if (m.logs.length) out.push({ cls: 'print', key: 'printMark', glyph: '⚑' });
  if (m.lanes.some((l) => l.info.daemon)) out.push({ cls: 'glyph', key: 'daemonMark', glyph: '' });
  return out;
}

let shownFor = '';
/** Renders the legend when what it lists changed (cheap to call every panel refresh). */
export function renderLegend(ui: Ui, m: TimelineModel, force = false): void {
  const entries = legendEntries(m);
  const key = entries.map((e) => e.key).join(',');
  if (!force && key === shownFor && ui.legend.childElementCount) return;
  shownFor = key;
  clear(ui.legend);
  for (const e of entries) {
    const item = el('span', { class: 'tl-legend-item', role: 'listitem', 'data-key': e.key });
    if (e.glyph !== undefined) {
      if (e.glyph)
        item.append(
          el('span', { class: `tl-glyph tl-gl-${e.cls}`, 'aria-hidden': 'true' }, e.glyph),
        );
    } else item.append(el('span', { class: `tl-swatch tl-sw-${e.cls}`, 'aria-hidden': 'true' }));
    item.append(document.createTextNode(tr(e.key)));
    ui.legend.append(item);
  }
}
