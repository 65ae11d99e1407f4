/** The pieces every "At the playhead" box is made of: a name, lines of "label: value", waiters. */
import { el } from './dom';
import { objWord, procWord, tr } from './i18n';
import { PANEL_LIST_LIMIT } from './listLimit';

/** The first PANEL_LIST_LIMIT names, in order, and how many more there are. */
export function names(list: readonly string[]): string {
  if (!list.length) return tr('none');
  const shown = list.slice(0, PANEL_LIST_LIMIT).map(procWord).join(' → ');
  return list.length > PANEL_LIST_LIMIT
    ? `${shown} ${tr('more', { n: list.length - PANEL_LIST_LIMIT })}`
    : shown;
}

export function moreLine(n: number): HTMLElement[] {
  return n > 0 ? [el('div', { class: 'tl-state-more' }, tr('more', { n }))] : [];
}

/** A box titled `name` (with what it is, e.g. "RLock", in a quieter style) and one line per pair. */
/** A box titled with an object's `name` as the log has it (said in this UI's language). */
export function stateBox(
  name: string,
  what: string | undefined,
  lines: readonly (readonly [label: string, value: string])[],
): HTMLElement {
  const box = el('div', { class: 'tl-state-item' });
  const title = el('div', { class: 'tl-state-name' }, objWord(name));
  if (what) title.append(' ', el('span', { class: 'tl-state-kind' }, what));
  box.append(title);
  for (const [label, value] of lines) box.append(el('div', {}, `${label}${tr('colon')}${value}`));
  return box;
}
