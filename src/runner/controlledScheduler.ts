/**
 * The controlled scheduling policy: at most one lab process runs at a time. A process that sends
 * a request at a scheduling point (schedulePoints.ts) stops there; an answer that would wake a
 * second process while one runs is held back as that process's next step ("return from acquire
 * mutex", "wake from sleep(2)"). Once no live process is running, the chooser (fifo, random, a
 * person, a recorded schedule) picks which waiting one goes on; the decision is a `sched.step`
 * event. Time is virtual (virtualClock.ts), so the same choices give the same log.
 */
import type { Json, Localized, ScheduleMode } from '../protocol/events';
import type { StepChoice } from '../protocol/host';
import type { LabMessage } from '../protocol/lab';
import type { ProcRec } from './procRec';
import type { Recorder } from './recorder';
import type { StepChooser } from './scheduleChoosers';
import type { ControlledSetup, Execute, SchedulerPolicy, TimerHandle } from './scheduler';
import { describeOp, describeResume, isPoint, type NameWorld } from './schedulePoints';
import { VirtualClock } from './virtualClock';
import type { Waiter } from './waiter';
import { describeWait, type WaitWorld } from './waitText';
import { tidyLocalized } from '../model/chineseText';

/** Makes each decision: calls `go` with the chosen process index (maybe later: a person). */
export interface Chooser {
  readonly mode: ScheduleMode;
  /** Timers due within this much lab time (µs) of each other fire together (VirtualClock). */
  readonly timerGrainUs?: number;
  /**
   * Whether it reads a choice's `blocked` (why each other process cannot go on): a person does;
   * without it the list is left empty (working out every blocked process's words at every
   * decision would cost an exploration more than the rest of the decision).
   */
  readonly readsReasons?: boolean;
  choose(choice: StepChoice, go: (proc: number) => void): void;
}

export interface ControlledRun extends WaitWorld, NameWorld {
  readonly rec: Recorder;
  /** The live lab processes. */
  alive(): readonly ProcRec[];
  ending(): boolean;
  /** Nothing can run and no timer is left: a deadlock or a hang. */
  stuck(): void;
}

/**
 * Requests whose own answer waits for a step: the process they wake runs first. A Python child
 * (`proc.adopt`) is already running when its parent asks: from the adopt on it counts as a
 * running process, so no decision is made until it has attached and parked at its first point.
 */
const HOLD_ANSWER = new Set<LabMessage['op']>(['proc.start', 'proc.adopt', 'proc.terminate']);

interface Pending {
  /**
   * Its words for the prompt and the log, said when it is offered: a request may name an object
   * whose creation waits ahead of it (`new Pool()` then `map()` in one turn), named by then.
   */
  readonly op: () => Localized;
  /**
   * How long it has waited, as fifo reads it (`waitedLonger`): the step it was parked at; then,
   * within a step, held answers (parked while that step executed, in that order) before requests
   * (parked by processes that ran after it, by process index: processes woken together run at
   * once, and the order their requests happen to arrive in must not decide anything).
   */
  readonly round: number;
  readonly answer: boolean;
  readonly rank: number;
  /** A request to execute, or a held answer to deliver. */
  readonly go: () => void;
  /**
   * The `proc.adopt` of a pool worker that replaces one (asked by `poolStart`, see
   * `ProcRec.startsAsked`): it goes ahead of the owner's other steps, and its answer is not held,
   * since the thread that asked ends with it while the owner's other threads wait.
   */
  readonly adoptsWorker?: boolean;
}

export class ControlledScheduler implements SchedulerPolicy {
  readonly name = 'controlled';
  readonly leasing = false;
  readonly clock: VirtualClock;
  readonly #pending = new Map<ProcRec, Pending[]>();
  /** The request each process last made and is not yet answered for. */
  readonly #asked = new Map<ProcRec, LabMessage>();
  /** The value each process is writing (its fill's words). */
  readonly #filling = new Map<ProcRec, Json | undefined>();
  #order = 0;
  #step = 0;
  #executing: ProcRec | null = null;
  #hold = false;
  #kicked = false;
  #deciding = false;
  #dying: { p: ProcRec; record: () => void }[] = [];
  /** Messages waiting for their process to stop running (`sendWhenStill`). */
  #whenStill: { p: ProcRec; send: () => void }[] = [];

