import type { Shape } from './schema';

/**
 * The field of every event that a lab call makes: `site` is the run's id of the line of lab code
 * that made the call (a `site` event says which). Spread into each such kind, after its own fields
 * (so a slot it adds never moves theirs).
 */
export const AT_SITE = { 'site?': 'uint' } as const satisfies Shape;
