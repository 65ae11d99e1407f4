/**
 * The CLI's own sentences (errors, usage) in the chosen language, from the catalogue the
 * extension's messages come from (l10n/bundle.l10n.zh-cn.json, which VS Code reads for
 * vscode.l10n.t): a sentence's English is its key, its Chinese the value, `{0}`, `{1}` … its
 * blanks. A test checks that every sentence the CLI says has its Chinese there.
 */
import ZH_CATALOGUE from '../../l10n/bundle.l10n.zh-cn.json';
import type { Localized } from '../protocol/events';

type Lang = keyof Localized;
/** What fills a blank: the same in both languages, or said in each (a list, a phrase). */
export type Blank = string | number | Localized;

const ZH: Readonly<Record<string, string>> = ZH_CATALOGUE;

const HAN = /[\u3400-\u9fff]$/;

function fill(lang: Lang, text: string, blanks: readonly Blank[]): string {
  return text.replace(/\{(\d+)\}( (?=[\u3400-\u9fff]))?/g, (blank, i: string, space = '') => {
    const value = blanks[Number(i)];
    if (value === undefined) return blank;
    if (typeof value !== 'object') return `${value}${space}`;
    // A Chinese phrase before Chinese words takes no space between them (pct 的深度必须是 …).
    return HAN.test(value[lang]) ? value[lang] : `${value[lang]}${space}`;
  });
}

/**
 * `message` in both languages, its blanks filled: for what is said before the language is known
 * (a parse error), or in both. A sentence missing from the catalogue stays English.
 */
export function said(message: string, ...blanks: Blank[]): Localized {
  return { en: l10n('en', message, ...blanks), 'zh-CN': l10n('zh-CN', message, ...blanks) };
}

/** `message` in `lang`, its blanks filled. */
export function l10n(lang: Lang, message: string, ...blanks: Blank[]): string {
  return fill(lang, lang === 'zh-CN' ? (ZH[message] ?? message) : message, blanks);
}

/** "error: …", as every CLI error begins. */
export function errorLine(lang: Lang, text: string): string {
  return l10n(lang, 'error: {0}', text);
}

/** Items as a list in words: "a, b or c" in English, "a、b 或 c" in Chinese. */
export function listOf(items: readonly string[], or = true): Localized {
  const last = items.at(-1) ?? '';
  const rest = items.slice(0, -1);
  if (rest.length === 0) return { en: last, 'zh-CN': last };
  return {
    en: `${rest.join(', ')} ${or ? 'or' : 'and'} ${last}`,
    'zh-CN': `${rest.join('、')} ${or ? '或' : '和'} ${last}`,
  };
}

/**
 * Why a file could not be read or written, from Node's error code, in words: a missing file
 * says so, never Node's raw "ENOENT: no such file or directory, open …".
 */
export function fileProblem(err: unknown): Localized {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return said('it does not exist');
    case 'EACCES':
    case 'EPERM':
      return said('permission denied');
    case 'EISDIR':
      return said('it is a folder');
    default: {
      // A rarer failure is named by its code (EROFS, ENOSPC …), the same in both languages.
      const named = code ?? (err instanceof Error ? err.message : String(err));
      return { en: named, 'zh-CN': named };
    }
  }
}
