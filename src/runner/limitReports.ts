/**
 * Every bound a run hits is told to the user as a `run.limit` event, in words, before anything is
 * ended for it, and once per kind: a burst of refused starts is one limit reached, not hundreds.
 */
import type { Localized, RunLimitKind } from '../protocol/events';
import type { Recorder } from './recorder';

export class LimitReports {
  readonly #reported = new Set<RunLimitKind>();

  constructor(
    private readonly rec: Recorder,
    private readonly lang: 'en' | 'zh-CN',
  ) {}

  /** Records that the run reached limit `what` (the first time only). */
  reached(what: RunLimitKind, message: Localized): void {
    if (this.#reported.has(what)) return;
    this.#reported.add(what);
    this.rec.emit(-1, 'run.limit', { what, message: message[this.lang] });
  }
}
