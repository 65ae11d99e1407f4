/**
 * The names the runner gives the objects a lab did not name ("Lock 1", "Queue 2"), defined once:
 * the runner writes them with `defaultObjectName`, and every view says them in its language with
 * `objectNameIn`. The log keeps the English name; a Chinese view reads 锁 1, 队列 2.
 */
import type { Localized } from '../protocol/events';
import { tidyChinese } from './chineseText';

/** Each kind's word per language. The English word is Python's class name (and the log's). */
const KIND_WORDS = {
  Lock: '锁',
  RLock: '可重入锁',
  Queue: '队列',
  JoinableQueue: '可等待队列',
  SimpleQueue: '简单队列',
  Semaphore: '信号量',
  BoundedSemaphore: '有界信号量',
  Event: '事件',
  Condition: '条件变量',
  Barrier: '屏障',
  Value: '共享值',
  Array: '共享数组',
  Pipe: '管道',
  Pool: '进程池',
} as const;

/** A kind of object the runner can name. */
export type ObjectKind = keyof typeof KIND_WORDS;

/** The runner's name for the `n`th unnamed object of `kind`: "Lock 1". */
export function defaultObjectName(kind: ObjectKind, n: number): string {
  return `${kind} ${n}`;
}

const KINDS = Object.keys(KIND_WORDS).join('|');
/** Exactly a name `defaultObjectName` writes. */
const DEFAULT_NAME = new RegExp(`^(${KINDS}) ([1-9][0-9]*)$`);
/** Each kind's Chinese word, the longest first (可重入锁 before 锁). */
const WORDS = Object.values(KIND_WORDS)
  .sort((a, b) => b.length - a.length)
  .join('|');
/**
 * The same, as a whole word inside a text, with the Chinese word for a kind that may stand
 * before it ("锁 Lock 1": a text that names the kind and then the name).
 */
const DEFAULT_NAME_IN_TEXT = new RegExp(
  `(${WORDS})?( *)(?<![\\w-])(${KINDS}) ([1-9][0-9]*)(?![\\w-])`,
  'g',
);

/** Whether `name` is one `defaultObjectName` writes (a lab's own name is any other). */
export function isDefaultObjectName(name: string): boolean {
  return DEFAULT_NAME.test(name);
}

/**
 * An object's name as a view in `lang` says it: the runner's default name in that language
 * ("Lock 1" → 锁 1); a name the lab gave, as it is.
 */
export function objectNameIn(name: string, lang: keyof Localized): string {
  if (lang !== 'zh-CN') return name;
  const m = DEFAULT_NAME.exec(name);
  return m ? `${KIND_WORDS[m[1] as ObjectKind]} ${m[2]}` : name;
}

/**
 * The runner's default object names inside a Chinese text, in Chinese (as whole words only); a
 * kind's word said just before its name is not said twice ("锁 Lock 1" → 锁 1, not 锁锁 1).
 */
export function chineseObjectNames(text: string): string {
  return text.replace(
    DEFAULT_NAME_IN_TEXT,
    (_, before: string | undefined, gap: string, kind: ObjectKind, n: string) => {
      const word = KIND_WORDS[kind];
      return before === word ? `${word} ${n}` : `${before ?? ''}${gap}${word} ${n}`;
    },
  );
}

/**
 * A text of the log (a narration, a finding, an outcome) as a view in `lang` shows it: the
 * runner's default object names in Chinese in the Chinese text (tidied, so no space is left
 * between them and the Chinese words around them); English when the text lacks `lang`.
 */
export function textIn(text: Localized, lang: keyof Localized): string {
  if (lang === 'zh-CN' && text['zh-CN']) return tidyChinese(chineseObjectNames(text['zh-CN']));
  return text[lang] || text.en;
}
