/** Checks of constructor arguments shared by the synchronization primitives, as CPython makes them. */
import { ValueError } from './errors';

/** A counter's initial value: an integer ≥ 0 (CPython: TypeError for a float, an error below 0). */
export function counterArg(value: unknown, call: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw new TypeError(
      `${call}: value must be an integer, not ${typeof value === 'number' ? value : typeof value}`,
    );
  if (value < 0) throw new ValueError(`${call}: value must be >= 0, not ${value}`);
  return value;
}

/** The name a primitive shows on the timeline, if the lab gave one. */
export function nameArg(name: unknown): string | undefined {
  return name === undefined || name === null ? undefined : String(name);
}
