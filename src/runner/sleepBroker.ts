/** Brokers `sleep(sec)`: a timer of the scheduler (so a controlled policy can own time), per process. */
import type { BrokerContext } from './brokerContext';
import type { ProcRec } from './procRec';
import { SleepLag } from './sleepLag';

export class SleepBroker {
  /** Real-time runs only: a controlled policy's time is virtual, and nothing lags behind it. */
  readonly #lag: SleepLag | undefined;

  constructor(
    private readonly context: BrokerContext,
    /** Whether the run still answers (it stops once it is ending). */
    private readonly answering: () => boolean,
    /** A sleep ended: the run made progress (hang detection counts it). */
    private readonly onProgress: () => void,
    speed: number,
  ) {
    this.#lag = context.sched.name === 'realtime' ? new SleepLag(speed) : undefined;
  }

  sleep(p: ProcRec, id: number, sec: number, site?: number): void {
    const { context } = this;
    if (sec < 0) return context.fail(p, id, 'ValueError', 'sleep length must be non-negative');
    context.rec.emit(p.index, 'sleep.begin', { sec, site });
    const timing = this.#lag?.start(p.index, sec);
    const t = context.sched.after(timing?.labSec ?? sec, () => {
      p.timers.delete(t);
      if (timing) this.#lag?.woke(p.index, timing.dueMs);
      this.onProgress();
      if (!p.alive || !this.answering()) return;
      context.rec.emit(p.index, 'sleep.end', { site });
      context.reply(p, id, null);
    });
    p.timers.add(t);
  }
}
