/** The greatest common divisor of two non-negative integers (reduces sample rates to an up/down pair). */
export function greatestCommonDivisor(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * Samples `resample` returns for `length` input samples: librosa's
 * `n_samples = int(np.ceil(y.shape[-1] * ratio))` with `ratio = float(target_sr) / orig_sr`.
 */
export function resampledLength(length: number, fromSr: number, toSr: number): number {
  return fromSr === toSr ? length : Math.ceil(length * (toSr / fromSr));
}
