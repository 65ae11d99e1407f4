/** Language helpers without vscode imports. */
import type { Localized } from '../protocol/events';
import type { UiLang } from '../protocol/webview';
import { textIn } from '../model/localizedText';

/** Maps a VS Code display language (`zh-cn`, `zh-CN`, `zh-hans`, `en-us` …) to the run language. */
export function uiLangFor(vscodeLanguage: string | undefined): UiLang {
  const l = (vscodeLanguage ?? '').toLowerCase();
  return l === 'zh-cn' || l === 'zh-hans' || l.startsWith('zh-hans-') || l === 'zh-sg' || l === 'zh'
    ? 'zh-CN'
    : 'en';
}

/** Picks the text for the language, falling back to English. */
export function pick(text: Localized | undefined, lang: UiLang): string {
  return text ? textIn(text, lang) : '';
}
