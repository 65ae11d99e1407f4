/**
 * The run's supervision state: the timeout, and deadlock and hang detection over time. What a
 * deadlock or a hang is lives in waitGraph.ts; this decides when one is real. A suspect must
 * hold still over a supervision tick, and every process in it must say it has no work of its own
 * pending (loopProbes.ts): a process that still does something may yet end it.
 */
import type { RunStatus } from '../protocol/events';
import type { ProbeToLab } from '../protocol/labControl';
import type { Diagnosis } from './waitGraph';
import { describeHang, findDeadlock, findStuckCycle, isStuck } from './waitGraph';
import { LoopProbes } from './loopProbes';
import type { ProcRec } from './procRec';
import type { Recorder } from './recorder';
import type { SchedulerPolicy } from './scheduler';
import type { WaitWorld } from './waitText';

/** How often deadlock suspects and hangs are checked; both are confirmed over two ticks. */
const SUPERVISE_MS = 150;

export interface SupervisedRun extends WaitWorld {
  readonly rec: Recorder;
  readonly sched: SchedulerPolicy;
  readonly lang: 'en' | 'zh-CN';
  /** The live lab processes. */
  alive(): readonly ProcRec[];
  /** Processes that already ended with an error (a hang's likely cause). */
  failed(): readonly ProcRec[];
  /** Sends a probe to a lab process. */
  sendProbe(p: ProcRec, msg: ProbeToLab): void;
  end(status: RunStatus, message: string): void;
}

export class Supervisor {
  /** Counts everything that moves the run on (messages, timers, exits); a hang shows none. */
  #progress = 0;
  #stuckAt = -1;
  #suspect: { start: ProcRec; activity: number[] } | null = null;
  #tick: NodeJS.Timeout | null = null;
  #timeout: NodeJS.Timeout | null = null;
  /** A controlled run found nothing to run at this progress count and is probing (stuckNow). */
  #stuckProbedAt = -1;

  readonly #probes: LoopProbes;

  constructor(private readonly run: SupervisedRun) {
    this.#probes = new LoopProbes((p, msg) => run.sendProbe(p, msg));
  }

  /** A lab process answered a probe. */
  probeAnswered(p: ProcRec, probe: number, busy: boolean): void {
    this.#probes.answer(p, probe, busy);
    // Nothing moved since a controlled run found itself stuck: ask again (decide, or probe on).
    if (this.#stuckProbedAt >= 0 && this.#stuckProbedAt === this.#progress) this.stuckNow();
  }

  /**
   * Starts the clock: the run ends with `timeout` after `timeoutMs`, whatever happens. `watch`:
   * look for deadlocks and hangs over time (a controlled run calls stuckNow instead).
   */
  start(timeoutMs: number, onTimeout: () => void, watch = true): void {
    this.#timeout = setTimeout(onTimeout, timeoutMs);
    this.#restartTimeout = () => {
      if (this.#timeout) clearTimeout(this.#timeout);
      this.#timeout = setTimeout(onTimeout, timeoutMs);
    };
    if (watch) this.#tick = setInterval(() => this.#supervise(), SUPERVISE_MS);
  }

  #restartTimeout: (() => void) | null = null;

  /**
   * The lab's time begins at run.start (lab time 0), and so does its time limit: booting and
   * loading do not eat into it. The limit armed by start() still bounds a lab that never loads.
   */
  labStarted(): void {
    this.#restartTimeout?.();
    this.#restartTimeout = null;
  }

  /**
   * A controlled run found nothing runnable and no timer left: name the deadlock, or the hang,
   * once every live process says it has no work of its own pending (a timer it set itself may
   * still release a lock). A process that answers busy is asked again; one that acts meanwhile
   * moves the run on, and the scheduler decides again instead.
   */
  stuckNow(): void {
    const alive = this.run.alive();
    if (this.#probes.check(alive) !== 'idle') {
      this.#stuckProbedAt = this.#progress;
      return;
    }
    this.#stuckProbedAt = -1;
    this.#endStuck(alive, []);
  }

  /** Every live process waits and none can move: a deadlock when they wait in a cycle, else a hang. */
  #endStuck(alive: readonly ProcRec[], failed: readonly ProcRec[]): void {
    const cycle = findStuckCycle(alive, this.run);
    if (cycle) {
      this.run.rec.emit(-1, 'diag', { code: 'deadlock', ...cycle });
      return this.run.end('deadlock', cycle.message[this.run.lang]);
    }
    const d = describeHang(alive, this.run, failed);
    this.run.rec.emit(-1, 'diag', { code: 'hang', ...d });
    this.run.end('hang', d.message[this.run.lang]);
  }

  stop(): void {
    if (this.#tick) clearInterval(this.#tick);
    if (this.#timeout) clearTimeout(this.#timeout);
    this.#tick = this.#timeout = null;
  }

  progress(): void {
    this.#progress++;
    if (this.#stuckProbedAt < 0) return;
    // The run moved while a controlled run probed: the scheduler decides again, afresh.
    this.#stuckProbedAt = -1;
    this.#probes.reset();
  }

  /** `p` just blocked on a wait only another process can end: is it in a wait-for cycle? */
  blocked(p: ProcRec): void {
    const d = findDeadlock(p, this.run);
    if (d) this.#suspect = { start: p, activity: this.#activity(d) };
  }

  #activity(d: Diagnosis): number[] {
    return d.procs.map((i) => this.run.proc(i)?.activity ?? -1);
  }

  /** A cycle is a deadlock only if it stays while none of its processes does anything else. */
  #checkDeadlock(): boolean {
    const s = this.#suspect;
    if (!s) return false;
    const d = findDeadlock(s.start, this.run);
    if (!d) {
      this.#suspect = null;
      this.#probes.reset();
      return false;
    }
    const activity = this.#activity(d);
    if (activity.length !== s.activity.length || activity.some((a, i) => a !== s.activity[i])) {
      s.activity = activity;
      return false;
    }
    const procs = d.procs.map((i) => this.run.proc(i)).filter((p): p is ProcRec => !!p);
    if (this.#probes.check(procs) !== 'idle') return false;
    this.run.rec.emit(-1, 'diag', { code: 'deadlock', ...d });
    this.run.end('deadlock', d.message[this.run.lang]);
    return true;
  }

  #supervise(): void {
    if (this.#checkDeadlock()) return;
    const alive = this.run.alive();
    if (!isStuck(alive, this.run.sched.pendingTimers)) {
      this.#stuckAt = -1;
      return;
    }
    if (this.#stuckAt !== this.#progress) {
      this.#stuckAt = this.#progress;
      return;
    }
    if (this.#probes.check(alive) !== 'idle') return;
    this.#endStuck(alive, this.run.failed());
  }
}
