import type { LabEvent } from './events';
import { checkEvent } from './validateEvent';

export interface ParsedLog {
  events: LabEvent[];
  /** Problems found, each with its 1-based line number. The valid prefix is kept. */
  errors: { line: number; error: string }[];
  /** True when the log has no run.end (a run still going, or a truncated file). */
  truncated: boolean;
}

/** Serializes events as JSONL (one event per line, trailing newline). */
export function toJsonl(events: readonly LabEvent[]): string {
  let out = '';
  for (const e of events) out += JSON.stringify(e) + '\n';
  return out;
}

/**
 * Parses a JSONL event log (a `.labrun` recording or a `--events` file) and checks it
 * against protocol v1: each line valid, seq consecutive, time never decreasing.
 * Never throws; stops at the first bad line and reports it.
 */
export function parseJsonl(text: string, maxErrors = 20): ParsedLog {
  const events: LabEvent[] = [];
  const errors: { line: number; error: string }[] = [];
  const lines = text.split('\n');
  let lastT = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch (err) {
      errors.push({ line: i + 1, error: `not valid JSON (${(err as Error).message})` });
      if (errors.length >= maxErrors) break;
      continue;
    }
    const check = checkEvent(obj);
    if (!check.ok) {
      errors.push({ line: i + 1, error: check.error });
      if (errors.length >= maxErrors) break;
      continue;
    }
    const e = obj as LabEvent;
    if (e.seq !== events.length) {
      errors.push({ line: i + 1, error: `seq ${e.seq} where ${events.length} was expected` });
      break;
    }
    if (e.t < lastT) {
      errors.push({ line: i + 1, error: `time went backwards (${e.t} < ${lastT})` });
      break;
    }
    lastT = e.t;
    events.push(e);
  }
  const last = events[events.length - 1];
  return { events, errors, truncated: !last || last.kind !== 'run.end' };
}
