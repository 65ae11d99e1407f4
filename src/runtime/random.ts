/** Python's random() and randint(), from a stream seeded per process by the run's seed. */
import { mulberry32 } from '../protocol/seededStream';
import { ctx } from './context';
import { ValueError } from './errors';

let stream: (() => number) | null = null;

/** The next run draws from its own seed (the process is reused). */
export function resetRandom(): void {
  stream = null;
}

/** A float in [0, 1) from this process's stream, derived from the run seed and the process index. */
export function random(): number {
  if (!stream) {
    const { seed, proc } = ctx().init;
    stream = mulberry32(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(proc + 1, 0xc2b2ae35));
    for (let i = 0; i < 4; i++) stream();
  }
  return stream();
}

/**
 * An integer N with a ≤ N ≤ b, like Python's random.randint: ValueError for an empty range
 * (b < a) or a bound that is not an integer, TypeError for one that is not a number.
 */
export function randint(a: number, b: number): number {
  for (const [i, v] of [a, b].entries()) {
    if (typeof v !== 'number') throw new TypeError(`randint() argument ${i + 1} must be a number`);
    if (!Number.isSafeInteger(v))
      throw new ValueError(`non-integer arg ${i + 1} for randint(): ${v}`);
  }
  if (b < a) throw new ValueError(`empty range for randint(${a}, ${b})`);
  return a + Math.floor(random() * (b - a + 1));
}
