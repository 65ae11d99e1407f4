/**
 * What lab processes say: print() lines, what they write to stdout/stderr themselves, and the
 * errors they report. Log lines are rate limited (a printing loop cannot flood the log).
 */
import type { LabMessageOf } from '../protocol/lab';
import { LogBucket } from './guard';
import type { LimitReports } from './limitReports';
import type { ProcRec } from './procRec';
import type { Recorder } from './recorder';
import { RUNNER_TEXT } from './runnerText';

const MAX_LOG_CHARS = 2000;

export class LabOutput {
  readonly logs = new LogBucket();
  readonly #partial = new Map<number, string>();

  constructor(
    private readonly rec: Recorder,
    private readonly limits: LimitReports,
  ) {}

  log(p: ProcRec, text: string, site?: number): void {
    if (this.logs.take()) {
      this.rec.emit(p.index, 'log', {
        text: text.length > MAX_LOG_CHARS ? text.slice(0, MAX_LOG_CHARS) + '…' : text,
        site,
      });
    } else {
      this.limits.reached('log', RUNNER_TEXT.logLimit);
    }
  }

  /** Lab code threw: the process is marked failed; its first error names the failure in run.end. */
  error(p: ProcRec, m: LabMessageOf<'error'>): void {
    p.failed = true;
    p.firstError ??= m.message;
    const fields: { message: string; stack?: string; file?: string; line?: number } = {
      message: m.message.slice(0, 2000),
    };
    if (m.stack !== undefined) fields.stack = m.stack.slice(0, 4000);
    if (m.file !== undefined) fields.file = m.file;
    if (m.line !== undefined) fields.line = m.line;
    this.rec.emit(p.index, 'error', fields);
  }

  /** stdout/stderr chunks, split into lines (a partial line waits for the rest). */
  output(p: ProcRec, chunk: string): void {
    const lines = ((this.#partial.get(p.index) ?? '') + chunk).split('\n');
    const rest = lines.pop() ?? '';
    this.#partial.set(p.index, rest.length > MAX_LOG_CHARS ? '' : rest);
    for (const line of lines) if (line.trim()) this.log(p, line);
  }
}
