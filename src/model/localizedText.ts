/** Picking a text's language, for every view. */
import type { Localized } from '../protocol/events';

/**
 * A text of the log (a narration, a finding, an outcome) as a view in `lang` shows it: as it was
 * written (names in it were said in each language when it was written; see objectNames.ts),
 * English when the text lacks `lang`.
 */
export function textIn(text: Localized, lang: keyof Localized): string {
  return text[lang] || text.en;
}
