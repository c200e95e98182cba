/**
 * The seeded pseudo-random generator of ser: one implementation for dataset splits, training (shuffling,
 * dropout masks, augmentation) and the tuners, so that a seed means the same everywhere.
 */

/** A seeded pseudo-random generator returning uniform numbers in [0, 1). */
export type Random = () => number;

/**
 * A small seeded pseudo-random generator (mulberry32: fast, 32-bit state, good enough for shuffling and
 * splits): the same seed gives the same sequence on every platform. A non-integer seed is floored.
 * @param seed - any number (floored to an integer)
 * @returns a function giving the next number in [0, 1) on each call
 * @example
 * ```ts
 * const random = createRandom(42);
 * random(); // the same first number on every machine
 * ```
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

/**
 * Fisher–Yates shuffle of a copy of `items` with the given generator.
 * @param items - what to shuffle (not changed)
 * @param random - the generator, e.g. {@link createRandom}`(seed)`
 * @returns a new array holding `items` in random order
 * @example
 * ```ts
 * shuffled([1, 2, 3, 4], createRandom(1)); // the same order for seed 1 on every machine
 * ```
 */
export function shuffled<T>(items: ArrayLike<T>, random: Random): T[] {
  const out = Array.from(items);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Fisher–Yates shuffle of a copy of `values` with a generator seeded by `seed`.
 * @param values - what to shuffle (not changed)
 * @param seed - the generator's seed
 * @returns a new array holding `values` in random order
 * @example
 * ```ts
 * seededShuffle(['a', 'b', 'c'], 7);
 * ```
 */
export function seededShuffle<T>(values: readonly T[], seed: number): T[] {
  return shuffled(values, createRandom(seed));
}
