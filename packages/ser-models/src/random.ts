/** A seeded pseudo-random generator returning uniform numbers in [0, 1) (mulberry32). */
export type Random = () => number;

/** Creates a seeded {@link Random} (mulberry32: fast, 32-bit state, good enough for shuffling). */
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
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Runs a synchronous function with `Math.random` replaced by a seeded generator, then restores it.
 * TensorFlow.js seeds every unseeded random op (dropout masks) from `Math.random`, so this makes a
 * training step reproducible without fixing one mask for all steps. Synchronous on purpose: no other
 * code can observe the replacement.
 */
export function withSeededMathRandom<T>(random: Random, fn: () => T): T {
  const original = Math.random;
  Math.random = random;
  try {
    return fn();
  } finally {
    Math.random = original;
  }
}
