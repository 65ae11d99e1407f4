/**
 * Memory bounds of a run. Each lab process runs with a V8 heap bound (`--max-old-space-size`,
 * set where it is started); Buffers and other memory outside the heap are not under that bound,
 * so the resident size of every lab process is watched too, alone and summed over the run. A
 * Python run's processes have no heap bound: the resident size of each is the bound, for the
 * brokered ones (main and those multiprocessing started, whichever way they attached) and for
 * the run's other processes (os.fork or subprocess children, the forkserver), which a
 * Python run asks for with `unbrokered`. Linux gives it in /proc; elsewhere only the heap
 * bound holds.
 */
import { readFileSync } from 'node:fs';
import type { ProcRec } from './procRec';

const WATCH_MS = 200;
/** The run's other processes are looked for every this many checks (a scan of /proc). */
const SCAN_EVERY = 5;
const CAN_WATCH = process.platform === 'linux';

export interface MemoryOver {
  /** The process that went past the per-process bound; absent when the run's sum did. */
  proc?: ProcRec;
  /** A process of the run that is not a lab process (unbrokered) and went past that bound. */
  pid?: number;
  usedMB: number;
  limitMB: number;
}

/** Resident size of process `pid` in MB, or 0 when it cannot be read (gone, or not Linux). */
export function residentMB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status);
    return kb ? Number(kb[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

export class MemoryWatch {
  #timer: NodeJS.Timeout | null = null;
  #checks = 0;
  /** The run's unbrokered processes, as last scanned. */
  #others: number[] = [];

  constructor(
    private readonly processMB: number,
    private readonly runMB: number,
    private readonly alive: () => readonly ProcRec[],
    /** Called once, the first time a bound is passed. */
    private readonly onOver: (over: MemoryOver) => void,
    /** The pids of the run's processes besides its lab processes, when they are watched too. */
    private readonly unbrokered?: () => readonly number[],
  ) {}

  start(): void {
    if (!CAN_WATCH) return;
    this.#timer = setInterval(() => this.check(), WATCH_MS);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** Reads every live lab process's resident size; reports (once) a bound that was passed. */
  check(): void {
    let total = 0;
    const alive = this.alive();
    for (const p of alive) {
      const used = residentMB(p.pid);
      total += used;
      if (used > this.processMB)
        return this.#over({ proc: p, usedMB: used, limitMB: this.processMB });
    }
    if (this.unbrokered && this.#checks++ % SCAN_EVERY === 0) {
      const brokered = new Set(alive.map((p) => p.pid));
      this.#others = this.unbrokered().filter((pid) => !brokered.has(pid));
    }
    for (const pid of this.#others) {
      const used = residentMB(pid);
      total += used;
      if (used > this.processMB) return this.#over({ pid, usedMB: used, limitMB: this.processMB });
    }
    if (total > this.runMB) this.#over({ usedMB: total, limitMB: this.runMB });
  }

  #over(over: MemoryOver): void {
    this.stop();
    this.onOver(over);
  }
}
