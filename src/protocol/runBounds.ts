/**
 * The bounds of every numeric run setting, in one place: the CLI refuses a value outside them
 * with the range in its words, the extension clamps what settings say, and the runner clamps the
 * config it is sent (a parent may be a test or a bench). A timer longer than 2^31-1 ms fires at
 * once in Node, so no bound here lets a run's timeout reach that.
 */
import type { RunConfig } from './host';

export interface Bound {
  min: number;
  max: number;
  /** The value when none is given (or it is not a number). */
  fallback: number;
  /** Whole numbers only. */
  integer: boolean;
}

export type BoundedSetting =
  | 'speed'
  | 'timeoutSec'
  | 'maxEvents'
  | 'maxProcs'
  | 'maxMemoryMB'
  | 'maxRunMemoryMB'
  | 'maxQueuedItems';

export const RUN_BOUNDS: { readonly [K in BoundedSetting]: Bound } = {
  speed: { min: 0.01, max: 1000, fallback: 1, integer: false },
  timeoutSec: { min: 1, max: 86_400, fallback: 120, integer: false },
  maxEvents: { min: 100, max: 5_000_000, fallback: 1_000_000, integer: true },
  maxProcs: { min: 1, max: 256, fallback: 64, integer: true },
  /** One lab process's memory (its V8 heap bound, and its resident size watched). */
  maxMemoryMB: { min: 64, max: 16_384, fallback: 512, integer: true },
  /** All the run's lab processes together (resident size). */
  maxRunMemoryMB: { min: 128, max: 65_536, fallback: 2048, integer: true },
  /** Items all the run's queues hold together (they live in the runner's memory). */
  maxQueuedItems: { min: 1000, max: 20_000_000, fallback: 2_000_000, integer: true },
};

/** `value` brought into the bounds of `setting` (a non-number gives the fallback). */
export function clampSetting(setting: BoundedSetting, value: unknown): number {
  const b = RUN_BOUNDS[setting];
  if (typeof value !== 'number' || !Number.isFinite(value)) return b.fallback;
  const n = b.integer ? Math.round(value) : value;
  return Math.min(b.max, Math.max(b.min, n));
}

/** `config` with every numeric setting clamped into its bounds. */
export function clampRunConfig<C extends Omit<RunConfig, 'lab'>>(config: C): C {
  const maxMemoryMB = clampSetting('maxMemoryMB', config.maxMemoryMB);
  return {
    ...config,
    speed: clampSetting('speed', config.speed),
    timeoutSec: clampSetting('timeoutSec', config.timeoutSec),
    maxEvents: clampSetting('maxEvents', config.maxEvents),
    maxProcs: clampSetting('maxProcs', config.maxProcs),
    maxMemoryMB,
    // Unless given, the run's processes together may use four times what one may.
    maxRunMemoryMB: clampSetting('maxRunMemoryMB', config.maxRunMemoryMB ?? 4 * maxMemoryMB),
    maxQueuedItems: clampSetting('maxQueuedItems', config.maxQueuedItems),
  };
}
