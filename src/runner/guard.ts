/**
 * Bounds on what lab processes can make the runner do: malformed messages are counted (the
 * first few recorded as errors) and log lines pass through a token bucket.
 */
import type { Localized } from '../protocol/events';
import type { ProcRec } from './procRec';

/** Malformed messages recorded one by one; the rest are only counted. */
export const MALFORMED_RECORDED = 20;
/** A process that sends this many malformed messages is stopped. */
export const MALFORMED_KILL = 100_000;

export class MalformedTally {
  total = 0;
  readonly first = new Map<number, string>();
  readonly perProc = new Map<number, number>();

  /** Counts one; returns true when it should be recorded as an error event. */
  add(p: ProcRec, reason: string): boolean {
    this.total++;
    p.malformed++;
    this.perProc.set(p.index, p.malformed);
    if (!this.first.has(p.index)) this.first.set(p.index, reason);
    return this.total <= MALFORMED_RECORDED;
  }

  summary(names: (proc: number) => string): Localized | null {
    if (this.total === 0) return null;
    const parts = [...this.perProc].map(([proc, n]) => ({
      proc,
      n,
      name: names(proc),
      first: this.first.get(proc) ?? '',
    }));
    return {
      en:
        `${this.total.toLocaleString('en')} malformed ${this.total === 1 ? 'message was' : 'messages were'} refused: ` +
        parts
          .map((x) => `${x.name} sent ${x.n.toLocaleString('en')} (first: ${x.first})`)
          .join('; ') +
        '. The run went on without them.',
      'zh-CN':
        `拒收了 ${this.total} 条格式错误的消息：` +
        parts.map((x) => `${x.name} 发送了 ${x.n} 条（第一条：${x.first}）`).join('；') +
        '。运行没有受影响。',
    };
  }
}

/** Log lines: a burst of BURST, then RATE per second; the rest are dropped and counted. */
export class LogBucket {
  dropped = 0;
  #tokens: number;
  #last = Date.now();

  constructor(
    private readonly rate = 2000,
    private readonly burst = 5000,
  ) {
    this.#tokens = burst;
  }

  /** True when a line may be recorded now. */
  take(): boolean {
    const now = Date.now();
    this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#last) * this.rate) / 1000);
    this.#last = now;
    if (this.#tokens >= 1) {
      this.#tokens--;
      return true;
    }
    this.dropped++;
    return false;
  }
}
