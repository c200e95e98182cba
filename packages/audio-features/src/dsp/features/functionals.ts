/** Summary statistics ("functionals") of a sequence of frame values, for utterance-level features. */

/** Arithmetic mean of `values[i]` over `indices` (0 when there are none). */
export function meanOf(values: ArrayLike<number>, indices: ArrayLike<number>): number {
  if (indices.length === 0) return 0;
  let sum = 0;
  for (let k = 0; k < indices.length; k++) sum += values[indices[k]!]!;
  return sum / indices.length;
}

/** Population standard deviation of `values[i]` over `indices` (0 when there are fewer than two). */
export function stdOf(values: ArrayLike<number>, indices: ArrayLike<number>, mean = meanOf(values, indices)): number {
  if (indices.length < 2) return 0;
  let sum = 0;
  for (let k = 0; k < indices.length; k++) {
    const d = values[indices[k]!]! - mean;
    sum += d * d;
  }
  return Math.sqrt(sum / indices.length);
}

/**
 * Percentiles (0–100) of `values[i]` over `indices`, with numpy's default linear interpolation between
 * the closest ranks; all 0 when there are no values.
 */
export function percentilesOf(
  values: ArrayLike<number>,
  indices: ArrayLike<number>,
  percentiles: readonly number[],
): number[] {
  const n = indices.length;
  if (n === 0) return percentiles.map(() => 0);
  const sorted = new Float64Array(n);
  for (let k = 0; k < n; k++) sorted[k] = values[indices[k]!]!;
  sorted.sort();
  return percentiles.map((p) => {
    const position = (p / 100) * (n - 1);
    const lower = Math.floor(position);
    const upper = Math.min(n - 1, lower + 1);
    const fraction = position - lower;
    return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * fraction;
  });
}

/** Names of the five functionals {@link describeFrames} computes, in order. */
export const FRAME_FUNCTIONALS = ['mean', 'std', 'p10', 'p50', 'p90'] as const;

/** [mean, std, 10th, 50th, 90th percentile] of `values[i]` over `indices`. */
export function describeFrames(values: ArrayLike<number>, indices: ArrayLike<number>): number[] {
  const mean = meanOf(values, indices);
  return [mean, stdOf(values, indices, mean), ...percentilesOf(values, indices, [10, 50, 90])];
}
