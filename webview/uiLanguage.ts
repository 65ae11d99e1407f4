/**
 * The language a webview shows its own words in, and how a word's `{name}` blanks are filled.
 * The timeline, Explore and Compare bundles each hold their own copy of this state.
 */
import type { UiLang } from '../src/protocol/webview';

let lang: UiLang = 'en';

/** Sets the language, and the page's `lang` (screen readers and CJK fonts follow it). */
export function setLang(l: UiLang): void {
  lang = l;
  document.documentElement.lang = l;
}

export function getLang(): UiLang {
  return lang;
}

/** `en` or `zh` by the language, each `{name}` filled from `values` (a name it lacks stays). */
export function pickWord(
  en: string,
  zh: string,
  values?: Readonly<Record<string, string | number>>,
): string {
  const text = lang === 'zh-CN' ? zh : en;
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (blank, name: string) =>
    name in values ? String(values[name]) : blank,
  );
}
