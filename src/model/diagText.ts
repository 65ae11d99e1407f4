import type { EventFields, Json } from '../protocol/events';
import { formatValue } from '../protocol/preview';

/** A diagnosis: exactly the fields of a `diag` event without the header. */
export type Finding = EventFields['diag'];

const MAX_TEXT = 80;

function clip(s: string, max = MAX_TEXT): string {
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

/**
 * A file value the way a learner would say it: `{"ticket_num": 1}` reads "ticket_num = 1";
 * anything else is "data.json = <value>".
 */
export function describeFileValue(fileName: string, value: Json | undefined): string {
  if (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !('$preview' in value)
  ) {
    const entries = Object.entries(value);
    if (
      entries.length >= 1 &&
      entries.length <= 3 &&
      entries.every(([, v]) => v === null || typeof v !== 'object')
    ) {
      return clip(entries.map(([k, v]) => `${k} = ${formatValue(v)}`).join(', '));
    }
  }
  return clip(`${fileName} = ${formatValue(value)}`);
}

/** Raw file text as seen by a torn read, quoted and bounded. */
export function describeRaw(raw: string | undefined): { en: string; 'zh-CN': string } {
  if (raw === undefined) return { en: 'a half-written file', 'zh-CN': '一个写了一半的文件' };
  if (raw.length === 0) return { en: 'an empty file', 'zh-CN': '一个空文件' };
  const q = JSON.stringify(clip(raw, 40));
  return { en: q, 'zh-CN': q };
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Names joined for a sentence: "A", "A and B", "A, B and 2 others" (zh: "A、B和另外 2 个进程"). */
export function joinNames(names: readonly string[], lang: 'en' | 'zh-CN'): string {
  if (names.length <= 1) return names[0] ?? '';
  const shown = names.length <= 3 ? names.slice(0, -1) : names.slice(0, 2);
  const last =
    names.length <= 3
      ? names[names.length - 1]
      : lang === 'en'
        ? `${names.length - 2} others`
        : `另外 ${names.length - 2} 个进程`;
  return lang === 'en' ? `${shown.join(', ')} and ${last}` : `${shown.join('、')}和${last}`;
}
