/**
 * The one pseudo-random generator behind every seeded stream of a run: the lab's `random()`, the
 * random schedule and the explorer's strategies. mulberry32 is small, fast and gives the same
 * numbers on every machine, so a seed means the same run everywhere. Each user mixes its seed
 * with its own constant first, so their streams never coincide.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
