import { ModelError } from '../errors.js';

/** Class weights: `'balanced'` (n / (k · count_c), as scikit-learn) or an explicit weight per class index. */
export type ClassWeights = 'balanced' | Record<number, number>;

/**
 * Resolves {@link ClassWeights} to one weight per class.
 * @throws {@link ModelError} when a class is absent from the labels ('balanced') or a weight is not positive.
 */
export function resolveClassWeights(
  spec: ClassWeights | undefined,
  labels: ArrayLike<number>,
  numClasses: number,
): Float32Array {
  const weights = new Float32Array(numClasses).fill(1);
  if (spec === undefined) return weights;
  if (spec === 'balanced') {
    const counts = new Array<number>(numClasses).fill(0);
    for (let i = 0; i < labels.length; i++) counts[labels[i]!]!++;
    counts.forEach((count, c) => {
      weights[c] = count === 0 ? 0 : labels.length / (numClasses * count);
    });
    return weights;
  }
  for (const [key, value] of Object.entries(spec)) {
    const c = Number(key);
    if (!Number.isInteger(c) || c < 0 || c >= numClasses) {
      throw new ModelError('INVALID_ARGUMENT', `classWeights: ${key} is not a class index in [0, ${numClasses})`);
    }
    if (!(Number.isFinite(value) && value >= 0)) {
      throw new ModelError('INVALID_ARGUMENT', `classWeights: weight of class ${key} must be ≥ 0, got ${value}`);
    }
    weights[c] = value;
  }
  return weights;
}
