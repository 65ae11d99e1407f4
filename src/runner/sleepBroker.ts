/** Brokers `sleep(sec)`: a timer of the scheduler (so a controlled policy can own time), per process. */
import type { BrokerContext } from './brokerContext';
import type { ProcRec } from './procRec';

export class SleepBroker {
  constructor(
    private readonly context: BrokerContext,
    /** Whether the run still answers (it stops once it is ending). */
    private readonly answering: () => boolean,
    /** A sleep ended: the run made progress (hang detection counts it). */
    private readonly onProgress: () => void,
  ) {}

  sleep(p: ProcRec, id: number, sec: number, site?: number): void {
    const { context } = this;
    if (sec < 0) return context.fail(p, id, 'ValueError', 'sleep length must be non-negative');
    context.rec.emit(p.index, 'sleep.begin', { sec, site });
    const t = context.sched.after(sec, () => {
      p.timers.delete(t);
      this.onProgress();
      if (!p.alive || !this.answering()) return;
      context.rec.emit(p.index, 'sleep.end', { site });
      context.reply(p, id, null);
    });
    p.timers.add(t);
  }
}
