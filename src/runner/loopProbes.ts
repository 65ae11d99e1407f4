/**
 * Before a deadlock or a hang is called, the processes in it are asked whether they still have
 * work of their own pending (a timer that will release the lock, a read that will lead to a put).
 * A round of probes goes to a set of processes; the verdict is `idle` only once every one of them
 * has answered that round with nothing pending. A process that never answers (it spins) is never
 * called idle: it may still act, and the run's timeout ends it.
 */
import type { ProbeToLab } from '../protocol/labControl';
import type { ProcRec } from './procRec';

export type ProbeVerdict = 'idle' | 'waiting';

export class LoopProbes {
  #nextProbe = 1;
  #round: { probe: number; key: string; answers: Map<number, boolean> } | null = null;

  constructor(private readonly send: (p: ProcRec, msg: ProbeToLab) => void) {}

  /**
   * Where the probing of `procs` stands: `idle` when all answered the current round with nothing
   * pending; otherwise `waiting` (a round was started, or is still out, or someone was busy and a
   * new round was started).
   */
  check(procs: readonly ProcRec[]): ProbeVerdict {
    const key = procs.map((p) => p.index).join(',');
    const round = this.#round;
    if (!round || round.key !== key) return this.#start(procs, key);
    if (round.answers.size < procs.length) return 'waiting';
    if ([...round.answers.values()].some((busy) => busy)) return this.#start(procs, key);
    return 'idle';
  }

  /** Process `p` answered probe `probe`. */
  answer(p: ProcRec, probe: number, busy: boolean): void {
    const round = this.#round;
    if (round && round.probe === probe) round.answers.set(p.index, busy);
  }

  /** Nothing is suspected any more. */
  reset(): void {
    this.#round = null;
  }

  #start(procs: readonly ProcRec[], key: string): ProbeVerdict {
    const probe = this.#nextProbe++;
    this.#round = { probe, key, answers: new Map() };
    for (const p of procs) this.send(p, { probe });
    return 'waiting';
  }
}
