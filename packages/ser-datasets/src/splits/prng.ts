/** A seeded pseudo-random generator returning uniform numbers in [0, 1). */
export type Random = () => number;

/**
 * A small seeded pseudo-random generator (mulberry32: fast, 32-bit state, good enough for shuffling and
 * splits): the same seed gives the same sequence on every platform. A non-integer seed is floored.
 * @ser/models uses this same generator for shuffling, dropout masks and the tuners.
 */
export function createRandom(seed: number): Random {
  let state = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle of a copy of `items` with the given generator. */
export function shuffled<T>(items: ArrayLike<T>, random: Random): T[] {
  const out = Array.from(items);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Fisher–Yates shuffle of a copy of `values` with a generator seeded by `seed`. */
export function seededShuffle<T>(values: readonly T[], seed: number): T[] {
  return shuffled(values, createRandom(seed));
}
