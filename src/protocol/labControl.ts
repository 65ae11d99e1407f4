/**
 * Control messages between a lab process and its runner: about the process itself, not
 * operations of the lab. They travel on the lab wire with the lab messages and are told apart by
 * their one key; none of them is recorded as an event.
 */
import { LAB_CONTROL_DEFINITIONS, TO_LAB_DEFINITIONS } from './labOps';
import { compileShape, isRecord, shapeError } from './schema';
import type { ShapeValue } from './shapeTypes';

type Controls = typeof LAB_CONTROL_DEFINITIONS;
/** Lab → runner (their shapes and what they say: `LAB_CONTROL_DEFINITIONS`). */
export type LabControl = ShapeValue<Controls[keyof Controls]['fields']>;

/** Runner → lab: does the process have work of its own pending? (asked before a deadlock or hang is called) */
export type ProbeToLab = ShapeValue<typeof TO_LAB_DEFINITIONS.probe.fields>;

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
  if (isRecord(x.judged) && shapeError(x, JUDGED) === null) return x as LabControl;
  if (x.recycled === true) return { recycled: true };
  if (isRecord(x.attach) && Number.isSafeInteger(x.attach.pid) && (x.attach.pid as number) > 0)
    return { attach: { pid: x.attach.pid as number } };
  return null;
}

const JUDGED = compileShape(LAB_CONTROL_DEFINITIONS.judged.fields);

/** Runner → main: judge the run (its `hello` said the lab declares `outcome` or `check`). */
export type JudgeToLab = ShapeValue<typeof TO_LAB_DEFINITIONS.judge.fields>;

// The log came out of JSON from the runner: not walked again (it may hold 200,000 events).
const JUDGE = compileShape({ judge: { object: { events: 'any' } } });

export function isJudgeToLab(x: unknown): x is JudgeToLab {
  return (
    isRecord(x) &&
    isRecord(x.judge) &&
    Array.isArray(x.judge.events) &&
    shapeError(x, JUDGE) === null
  );
}

const PROBE = compileShape(TO_LAB_DEFINITIONS.probe.fields);

export function isProbeToLab(x: unknown): x is ProbeToLab {
  return isRecord(x) && shapeError(x, PROBE) === null;
}

/**
 * The environment variable naming the folder where a run's lab processes share the call-site
 * transform of each lab module (one transform per module per run, not one per process).
 */
export const SITE_CACHE_ENV = 'CONCURRENCY_LABS_SITE_CACHE';
