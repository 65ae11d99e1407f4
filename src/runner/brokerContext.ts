/** What the brokers need from the run: the clock/log, the scheduler, and a way to answer. */
import type { Json, Localized, RunLimitKind } from '../protocol/events';
import type { ProcRec } from './procRec';
import type { Recorder } from './recorder';
import type { SchedulerPolicy } from './scheduler';
import type { Waiter } from './waiter';

export interface BrokerContext {
  readonly rec: Recorder;
  readonly sched: SchedulerPolicy;
  /**
   * Answers request `id` of `p` (nothing is sent for a notice, id 0). Answers leave when the
   * current read has been handled, together; `now` writes this one (and any before it) at once:
   * for a process that waits on nothing else, such as a lock's next holder.
   */
  reply(p: ProcRec, id: number, value: Json, now?: boolean): void;
  /** Refuses request `id` of `p`; the lab raises an error named `name`. */
  fail(p: ProcRec, id: number, name: string, message: string): void;
  /** `w` is a wait that only another process can end: time to look for a deadlock cycle. */
  blocked(w: Waiter): void;
  proc(index: number): ProcRec | undefined;
  /** The run reached bound `what`: told once, as run.limit, before anything is refused or ended. */
  limit(what: RunLimitKind, message: Localized): void;
}
