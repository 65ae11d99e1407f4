/**
 * Chinese text as a reader of Chinese expects it, whatever the names put into it. Templates are
 * written once for any name ("${name} 读到 …"), which suits a Latin name ("Alice 读到") but
 * leaves stray spaces around a Chinese one ("随后 进程2 写入"), and ASCII colons slip in from
 * text shared with English. Python names its processes in English whatever the language.
 */
import type { Localized } from '../protocol/events';

/** One Han character (the CJK Unified Ideographs blocks). */
const HAN = '[\\u3400-\\u4dbf\\u4e00-\\u9fff]';
/** Chinese punctuation: a space beside it is never wanted either. */
const CJK_PUNCT = '[\\u3000-\\u303f\\uff01-\\uff60]';
/** A word that starts with a Han character, such as 进程2 or 主进程: read as Chinese. */
const HAN_WORD_END = `${HAN}[0-9A-Za-z_#]*`;

/** Spaces between a Chinese word (or Chinese punctuation) and a following Chinese word. */
const SPACE_BEFORE_HAN = new RegExp(`(?<=(?:${HAN_WORD_END}|${CJK_PUNCT})) +(?=${HAN})`, 'g');
/** Spaces between a Chinese word and following Chinese punctuation. */
const SPACE_BEFORE_PUNCT = new RegExp(`(?<=${HAN_WORD_END}) +(?=${CJK_PUNCT})`, 'g');
/** An ASCII colon after a Chinese word: the full-width colon, which carries its own space. */
const ASCII_COLON = new RegExp(`(?<=${HAN_WORD_END}) ?: *`, 'g');

/**
 * The Chinese name of a process that Python named: MainProcess → 主进程, Process-3 → 进程3.
 * Every other name is the lab's own and is kept.
 */
export function chineseProcessName(name: string): string {
  if (name === 'MainProcess') return '主进程';
  const child = /^Process-(\d+)$/.exec(name);
  return child ? `进程${child[1]}` : name;
}

/** A process's name as the UI says it in `lang`: Python's default names in Chinese for Chinese. */
export function processNameIn(name: string, lang: keyof Localized): string {
  return lang === 'zh-CN' ? chineseProcessName(name) : name;
}

/** Python's default process names in a Chinese text, in Chinese (as whole words only). */
function chineseProcessNames(text: string): string {
  return text
    .replace(/(?<![\w-])MainProcess(?![\w-])/g, '主进程')
    .replace(/(?<![\w-])Process-(\d+)(?![\w-])/g, '进程$1');
}

/**
 * `text` with Python's process names in Chinese, no spaces between Chinese words and names such
 * as 进程2, and full-width colons after Chinese words. Spaces beside Latin words and numbers
 * stay ("卖出 2 张", "Alice 读到").
 */
export function tidyChinese(text: string): string {
  return chineseProcessNames(text)
    .replace(SPACE_BEFORE_HAN, '')
    .replace(SPACE_BEFORE_PUNCT, '')
    .replace(ASCII_COLON, '：');
}

/** `text` with its Chinese side tidied (tidyChinese); the English side as it was. */
export function tidyLocalized(text: Localized): Localized {
  return { en: text.en, 'zh-CN': tidyChinese(text['zh-CN']) };
}