  private readonly run: ControlledRun;
  private readonly chooser: Chooser;
  readonly #person: StepChooser | null;

  constructor(
    speed: number,
    private readonly execute: Execute,
    setup: ControlledSetup,
  ) {
    this.run = setup.run;
    this.chooser = setup.chooser;
    this.#person = setup.person;
    this.clock = new VirtualClock(speed, setup.chooser.timerGrainUs ?? setup.timerGrainUs);
    this.run.rec.useVirtualClock(() => this.clock.now());
  }

  /** Step mode: the parent's answer to question `step`. */
  answer(step: number, proc: number): void {
    this.#person?.answer(step, proc);
  }

  get mode(): ScheduleMode {
    return this.chooser.mode;
  }

  /** Decisions made so far. */
  get steps(): number {
    return this.#step;
  }

  admit(p: ProcRec, msg: LabMessage): void {
    if (msg.id === 0) return this.execute(p, msg);
    if (!isPoint(msg)) {
      // A sleep: the process now waits on the clock, which may leave nothing running.
      this.#run(p, msg);
      return this.#kick();
    }
    const filling = this.#filling.get(p);
    // Said once, when first offered (names do not change after that): a process that stays
    // runnable is offered at every decision until it is chosen.
    let words: Localized | null = null;
    const op = () => (words ??= tidyLocalized(describeOp(msg, this.run, filling)));
    const since = { round: this.#step, answer: false, rank: p.index };
    const adoptsWorker =
      msg.op === 'proc.adopt' && msg.pool !== undefined && p.startsAsked > this.#adopting(p);
    this.#park(p, { op, ...since, go: () => this.#run(p, msg, adoptsWorker), adoptsWorker });
  }

  choose(_waiters: readonly Waiter[]): number {
    return 0;
  }

  sendWhenStill(p: ProcRec, send: () => void): void {
    this.#whenStill.push({ p, send });
    this.#kick();
  }

  /** Sends what waited for its process to stop running; true when something was sent. */
  #sendStill(): boolean {
    const ready = this.#whenStill.filter(({ p }) => !p.alive || !this.#threadRuns(p));
    if (ready.length === 0) return false;
    this.#whenStill = this.#whenStill.filter((w) => !ready.includes(w));
    for (const { p, send } of ready) if (p.alive) send();
    return true;
  }

  after(labSec: number, fn: () => void): TimerHandle {
    return this.clock.after(labSec, fn);
  }

  get pendingTimers(): number {
    return this.clock.pendingTimers;
  }

  /**
   * An answer for `p`: it goes now when `p` is the process being stepped, else it waits as
   * `p`'s next step (only one process runs at a time).
   */
  deliver(p: ProcRec, send: () => void): void {
    if (p === this.#executing && !this.#hold) {
      this.#asked.delete(p);
      return send();
    }
    const asked = this.#asked.get(p);
    this.#asked.delete(p);
    const op = asked
      ? tidyLocalized(describeResume(asked, this.run))
      : { en: 'go on', 'zh-CN': '继续' };
    const since = { round: this.#step, answer: true, rank: this.#order++ };
    this.#park(p, { op: () => op, ...since, go: send });
  }

  /**
   * Processes killed together (a main's daemons) exit in whatever order the OS gives: their
   * exits are recorded once all of them have exited, in process order.
   */
  orderExit(p: ProcRec, record: () => void): void {
    if (!p.killReason) return record();
    this.#dying.push({ p, record });
    const dying = this.#dying;
    if (this.run.alive().some((q) => q.killReason && !dying.some((d) => d.p === q))) return;
    this.#dying = [];
    for (const d of dying.sort((a, b) => a.p.index - b.p.index)) d.record();
  }

  exited(p: ProcRec): void {
    this.#pending.delete(p);
    this.#asked.delete(p);
    this.#filling.delete(p);
    this.#kick();
  }

  #park(p: ProcRec, step: Pending): void {
    let list = this.#pending.get(p);
    if (!list) this.#pending.set(p, (list = []));
    if (step.adoptsWorker) list.splice(this.#adopting(p), 0, step);
    else list.push(step);
    this.#kick();
  }

  /** Replacement adopts `p` has parked (always first in its list). */
  #adopting(p: ProcRec): number {
    return this.#pending.get(p)?.filter((step) => step.adoptsWorker).length ?? 0;
  }

