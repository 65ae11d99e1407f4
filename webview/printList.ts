/** The run's print() output as a list in the panel, capped like the other lists (text, never HTML). */
import type { TimelineModel } from '../src/model/timeline';
import { el, clear } from './dom';
import { procWord, tr } from './i18n';
import { fmtDur } from './text';

/** The list shows the first lines; a run may print thousands (the model keeps up to 5000). */
export const PRINT_LIST_LIMIT = 200;

export function renderPrints(
  box: HTMLElement,
  m: TimelineModel,
  onPick: (t: number) => void,
): void {
  clear(box);
  if (!m.logs.length) return;
  box.append(el('h2', {}, tr('prints')));
  const ol = el('ol', { class: 'tl-prints' });
  for (const line of m.logs.slice(0, PRINT_LIST_LIMIT)) {
    const li = el('li', { class: 'tl-print' });
    const at = el('button', { type: 'button', class: 'tl-print-at', title: tr('findingHint') });
    at.textContent = `${fmtDur(line.t)} · ${procWord(m.procName(line.proc))}`;
    at.addEventListener('click', () => onPick(line.t));
    li.append(at, document.createTextNode(` ${line.text}`));
    ol.append(li);
  }
  box.append(ol);
  if (m.logs.length > PRINT_LIST_LIMIT)
    box.append(
      el('div', { class: 'tl-state-more' }, tr('more', { n: m.logs.length - PRINT_LIST_LIMIT })),
    );
}
