/** Cheap previews for the hot path: small scalars go into events as they are. */
import type { Json } from '../protocol/events';
import { MAX_PREVIEW_CHARS, previewValue } from '../protocol/preview';

export function preview(v: Json): Json {
  if (v === null || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'string' && v.length <= MAX_PREVIEW_CHARS - 2) return v;
  // A Python value JSON cannot carry travels pickled: the timeline shows its repr.
  if (
    !Array.isArray(v) &&
    typeof v === 'object' &&
    v.$cl === 'Pickle' &&
    typeof v.repr === 'string'
  )
    return { $preview: v.repr.slice(0, MAX_PREVIEW_CHARS), $size: -1 };
  return previewValue(v);
}