  #run(p: ProcRec, msg: LabMessage, release = false): void {
    this.#executing = p;
    this.#hold = HOLD_ANSWER.has(msg.op) && !release;
    this.#asked.set(p, msg);
    if (msg.op === 'file.write') this.#filling.set(p, msg.value);
    try {
      this.execute(p, msg);
    } finally {
      this.#executing = null;
      this.#hold = false;
    }
  }

  /**
   * A process still runs: alive, and neither at a point, nor waiting, nor asleep. One being killed
   * counts as running until its exit is in, even when it had parked at a point: whether the OS
   * ends it before the next decision must not decide who the next decision can pick (a pool
   * worker parked at "take a task" when terminate() killed it was offered in some runs only).
   * So does an owner asked to start a Python pool worker (`poolStart`), until its adopt is in.
   */
  #running(p: ProcRec): boolean {
    if (p.killReason) return true;
    if (p.startsAsked > this.#adopting(p)) return true;
    return this.#threadRuns(p);
  }

  /** A thread of `p` runs: it is neither at a point, nor waiting, nor asleep. */
  #threadRuns(p: ProcRec): boolean {
    if (this.#pending.get(p)?.length) return false;
    return p.waiting.size === 0 && p.timers.size === 0;
  }

  /** Decides once the current turn is over (a read may carry more than one message). */
  #kick(): void {
    if (this.#kicked) return;
    this.#kicked = true;
    setImmediate(() => {
      this.#kicked = false;
      this.#decide();
    });
  }

  #decide(): void {
    if (this.#deciding || this.run.ending()) return;
    if (this.#sendStill()) return this.#kick();
    const alive = this.run.alive();
    if (alive.length === 0 || alive.some((p) => this.#running(p))) return;
    const runnable = alive.filter((p) => this.#pending.get(p)?.length);
    if (runnable.length === 0) {
      if (this.clock.advance()) return this.#kick();
      return this.run.stuck();
    }
    const heads = runnable.map((p) => this.#pending.get(p)![0]);
    let fallback = 0;
    for (let i = 1; i < heads.length; i++)
      if (waitedLonger(heads[i], heads[fallback])) fallback = i;
    const step = ++this.#step;
    const choice: StepChoice = {
      step,
      runnable: runnable.map((p, i) => ({ proc: p.index, name: p.name, op: heads[i].op() })),
      // Why the others wait is for a person only (an exploration's decision never reads it).
      blocked: this.chooser.readsReasons
        ? alive.filter((p) => !runnable.includes(p)).map((p) => this.#blocked(p))
        : [],
      fallback: runnable[fallback].index,
    };
    this.#deciding = true;
    this.chooser.choose(choice, (proc) => this.#take(choice, proc));
  }

  #take(choice: StepChoice, proc: number): void {
    this.#deciding = false;
    if (this.run.ending()) return;
    const p = this.run.proc(proc);
    const step = p && this.#pending.get(p)?.shift();
    if (!p || !step) return this.#kick();
    this.clock.tick();
    this.run.rec.emit(-1, 'sched.step', {
      step: choice.step,
      chosen: proc,
      runnable: choice.runnable.map((r) => r.proc),
      ops: choice.runnable.map((r) => r.op.en),
      fallback: choice.fallback,
    });
    step.go();
    this.#kick();
  }

  #blocked(p: ProcRec): StepChoice['blocked'][number] {
    const [w] = p.waiting;
    const reason: Localized = w
      ? describeWait(w, this.run)
      : p.timers.size > 0
        ? { en: `${p.name} is asleep`, 'zh-CN': `${p.name} 正在睡眠` }
        : { en: `${p.name} is exiting`, 'zh-CN': `${p.name} 正在退出` };
    return { proc: p.index, name: p.name, reason: tidyLocalized(reason) };
  }
}

/** Whether `a` has waited longer than `b` (see `Pending`): what fifo runs first. */
function waitedLonger(a: Pending, b: Pending): boolean {
  if (a.round !== b.round) return a.round < b.round;
  if (a.answer !== b.answer) return a.answer;
  return a.rank < b.rank;
}
