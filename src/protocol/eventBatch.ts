/**
 * Event batches as text. The runner serializes each event once, as the JSONL line its log file
 * gets; a batch travels to the parent and on to webviews as that same text (one string per
 * message, not thousands of objects), and each receiving boundary parses and checks it once.
 */
import type { LabEvent } from './events';
import { eventError } from './validateEvent';

export type BatchResult = { ok: true; events: LabEvent[] } | { ok: false; error: string };

/** Most characters one batch may hold (a runner batch is a few hundred events of bounded size). */
export const MAX_BATCH_CHARS = 64 * 2 ** 20;

/**
 * Parses JSONL event text (one JSON event per line, each line ended by a newline) and checks every
 * event against protocol v1; when `firstSeq` is given, seqs must run on from it without a gap.
 * Never throws: a bad batch is rejected whole, with the reason.
 */
export function parseEventBatch(jsonl: unknown, firstSeq?: number): BatchResult {
  if (typeof jsonl !== 'string') return { ok: false, error: 'an event batch must be JSONL text' };
  if (jsonl.length > MAX_BATCH_CHARS) return { ok: false, error: `an event batch of ${jsonl.length} characters is too large` };
  if (jsonl.length === 0) return { ok: true, events: [] };
  if (jsonl.charCodeAt(jsonl.length - 1) !== 10) return { ok: false, error: 'an event batch must end with a newline' };
  let parsed: unknown;
  try {
    // JSON text never holds a raw newline (strings escape it), so the lines become array elements.
    parsed = JSON.parse(`[${jsonl.slice(0, -1).replaceAll('\n', ',')}]`);
  } catch (err) {
    return { ok: false, error: `an event batch is not valid JSONL (${(err as Error).message})` };
  }
  const events = parsed as unknown[];
  for (let i = 0; i < events.length; i++) {
    const error = eventError(events[i]);
    if (error !== null) return { ok: false, error: `event ${i + 1} of the batch: ${error}` };
    if (firstSeq !== undefined && (events[i] as LabEvent).seq !== firstSeq + i) {
      return { ok: false, error: `seq ${(events[i] as LabEvent).seq} where ${firstSeq + i} was expected` };
    }
  }
  return { ok: true, events: events as LabEvent[] };
}
