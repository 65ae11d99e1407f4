/**
 * Step mode of one run in VS Code: the decision its runner waits for, and the answers the views
 * give (a process, the default, the default to the end). Several views may show the same run;
 * the first answer counts and the others hear that the decision is closed. Undo is not answered
 * here: it forks the run at the step before (RunManager). No vscode imports.
 */
import type { StepChoice } from '../protocol/host';
import type { StepPick } from '../protocol/webview';

export type StepOutcome =
  /** The runner was told. */
  | 'answered'
  /** Undo was asked at a step that has one before it: fork at that step. */
  | 'undo'
  /** No such decision is open (already answered, another step, not a runnable process). */
  | 'stale';

export class StepControl {
  #open: StepChoice | undefined;
  /** "Run to the end": every later decision takes the default without asking. */
  #toEnd = false;

  constructor(
    private readonly runner: { choose(step: number, proc: number): void },
    /** The open decision changed (`undefined`: none is open). */
    private readonly changed: (choice: StepChoice | undefined) => void,
  ) {}

  get open(): StepChoice | undefined {
    return this.#open;
  }

  /** The runner asks decision `choice`. */
  ask(choice: StepChoice): void {
    if (this.#toEnd) return this.runner.choose(choice.step, choice.fallback);
    this.#open = choice;
    this.changed(choice);
  }

  answer(step: number, pick: StepPick, proc?: number): StepOutcome {
    const open = this.#open;
    if (!open || open.step !== step) return 'stale';
    if (pick === 'undo') return step > 1 ? 'undo' : 'stale';
    let chosen = open.fallback;
    if (pick === 'proc') {
      if (!open.runnable.some((r) => r.proc === proc)) return 'stale';
      chosen = proc!;
    }
    if (pick === 'toEnd') this.#toEnd = true;
    this.close();
    this.runner.choose(step, chosen);
    return 'answered';
  }

  /** The run ended (or is being undone): no decision is open any more. */
  close(): void {
    if (!this.#open) return;
    this.#open = undefined;
    this.changed(undefined);
  }
}
