/**
 * Findings in words instead of codes ("lost-update" → "Lost update" / "丢失更新"), and which of them
 * are the lesson working rather than something that went wrong. Pure: the CLI, the extension and
 * the webview show the same words.
 */
import type { DiagCode, Localized } from '../protocol/events';

const WORDS: Record<DiagCode, Localized> = {
  'lost-update': { en: 'Lost update', 'zh-CN': '丢失更新' },
  'torn-read': { en: 'Torn read', 'zh-CN': '读到残缺文件' },
  deadlock: { en: 'Deadlock', 'zh-CN': '死锁' },
  hang: { en: 'Hang', 'zh-CN': '卡住' },
  oversold: { en: 'Oversold', 'zh-CN': '超卖' },
  'lock-contention': { en: 'Waiting for a lock', 'zh-CN': '等待锁' },
  'unfinished-tasks': { en: 'Unfinished tasks', 'zh-CN': '未完成的任务' },
  'malformed-message': { en: 'Malformed message', 'zh-CN': '格式错误的消息' },
  limit: { en: 'Limit reached', 'zh-CN': '达到上限' },
};

/** The words for a finding's code; an unknown code (a newer log) is shown as it is. */
export function findingTitle(code: string): Localized {
  return WORDS[code as DiagCode] ?? { en: code, 'zh-CN': code };
}

/**
 * Findings that describe what a correct program does: waiting in line for a lock is the price of
 * the lock, not a fault. They are shown as information, apart from what went wrong.
 */
export function isInformation(code: string): boolean {
  return code === 'lock-contention';
}
