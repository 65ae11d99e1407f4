/**
 * Replaying a recorded schedule: each decision must find the same runnable processes, about to
 * do the same things, as the recording says; then the recorded process goes on. The first step
 * that differs (the lab file changed, say) stops the run and says how. After the last recorded
 * step (or step `until`), the decisions go to the next chooser: fork from here.
 */
import type { Localized } from '../protocol/events';
import type { StepChoice, ReplayStep } from '../protocol/host';
import type { Chooser } from './controlledScheduler';

export interface Divergence {
  step: number;
  /** How this run differs from the recording at that step. */
  message: Localized;
}

/** The message a diverged replay stops with, in the run's language. */
export function divergedText(d: Divergence, lang: keyof Localized): string {
  return lang === 'zh-CN'
    ? `重放在第 ${d.step} 步与录制不符：${d.message['zh-CN']}`
    : `replay diverged at step ${d.step}: ${d.message.en}`;
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Why `choice` is not what `recorded` saw, or null when it is. */
export function divergence(choice: StepChoice, recorded: ReplayStep): Localized | null {
  const runnable = choice.runnable.map((r) => r.proc);
  const ops = choice.runnable.map((r) => r.op.en);
  const list = (procs: number[], what: string[]) =>
    procs.map((p, i) => `${p}: ${what[i] ?? '?'}`).join('; ');
  if (!sameList(runnable, recorded.runnable) || !sameList(ops, recorded.ops)) {
    const was = list(recorded.runnable, recorded.ops);
    const is = list(runnable, ops);
    return {
      en: `the recording had runnable [${was}], this run has [${is}]`,
      'zh-CN': `录制中可以继续的是 [${was}]，这次运行是 [${is}]`,
    };
  }
  if (!runnable.includes(recorded.chosen))
    return {
      en: `the recording chose process ${recorded.chosen}, which is not runnable here`,
      'zh-CN': `录制选择了进程 ${recorded.chosen}，它在这里不能继续`,
    };
  return null;
}

export class ReplayChooser implements Chooser {
  readonly mode = 'replay' as const;
  readonly #last: number;
  /** As the recorded run's clock had it (an exploration's run). */
  timerGrainUs?: number;
  /** A replay that hands over to a person (`until`) asks them with the reasons too. */
  readonly readsReasons: boolean;

  constructor(
    private readonly steps: readonly ReplayStep[],
    private readonly until: number | undefined,
    /** The replay is over: later decisions go to this chooser. */
    private readonly handOver: () => Chooser,
    private readonly onDiverged: (d: Divergence) => void,
  ) {
    this.#last = Math.min(steps.length, until ?? steps.length);
    this.readsReasons = until !== undefined;
  }

  choose(choice: StepChoice, go: (proc: number) => void): void {
    if (choice.step > this.#last) {
      if (this.until !== undefined) return this.handOver().choose(choice, go);
      return this.onDiverged({
        step: choice.step,
        message: {
          en: `the recording ends after step ${this.steps.length}, this run goes on`,
          'zh-CN': `录制在第 ${this.steps.length} 步之后就结束了，这次运行还在继续`,
        },
      });
    }
    const recorded = this.steps[choice.step - 1];
    const why = divergence(choice, recorded);
    if (why) return this.onDiverged({ step: choice.step, message: why });
    go(recorded.chosen);
  }
}
