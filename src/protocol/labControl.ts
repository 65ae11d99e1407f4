/**
 * Lab → runner control messages: about the lab process itself, not operations of the lab. They
 * travel on the same channel as lab messages and are told apart by their one key; none of them
 * is recorded as an event.
 */
import { isRecord } from './schema';

export type LabControl =
  /** The lab module has loaded; main says how many processes the lab declares it will start. */
  { ready: true; processes?: number };

/** The control message `x` is, or null when it is not one (then it is a lab message to check). */
export function readLabControl(x: unknown): LabControl | null {
  if (!isRecord(x)) return null;
  if (x.ready === true) {
    const n = x.processes;
    return Number.isSafeInteger(n) && (n as number) >= 0
      ? { ready: true, processes: n as number }
      : { ready: true };
  }
  return null;
}
