/**
 * Control messages between a lab process and its runner: about the process itself, not
 * operations of the lab. They travel on the lab wire with the lab messages and are told apart by
 * their one key; none of them is recorded as an event.
 */
import { isRecord } from './schema';

/** Lab → runner. */
export type LabControl =
  /** The lab module has loaded; main says how many processes the lab declares it will start. */
  | { ready: true; processes?: number }
  /**
   * The answer to probe `probe`: `busy` when the process has work of its own pending (timers,
   * I/O, child processes: anything past the runtime's own), so it may still act by itself.
   */
  | { loop: { probe: number; busy: boolean } };

/** Runner → lab: does the process have work of its own pending? (asked before a deadlock or hang is called) */
export interface ProbeToLab {
  probe: number;
}

/** The control message `x` is, or null when it is not one (then it is a lab message to check). */
export function readLabControl(x: unknown): LabControl | null {
  if (!isRecord(x)) return null;
  if (x.ready === true) {
    const n = x.processes;
    return Number.isSafeInteger(n) && (n as number) >= 0
      ? { ready: true, processes: n as number }
      : { ready: true };
  }
  if (isRecord(x.loop) && Number.isSafeInteger(x.loop.probe) && typeof x.loop.busy === 'boolean')
    return { loop: { probe: x.loop.probe as number, busy: x.loop.busy } };
  return null;
}

export function isProbeToLab(x: unknown): x is ProbeToLab {
  return isRecord(x) && Number.isSafeInteger(x.probe) && Object.keys(x).length === 1;
}
