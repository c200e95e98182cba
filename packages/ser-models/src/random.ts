// The seeded generator and shuffle are @ser/core's (one implementation for splits, training and the tuners).
import type { Random } from '@ser/core';

export { createRandom, shuffled, type Random } from '@ser/core';

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
