/**
 * Who makes a controlled run's decisions: fifo (the longest-waiting process), random (a stream
 * from the run's seed), a person (step mode: the runner's parent is asked), and a recorded
 * schedule (replay.ts).
 */
import type { ScheduleMode } from '../protocol/events';
import type { ReplayStep, RunConfig, StepChoice } from '../protocol/host';
import { mulberry32 } from '../protocol/seededStream';
import type { Chooser } from './controlledScheduler';
import { ReplayChooser, type Divergence } from './replay';

export const fifoChooser: Chooser = {
  mode: 'fifo',
  choose: (choice, go) => go(choice.fallback),
};

/** The scheduler's stream of its own, from the run's seed. */
function seededStream(seed: number): () => number {
  return mulberry32(Math.imul(seed ^ 0x5bd1e995, 0x27d4eb2d));
}

export function randomChooser(seed: number): Chooser {
  const next = seededStream(seed);
  return {
    mode: 'random',
    choose: (choice, go) => go(choice.runnable[Math.floor(next() * choice.runnable.length)].proc),
  };
}

/**
 * A person decides: `ask` shows them the choice; `answer` (from the parent's `choice` message)
 * lets the run go on. An answer for another step, or naming a process that cannot go on now, is
 * ignored and the question asked again.
 */
export class StepChooser implements Chooser {
  readonly mode: ScheduleMode = 'step';
  readonly readsReasons = true;
  #open: { choice: StepChoice; go: (proc: number) => void } | null = null;

  constructor(private readonly ask: (choice: StepChoice) => void) {}

  choose(choice: StepChoice, go: (proc: number) => void): void {
    this.#open = { choice, go };
    this.ask(choice);
  }

  answer(step: number, proc: number): void {
    const open = this.#open;
    if (!open) return;
    if (step !== open.choice.step || !open.choice.runnable.some((r) => r.proc === proc)) {
      this.ask(open.choice);
      return;
    }
    this.#open = null;
    open.go(proc);
  }
}

/** Whether `config` asks for a controlled schedule. */
export function isControlled(config: RunConfig): boolean {
  return (config.schedule !== undefined && config.schedule !== 'realtime') || !!config.replay;
}

/**
 * The chooser `config` asks for (a controlled one: see isControlled). `ask` shows a person a
 * step-mode choice; `diverged` stops a replay that found something else than its recording.
 */
export function chooserFor(
  config: RunConfig,
  ask: (choice: StepChoice) => void,
  diverged: (d: Divergence) => void,
): { chooser: Chooser; person: StepChooser | null } {
  const person = config.schedule === 'step' ? new StepChooser(ask) : null;
  const then: Chooser =
    person ?? (config.schedule === 'random' ? randomChooser(config.seed) : fifoChooser);
  if (!config.replay) return { chooser: then, person };
  const { steps, until, timerGrainUs } = config.replay;
  const recorded = steps as ReplayStep[];
  const replay = new ReplayChooser(recorded, until, () => then, diverged);
  replay.timerGrainUs = timerGrainUs;
  return { chooser: replay, person };
}
