/** The end-of-run report's line for each Semaphore, Event, Condition, Barrier, Pipe and Value (from src/model/syncStats.ts). */
import type { SyncStats } from '../model/stats';
import type { DurationSummary } from '../model/durationSummary';
import { chineseKindAndName, isDefaultObjectName, objectNameIn } from '../model/objectNames';
import type { Lang } from './args';

const WORDS = {
  semaphore: { en: 'semaphore', zh: '信号量' },
  bounded: { en: 'bounded semaphore', zh: '有界信号量' },
  event: { en: 'event', zh: '事件' },
  condition: { en: 'condition', zh: '条件变量' },
  barrier: { en: 'barrier', zh: '屏障' },
  pipe: { en: 'pipe', zh: '管道' },
  value: { en: 'value', zh: '共享值' },
} as const;

/** One line per primitive; `sum` formats a wait summary. */
export function syncStatsLines(
  syncs: readonly SyncStats[],
  lang: Lang,
  sum: (x: DurationSummary) => string,
): string[] {
  const zh = lang === 'zh-CN';
  return syncs.map((x) => {
    const w = WORDS[x.kind];
    // A default name says its kind already ("Semaphore 1", 信号量 1 in Chinese).
    const named = isDefaultObjectName(x.name)
      ? objectNameIn(x.name, lang)
      : x.name.toLowerCase().startsWith(w.en.split(' ').pop()!)
        ? x.name
        : zh
          ? chineseKindAndName(w.zh, x.name)
          : `${w.en} ${x.name}`;
    if (zh) return `  ${named}：${zhUses(x)}；等待 最小/平均/p95/最大 ${sum(x.wait)}`;
    return `  ${named}: ${enUses(x)}; wait min/avg/p95/max ${sum(x.wait)}`;
  });
}

const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

function enUses(x: SyncStats): string {
  switch (x.kind) {
    case 'semaphore':
    case 'bounded':
      return `${n(x.uses, 'acquire')}, ${x.contended} waited, ${x.timeouts} gave up, lowest count ${x.detail}`;
    case 'event':
      return `${n(x.uses, 'wait')}, ${x.contended} waited, ${x.timeouts} timed out, set ${n(x.detail, 'time')}`;
    case 'condition':
      return `${n(x.uses, 'wait')}, ${x.timeouts} timed out, ${n(x.detail, 'notify call')}`;
    case 'barrier':
      return `${n(x.uses, 'arrival')}, ${n(x.detail, 'generation')} passed, broken ${n(x.timeouts, 'time')}`;
    case 'pipe':
      return `${n(x.detail, 'message')} sent, ${n(x.uses, 'recv')}, ${x.contended} waited, ${n(x.timeouts, 'EOFError')}`;
    case 'value':
      return `${n(x.uses, 'read')}, ${n(x.detail, 'write')}, ${n(x.contended, 'lost update')}`;
  }
}

function zhUses(x: SyncStats): string {
  switch (x.kind) {
    case 'semaphore':
    case 'bounded':
      return `获取 ${x.uses} 次，${x.contended} 次需要等待，${x.timeouts} 次放弃，最低计数 ${x.detail}`;
    case 'event':
      return `wait ${x.uses} 次，${x.contended} 次需要等待，${x.timeouts} 次超时，set ${x.detail} 次`;
    case 'condition':
      return `wait ${x.uses} 次，${x.timeouts} 次超时，notify ${x.detail} 次`;
    case 'barrier':
      return `到达 ${x.uses} 次，通过 ${x.detail} 代，破裂 ${x.timeouts} 次`;
    case 'pipe':
      return `发送 ${x.detail} 条消息，recv ${x.uses} 次，${x.contended} 次需要等待，EOFError ${x.timeouts} 次`;
    case 'value':
      return `读 ${x.uses} 次，写 ${x.detail} 次，丢失更新 ${x.contended} 次`;
  }
}
