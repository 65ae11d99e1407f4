/** Brokers `sleep(sec)`: a timer of the scheduler (so a controlled policy can own time), per process. */
import type { BrokerContext } from './brokerContext';
import type { ProcRec } from './procRec';
import { monotonicMs } from '../wire/monotonicClock';
import { sleepLeft } from './sleepLag';

export class SleepBroker {
  /** Real-time runs only: a controlled policy's time is virtual, and nothing lags behind it. */
  readonly #realtime: boolean;

  constructor(
    private readonly context: BrokerContext,
    /** Whether the run still answers (it stops once it is ending). */
    private readonly answering: () => boolean,
    /** A sleep ended: the run made progress (hang detection counts it). */
    private readonly onProgress: () => void,
    private readonly speed: number,
  ) {
    this.#realtime = context.sched.name === 'realtime';
  }

  /** `at`: when the process called sleep, on the shared monotonic clock (sleepLag.ts). */
  sleep(p: ProcRec, id: number, sec: number, site?: number, at?: number): void {
    const { context } = this;
    if (sec < 0) return context.fail(p, id, 'ValueError', 'sleep length must be non-negative');
    context.rec.emit(p.index, 'sleep.begin', { sec, site });
    const labSec = this.#realtime ? sleepLeft(sec, this.speed, at, monotonicMs()) : sec;
    const t = context.sched.after(labSec, () => {
      p.timers.delete(t);
      this.onProgress();
      if (!p.alive || !this.answering()) return;
      context.rec.emit(p.index, 'sleep.end', { site });
      context.reply(p, id, null);
    });
    p.timers.add(t);
  }
}
