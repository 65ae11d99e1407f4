/** Words of the "At the playhead" boxes of the primitives beyond Lock and Queue, in both languages. */
import { pickWord } from './uiLanguage';

/** Python's class names: the same in both languages (a learner types them as they are). */
const KIND_NAMES = {
  kindRLock: 'RLock',
  kindSemaphore: 'Semaphore',
  kindBoundedSemaphore: 'BoundedSemaphore',
  kindEvent: 'Event',
  kindCondition: 'Condition',
  kindBarrier: 'Barrier',
  kindPool: 'Pool',
  kindPipe: 'Pipe',
};

const EN = {
  ...KIND_NAMES,
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
  poolRunning: 'running',
  poolQueued: 'queued tasks',
  poolDone: 'tasks done',
  poolDoneOf: '{n} ({failed} raised)',
  poolState: 'state',
  poolClosed: 'closed',
  poolTerminated: 'terminated',
  poolOpen: 'running',
  inPipe: 'messages in it',
  writtenBy: 'written by',
  nobody: 'nobody yet',
};

const ZH: Record<keyof typeof EN, string> = {
  ...KIND_NAMES,
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
  poolRunning: '正在执行',
  poolQueued: '排队的任务',
  poolDone: '完成的任务',
  poolDoneOf: '{n}（{failed} 个抛出异常）',
  poolState: '状态',
  poolClosed: '已关闭',
  poolTerminated: '已终止',
  poolOpen: '运行中',
  inPipe: '管道中的消息',
  writtenBy: '最后写入',
  nobody: '还没有',
};

export type StateWord = keyof typeof EN;

export function stateWord(k: StateWord, vars?: Record<string, string | number>): string {
  return pickWord(EN[k], ZH[k], vars);
}
