import type { Json } from './events';

/** Largest JSON text of a value kept in an event; larger values are summarized. */
export const MAX_PREVIEW_CHARS = 512;

/**
 * A bounded JSON preview of a lab value. Values that do not fit become
 * `{ $preview: "<first chars>…", $size: <chars> }` so the log stays small.
 */
export function previewValue(value: unknown, maxChars = MAX_PREVIEW_CHARS): Json {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    return { $preview: String(value).slice(0, maxChars), $size: -1 };
  }
  if (text === undefined) return null;
  if (text.length <= maxChars) return JSON.parse(text) as Json;
  return { $preview: text.slice(0, maxChars) + '…', $size: text.length };
}

/** Short human text for a preview value: None for null, strings quoted. */
export function formatValue(v: Json | undefined): string {
  if (v === null) return 'None';
  if (v === undefined) return '';
  if (typeof v === 'object' && !Array.isArray(v) && typeof v.$preview === 'string')
    return String(v.$preview);
  return typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v);
}
