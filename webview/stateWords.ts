/** Words of the "At the playhead" boxes of the primitives beyond Lock and Queue, in both languages. */
import { getLang } from './i18n';

const EN = {
  depth: 'depth',
  count: 'count',
  countOf: '{n} of {size} free',
  flag: 'flag',
  flagSet: 'set',
  flagClear: 'clear',
  generation: 'round',
  arrived: 'arrived',
  arrivedOf: '{n} of {parties}',
  broken: 'broken',
  kindRLock: 'RLock',
  kindSemaphore: 'Semaphore',
  kindBoundedSemaphore: 'BoundedSemaphore',
  kindEvent: 'Event',
  kindCondition: 'Condition',
  kindBarrier: 'Barrier',
};

const ZH: Record<keyof typeof EN, string> = {
  depth: '重入层数',
  count: '计数',
  countOf: '空闲 {n} / {size}',
  flag: '标志',
  flagSet: '已设置',
  flagClear: '未设置',
  generation: '轮次',
  arrived: '已到达',
  arrivedOf: '{n} / {parties}',
  broken: '已破损',
  kindRLock: 'RLock',
  kindSemaphore: 'Semaphore',
  kindBoundedSemaphore: 'BoundedSemaphore',
  kindEvent: 'Event',
  kindCondition: 'Condition',
  kindBarrier: 'Barrier',
};

export type StateWord = keyof typeof EN;

export function stateWord(k: StateWord, vars?: Record<string, string | number>): string {
  let s = getLang() === 'zh-CN' ? ZH[k] : EN[k];
  if (vars) for (const [n, v] of Object.entries(vars)) s = s.replace(`{${n}}`, String(v));
  return s;
}
