/** One "At the playhead" box per primitive (the rows of stateRows.ts), from the model at t. */
import { formatValue } from '../src/protocol/preview';
import type { TimelineModel } from '../src/model/timeline';
import { lockStateAt, queueStateAt } from '../src/model/timelineState';
import { rlockStateAt, syncStateAt, type SyncState } from '../src/model/primitiveState';
import { el } from './dom';
import { objWord, procWord, tr } from './i18n';
import { PANEL_LIST_LIMIT } from './listLimit';
import { moreLine, names, stateBox } from './stateBox';
import { stateWord } from './stateWords';

/** A Lock: owner and waiters; an RLock also how many times its owner holds it. */
export function lockBox(m: TimelineModel, obj: number, t: number): HTMLElement | undefined {
  if (m.locks.get(obj)?.recursive) {
    const r = rlockStateAt(m, obj, t)!;
    return stateBox(r.name, stateWord('kindRLock'), [
      [tr('owner'), r.ownerName === null ? tr('free') : procWord(r.ownerName)],
      [stateWord('depth'), String(r.depth)],
      [tr('waiters'), names(r.waiterNames)],
    ]);
  }
  const l = lockStateAt(m, obj, t);
  if (!l) return undefined;
  return stateBox(l.name, undefined, [
    [tr('owner'), l.ownerName === null ? tr('free') : procWord(l.ownerName)],
    [tr('waiters'), names(l.waiterNames)],
  ]);
}

/** A queue: its items oldest first (bounded), who waits to put or get, unfinished tasks. */
export function queueBox(m: TimelineModel, obj: number, t: number): HTMLElement | undefined {
  const q = queueStateAt(m, obj, t, PANEL_LIST_LIMIT);
  if (!q) return undefined;
  const name = objWord(q.name);
  const box = stateBox(`${name} (${q.depth}${q.maxsize ? `/${q.maxsize}` : ''})`, undefined, []);
  const slots = el('ol', { class: 'tl-slots', 'aria-label': `${name} ${tr('items')}` });
  for (const v of q.contents)
    slots.append(
      el(
        'li',
        { class: v === null ? 'tl-slot tl-none' : 'tl-slot' },
        v === null ? 'None' : formatValue(v),
      ),
    );
  if (!q.contents.length) slots.append(el('li', { class: 'tl-slot tl-empty' }, tr('empty')));
  box.append(slots, ...moreLine(q.depth - q.contents.length));
  if (q.putters.length)
    box.append(el('div', {}, `${tr('blockedPut')}${tr('colon')}${names(q.putters)}`));
  if (q.getters.length)
    box.append(el('div', {}, `${tr('blockedGet')}${tr('colon')}${names(q.getters)}`));
  if (q.joinable) box.append(el('div', {}, `${tr('unfinished')}${tr('colon')}${q.unfinished}`));
  return box;
}

/** A shared file: its value at t. */
export function fileBox(m: TimelineModel, obj: number, t: number): HTMLElement | undefined {
  const f = m.files.get(obj);
  if (!f) return undefined;
  return el('div', { class: 'tl-state-item' }, `${f.name} = ${formatValue(f.valueAt(t))}`);
}

/** A box for a sync track, or nothing when `obj` is not one. */
function syncBox(
  m: TimelineModel,
  obj: number,
  t: number,
  lines: (s: SyncState) => HTMLElement,
): HTMLElement | undefined {
  const s = syncStateAt(m, obj, t);
  return s ? lines(s) : undefined;
}

export const semaphoreBox = (m: TimelineModel, obj: number, t: number) =>
  syncBox(m, obj, t, (s) =>
    stateBox(s.name, stateWord(s.bounded ? 'kindBoundedSemaphore' : 'kindSemaphore'), [
      [stateWord('count'), stateWord('countOf', { n: s.level, size: s.size })],
      [tr('waiters'), names(s.waiterNames)],
    ]),
  );

export const eventBox = (m: TimelineModel, obj: number, t: number) =>
  syncBox(m, obj, t, (s) =>
    stateBox(s.name, stateWord('kindEvent'), [
      [stateWord('flag'), stateWord(s.level > 0 ? 'flagSet' : 'flagClear')],
      [tr('waiters'), names(s.waiterNames)],
    ]),
  );

export const conditionBox = (m: TimelineModel, obj: number, t: number) =>
  syncBox(m, obj, t, (s) =>
    stateBox(s.name, stateWord('kindCondition'), [[tr('waiters'), names(s.waiterNames)]]),
  );

export const barrierBox = (m: TimelineModel, obj: number, t: number) =>
  syncBox(m, obj, t, (s) => {
    const box = stateBox(s.name, stateWord('kindBarrier'), [
      [stateWord('generation'), String(s.generation + 1)],
      [stateWord('arrived'), stateWord('arrivedOf', { n: s.level, parties: s.size })],
      [tr('waiters'), names(s.waiterNames)],
    ]);
    if (s.broken) box.append(el('div', { class: 'tl-state-broken' }, stateWord('broken')));
    return box;
  });
