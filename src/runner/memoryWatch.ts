/**
 * Memory bounds of a run. Each lab process runs with a V8 heap bound (`--max-old-space-size`,
 * set where it is started); Buffers and other memory outside the heap are not under that bound,
 * so the resident size of every lab process is watched too, alone and summed over the run. Linux
 * gives it in /proc; elsewhere only the heap bound holds.
 */
import { readFileSync } from 'node:fs';
import type { ProcRec } from './procRec';

const WATCH_MS = 200;
const CAN_WATCH = process.platform === 'linux';

export interface MemoryOver {
  /** The process that went past the per-process bound; absent when the run's sum did. */
  proc?: ProcRec;
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

  constructor(
    private readonly processMB: number,
    private readonly runMB: number,
    private readonly alive: () => readonly ProcRec[],
    /** Called once, the first time a bound is passed. */
    private readonly onOver: (over: MemoryOver) => void,
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
    for (const p of this.alive()) {
      const used = residentMB(p.pid);
      total += used;
      if (used > this.processMB)
        return this.#over({ proc: p, usedMB: used, limitMB: this.processMB });
    }
    if (total > this.runMB) this.#over({ usedMB: total, limitMB: this.runMB });
  }

  #over(over: MemoryOver): void {
    this.stop();
    this.onOver(over);
  }
}
