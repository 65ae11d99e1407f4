/**
 * Main's last job when its lab declares `outcome` or `check`: the runner sends the run's log
 * (`judge`) and main answers what the run came to and whether it holds (`judged`).
 */
import type { Json } from '../protocol/events';
import type { LabControl } from '../protocol/labControl';
import { bothLanguages, type LabMeta } from './lab';

/** Whether the runner should ask main to judge runs of this lab. */
export function judges(meta: LabMeta): boolean {
  return typeof meta.outcome === 'function' || typeof meta.check === 'function';
}

/** The `judged` answer for `events`; an outcome that is not JSON is an error, not a crash. */
export function judge(meta: LabMeta, events: unknown): LabControl {
  try {
    const log = Array.isArray(events) ? (events as Record<string, unknown>[]) : [];
    const outcome = typeof meta.outcome === 'function' ? toJson(meta.outcome(log)) : null;
    const judged: Extract<LabControl, { judged: unknown }>['judged'] = { outcome };
    if (typeof meta.describe === 'function') {
      const words = meta.describe(outcome);
      judged.summary = bothLanguages(words, String(words));
    }
    const said = typeof meta.check === 'function' ? meta.check(outcome) : undefined;
    if (said !== undefined && said !== null) judged.failure = bothLanguages(said, String(said));
    return { judged };
  } catch (err) {
    return { judged: { error: err instanceof Error ? err.message : String(err) } };
  }
}

function toJson(value: unknown): Json {
  if (value === undefined) return null;
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError('outcome() returned something that is not JSON');
  return JSON.parse(text) as Json;
}
