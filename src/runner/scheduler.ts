/**
 * The scheduler: the ONE place that decides which pending lab request proceeds next
 * (ARCHITECTURE invariant 3). Brokers never grant on their own judgement of order: they ask
 * `admit` before acting on a request, `choose` when several waiters could take a freed resource,
 * and `after` for every delay (sleeps, timeouts). Today's policy is realtime; a controlled policy
 * (step mode, schedule exploration, virtual time) replaces this object and nothing else.
 */
import type { LabMessage } from '../protocol/lab';
import { ControlledScheduler, type Chooser, type ControlledRun } from './controlledScheduler';
import type { StepChooser } from './scheduleChoosers';
import type { ProcRec } from './procRec';
import type { Waiter } from './waiter';
import { monotonicMs } from '../wire/monotonicClock';

export interface TimerHandle {
  cancel(): void;
}

export interface SchedulerPolicy {
  readonly name: string;
  /** A validated request from `p` is ready; the policy runs `execute(p, msg)` when it may proceed. */
  admit(p: ProcRec, msg: LabMessage): void;
  /** Several waiters could take a freed resource: the index of the one that gets it. */
  choose(waiters: readonly Waiter[]): number;
  /** Calls `fn` after `labSec` lab seconds. */
  after(labSec: number, fn: () => void): TimerHandle;
  /** Timers that will fire on their own; hang detection needs this to be 0. */
  readonly pendingTimers: number;
  /**
   * May the queue broker lease a queue's front items to its sole getter ahead of its get() calls
   * (src/runner/queueLease.ts)? A leased get is not a request, so the policy never sees it: a
   * controlled policy that must order every get itself says no, and each get is admitted again.
   */
  readonly leasing: boolean;
  /**
   * Sends `p` a message that makes it act on its own (a Python pool's owner starts a new worker
   * on another thread). A controlled policy sends it once no thread of `p` runs, so that what
   * the message starts never races another of `p`'s steps; when absent, it is sent now.
   */
  sendWhenStill?(p: ProcRec, send: () => void): void;
}

const MAX_DELAY_MS = 2_147_483_647;

export type Execute = (p: ProcRec, msg: LabMessage) => void;

/** Grant as soon as the semantics allow; FIFO waiters; real timers scaled by the run's speed. */
export class RealtimeScheduler implements SchedulerPolicy {
  readonly name = 'realtime';
  #pending = 0;

  /** `clock`: the monotonic clock (ms) a timer's time is checked on (a test passes its own). */
  constructor(
    private readonly speed: number,
    private readonly execute: Execute,
    readonly leasing = true,
    private readonly clock: () => number = monotonicMs,
  ) {}

  admit(p: ProcRec, msg: LabMessage): void {
    this.execute(p, msg);
  }

  choose(_waiters: readonly Waiter[]): number {
    return 0;
  }

  after(labSec: number, fn: () => void): TimerHandle {
    this.#pending++;
    let live = true;
    const done = () => {
      if (!live) return;
      live = false;
      this.#pending--;
    };
    const fire = () => {
      done();
      fn();
    };
    const ms = Math.min(MAX_DELAY_MS, Math.max(0, (labSec * 1000) / this.speed));
    // A zero sleep just yields: setTimeout would round it up to a whole millisecond.
    if (ms === 0) {
      const imm = setImmediate(fire);
      return {
        cancel: () => {
          if (live) {
            clearImmediate(imm);
            done();
          }
        },
      };
    }
    // Node counts a timer from its loop's clock, read when the loop's turn began: set late in a
    // long turn (a loaded runner), it fires that much early. A timer never ends before its time
    // on the monotonic clock (as Python's sleeps and timeouts never do): it waits again for what
    // is left.
    const due = this.clock() + ms;
    const check = () => {
      const left = due - this.clock();
      if (left > 0) timer = setTimeout(check, Math.min(MAX_DELAY_MS, left + 1));
      else fire();
    };
    let timer = setTimeout(check, ms);
    return {
      cancel: () => {
        if (live) {
          clearTimeout(timer);
          done();
        }
      },
    };
  }

  get pendingTimers(): number {
    return this.#pending;
  }
}

/** What a controlled policy needs: the run it steps, and who makes its decisions. */
export interface ControlledSetup {
  run: ControlledRun;
  chooser: Chooser;
  /** Step mode: the person who answers. */
  person: StepChooser | null;
  /** Timers due within this much lab time (µs) fire together, unless the chooser says. */
  timerGrainUs?: number;
}

/**
 * The policy a run uses: realtime, or controlled (`--schedule fifo|random|step`, `--replay`).
 * One switch. CONCURRENCY_LABS_QUEUE_LEASE=off turns queue leases off (to compare, or to rule
 * them out); a controlled policy never leases.
 */
export function createScheduler(
  speed: number,
  execute: Execute,
  leasing = process.env.CONCURRENCY_LABS_QUEUE_LEASE !== 'off',
  controlled?: ControlledSetup,
): SchedulerPolicy {
  if (controlled) return new ControlledScheduler(speed, execute, controlled);
  return new RealtimeScheduler(speed, execute, leasing);
}
