/**
 * Lab processes kept across the runs of an exploration. Booting Node costs far more than a whole
 * controlled run of a small lab, so a process that finished its run loads the lab afresh and comes
 * back here (init.recycle) instead of exiting; the next run takes it, main included. Processes
 * that were killed (a deadlock, a daemon at main's end) are replaced by booting new ones.
 */
import { readLabControl } from '../protocol/labControl';
import {
  startLabProcess,
  type LabProcess,
  type LabProcessSpec,
  type ProcessSource,
} from './spares';
import type { Watchdog } from './watchdog';

interface Kept extends LabProcess {
  ready: boolean;
  gone: () => void;
}

export class LabProcessPool {
  #kept: Kept[] = [];
  #onReady: (() => void)[] = [];
  /** How many processes a run takes (main and its children): kept ready between runs. */
  #wanted = 1;
  #closed = false;

  /** `runsAtOnce`: how many runs take processes from here at the same time. */
  constructor(
    private readonly spec: LabProcessSpec,
    private readonly watchdog: Watchdog,
    private readonly runsAtOnce = 1,
  ) {}

  /** A run takes `n` processes: keep that many for each run made at once (at most 64). */
  want(n: number): void {
    this.#wanted = Math.min(64, Math.max(this.#wanted, n * this.runsAtOnce));
    this.refill();
  }

  /** Boots processes until as many as a run takes are kept (ready or booting). */
  refill(): void {
    while (!this.#closed && this.#kept.length < this.#wanted) this.#keep(this.#boot(), false);
  }

  #boot(): LabProcess {
    return startLabProcess(this.spec, this.watchdog);
  }

  /** Keeps `process`, ready or not; its `ready` moves it to the front. */
  #keep(process: LabProcess, ready: boolean): void {
    const kept: Kept = { ...process, ready, gone: () => this.#drop(kept) };
    process.child.once('exit', kept.gone);
    process.wire.listen({
      onMessage: (m) => {
        const c = readLabControl(m);
        if (!c || !('ready' in c) || kept.ready) return;
        kept.ready = true;
        for (const f of this.#onReady.splice(0)) f();
      },
      onBad: () => process.child.kill('SIGKILL'),
    });
    this.#kept.push(kept);
    if (ready) for (const f of this.#onReady.splice(0)) f();
  }

  #drop(kept: Kept): void {
    const i = this.#kept.indexOf(kept);
    if (i >= 0) this.#kept.splice(i, 1);
    this.watchdog.forget(kept.child.pid ?? -1);
    for (const f of this.#onReady.splice(0)) f();
  }

  get readyCount(): number {
    return this.#kept.filter((k) => k.ready).length;
  }

  /** A kept process, ready ones first; null when none is left. */
  take(): LabProcess | null {
    const i = this.#kept.findIndex((k) => k.ready);
    const [kept] = this.#kept.splice(i >= 0 ? i : 0, 1);
    if (!kept) return null;
    kept.child.removeListener('exit', kept.gone);
    if (kept.child.exitCode !== null || kept.child.signalCode !== null || kept.wire.ended) {
      this.watchdog.forget(kept.child.pid ?? -1);
      return this.take();
    }
    return { child: kept.child, wire: kept.wire };
  }

  whenReady(n: number, capMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, capMs);
      const check = () => {
        if (this.#closed || this.readyCount >= Math.min(n, this.#kept.length)) {
          clearTimeout(timer);
          resolve();
        } else this.#onReady.push(check);
      };
      check();
    });
  }

  /** What one run sees: processes come from here, and go back here when they are reused. */
  forRun(): ProcessSource {
    return {
      forMain: true,
      start: () => this.#boot(),
      topUp: (_started, hint) => {
        if (hint !== undefined) this.want(hint + 1);
      },
      whenReady: (n, capMs) => this.whenReady(n, capMs),
      take: () => this.take(),
      // The kept processes are the exploration's, not the run's: they stay.
      close: () => {},
      // It is loading the lab afresh: ready when it says so.
      giveBack: (process) => {
        this.watchdog.watch(process.child.pid ?? -1);
        if (this.#closed) process.child.kill('SIGKILL');
        else this.#keep(process, false);
      },
    };
  }

  /** The exploration is over: every kept process goes. */
  close(): void {
    this.#closed = true;
    for (const f of this.#onReady.splice(0)) f();
    for (const k of this.#kept.splice(0)) {
      k.child.removeListener('exit', k.gone);
      k.child.kill('SIGKILL');
      this.watchdog.forget(k.child.pid ?? -1);
    }
  }
}
