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
  kindPool: 'Pool',
  poolRunning: 'running',
  poolQueued: 'queued tasks',
  poolDone: 'tasks done',
  poolDoneOf: '{n} ({failed} raised)',
  poolState: 'state',
  poolClosed: 'closed',
  poolTerminated: 'terminated',
  poolOpen: 'running',
  kindPipe: 'Pipe',
  inPipe: 'messages in it',
  writtenBy: 'written by',
  nobody: 'nobody yet',
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
  kindPool: 'Pool',
  poolRunning: '正在执行',
  poolQueued: '排队的任务',
  poolDone: '完成的任务',
  poolDoneOf: '{n}（{failed} 个抛出异常）',
  poolState: '状态',
  poolClosed: '已关闭',
  poolTerminated: '已终止',
  poolOpen: '运行中',
  kindPipe: 'Pipe',
  inPipe: '管道中的消息',
  writtenBy: '最后写入',
  nobody: '还没有',
};

export type StateWord = keyof typeof EN;

export function stateWord(k: StateWord, vars?: Record<string, string | number>): string {
  let s = getLang() === 'zh-CN' ? ZH[k] : EN[k];
  if (vars) for (const [n, v] of Object.entries(vars)) s = s.replace(`{${n}}`, String(v));
  return s;
}
