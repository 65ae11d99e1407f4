/**
 * Why a process exited, in words: the protocol's reason codes are English words, so English shows
 * them as they are. Pure: the CLI and the webview say the same.
 */
import type { ExitReason } from '../protocol/events';

const REASONS_ZH: Record<ExitReason, string> = {
  returned: '正常返回',
  error: '出错',
  exit: '调用 exit',
  terminated: '被终止',
  daemon: '守护进程随主进程结束',
  killed: '被杀死',
  crashed: '崩溃',
};

/** An unknown reason (a newer log) is shown as it is. */
export function exitReasonText(reason: string, lang: 'en' | 'zh-CN'): string {
  return lang === 'zh-CN' ? (REASONS_ZH[reason as ExitReason] ?? reason) : reason;
}
