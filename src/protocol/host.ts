/**
 * Messages between a runner process and its parent (the CLI, the extension host, a test, a bench).
 * Transport: Node `fork` IPC. Events travel in batches, never one message per event.
 */
import type { LabEvent, RunStatus } from './events';
import { checkShape, isRecord, type Check, type Shape } from './schema';
import { checkEvent } from './validateEvent';

/** What to run and how. */
export interface RunConfig {
  /** A built-in lab id (`ticket-race`) or an absolute path to a `*.lab.mjs` / `*.lab.js` file. */
  lab: string;
  /** Seed for every process's random stream. */
  seed: number;
  /** Time factor: 20 makes a 1 s sleep last 50 ms. > 0. */
  speed: number;
  /** Wall-clock limit in seconds before the run ends with status `timeout`. */
  timeoutSec: number;
  /** Stop recording (and stop the run) after this many events. */
  maxEvents: number;
  /** UI language for names and narration of built-in labs. */
  lang: 'en' | 'zh-CN';
  /** Where the runner writes the JSONL event log as it goes (optional). */
  eventsFile?: string;
  /** Most processes a run may start (main included). */
  maxProcs?: number;
}

export const DEFAULT_CONFIG: Omit<RunConfig, 'lab'> = {
  seed: 1,
  speed: 1,
  timeoutSec: 120,
  maxEvents: 1_000_000,
  lang: 'en',
  maxProcs: 64,
};

/** Parent → runner. */
export type ToRunner =
  /** Start the run (sent once, right after fork). */
  | { type: 'start'; config: RunConfig }
  /** Stop the run: kill the whole tree, end with status `stopped`. */
  | { type: 'stop' };

/** Runner → parent. */
export type FromRunner =
  /** A batch of events in seq order. */
  | { type: 'events'; events: LabEvent[] }
  /** The run is over and every lab process is gone; the last batch came before this. */
  | { type: 'done'; status: RunStatus; eventCount: number; eventsFile?: string }
  /** The runner could not start the run at all (bad config, unknown lab). */
  | { type: 'fatal'; message: string };

const CONFIG_SHAPE: Shape = {
  lab: 'str', seed: 'uint', speed: 'num', timeoutSec: 'num', maxEvents: 'uint',
  lang: { enum: ['en', 'zh-CN'] }, 'eventsFile?': 'str', 'maxProcs?': 'uint',
};

export function checkRunConfig(x: unknown): Check {
  if (!isRecord(x)) return { ok: false, error: 'config must be an object' };
  const c = checkShape(x, CONFIG_SHAPE);
  if (!c.ok) return c;
  if ((x.speed as number) <= 0) return { ok: false, error: 'speed must be > 0' };
  if ((x.timeoutSec as number) <= 0) return { ok: false, error: 'timeoutSec must be > 0' };
  return { ok: true };
}

export function checkToRunner(x: unknown): Check {
  if (!isRecord(x)) return { ok: false, error: 'message must be an object' };
  if (x.type === 'stop') return checkShape(x, { type: 'str' });
  if (x.type === 'start') {
    const c = checkShape(x, { type: 'str', config: 'any' });
    return c.ok ? checkRunConfig(x.config) : c;
  }
  return { ok: false, error: `unknown message type ${JSON.stringify(x.type)}` };
}

/** Checks a runner message; for `events`, every event in the batch. */
export function checkFromRunner(x: unknown): Check {
  if (!isRecord(x)) return { ok: false, error: 'message must be an object' };
  switch (x.type) {
    case 'events': {
      if (!Array.isArray(x.events)) return { ok: false, error: 'events must be an array' };
      for (const e of x.events) {
        const c = checkEvent(e);
        if (!c.ok) return c;
      }
      return { ok: true };
    }
    case 'done':
      return checkShape(x, { type: 'str', status: 'str', eventCount: 'uint', 'eventsFile?': 'str' });
    case 'fatal':
      return checkShape(x, { type: 'str', message: 'str' });
    default:
      return { ok: false, error: `unknown message type ${JSON.stringify(x.type)}` };
  }
}
