/**
 * A log that stops without `run.end` (its runner was killed outright, crashed, or the machine
 * went down) is still a recording of what happened up to there. It is read, never refused, and
 * closed with a `run.end` that says it ended abruptly, so every view shows it as a finished run.
 */
import type { LabEvent } from '../protocol/events';
import { parseJsonl, type ParsedLog } from '../protocol/jsonl';

export interface ReadLog extends ParsedLog {
  /** The log had no `run.end`: the one at its end was added here. */
  endedAbruptly: boolean;
}

/** The run.end message of a log that stopped without one, in both languages. */
export function abruptEndMessage(events: number): { en: string; 'zh-CN': string } {
  return {
    en: `ended abruptly: the recording stops after ${events} events without the end of the run (its runner was killed or crashed)`,
    'zh-CN': `意外结束：记录在 ${events} 个事件之后中断，没有运行结束的记录（运行器被强行终止或崩溃了）`,
  };
}

/**
 * Parses a JSONL log. A last line cut off mid-write (no newline after it) is dropped, not an
 * error; a log without `run.end` gets one, status `error`, with `message` (see abruptEndMessage).
 */
export function readLogText(text: string, message?: (events: number) => string): ReadLog {
  let parsed = parseJsonl(text);
  const cut = text.length > 0 && !text.endsWith('\n') ? text.lastIndexOf('\n') + 1 : -1;
  if (parsed.errors.length === 1 && cut >= 0 && parsed.errors[0].line === lineCount(text))
    parsed = parseJsonl(text.slice(0, cut));
  if (parsed.errors.length || !parsed.truncated || parsed.events.length === 0)
    return { ...parsed, endedAbruptly: false };
  const events = closeAbruptly(parsed.events, message);
  return { events, errors: [], truncated: false, endedAbruptly: true };
}

/** `events` followed by a `run.end` saying the run ended abruptly. */
export function closeAbruptly(
  events: readonly LabEvent[],
  message = (n: number) => abruptEndMessage(n).en,
): LabEvent[] {
  const last = events[events.length - 1];
  const end = {
    v: last.v,
    seq: events.length,
    t: last.t,
    proc: -1,
    kind: 'run.end',
    status: 'error',
    message: message(events.length),
  } as LabEvent;
  return [...events, end];
}

function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
