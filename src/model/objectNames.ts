/**
 * The names the runner gives the objects a lab did not name ("Lock 1", "Queue 2"), defined once:
 * the runner writes them with `defaultObjectName`, every view says a name it holds in its
 * language with `objectNameIn`, and a text that names an object is written with the name in each
 * language (`objectLabel`, `kindAndName`). The log keeps the English name; a Chinese view reads
 * 锁 1, 队列 2.
 */
import type { Localized } from '../protocol/events';

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
 * An object's name in both languages, for a text that names it ("waits for Lock 1" /
 * "在等锁 1"). Texts say a name from here when they are written, so no view has to find names
 * inside a text, and a lab's own words that happen to read "Lock 1" stay its words.
 */
export function objectLabel(name: string): Localized {
  return { en: name, 'zh-CN': objectNameIn(name, 'zh-CN') };
}

/**
 * An object's name with its kind, in both languages: a default name says its kind already
 * ("Lock 1", 锁 1); a lab's own name gets the kind's word ("Lock mutex", 锁 mutex, 锁账户 A)
 * unless the English name begins with it ("Lock A").
 */
export function kindAndName(kind: ObjectKind, name: string): Localized {
  if (isDefaultObjectName(name)) return objectLabel(name);
  const en = name.toLowerCase().startsWith(kind.toLowerCase()) ? name : `${kind} ${name}`;
  return { en, 'zh-CN': chineseKindAndName(KIND_WORDS[kind], name) };
}

/**
 * A kind's Chinese word before a lab's own name, spaced as the Chinese texts are: no space
 * before a Chinese name (锁账户 A), one before a Latin one or a number (锁 mutex). Every view
 * (findings, the terminal's statistics) says it so.
 */
export function chineseKindAndName(word: string, name: string): string {
  return /^[\u3400-\u4dbf\u4e00-\u9fff]/.test(name) ? `${word}${name}` : `${word} ${name}`;
}
