import { ModelError } from '../errors.js';
import { exampleSize } from './labeled-data.js';

/**
 * Per-feature standardisation statistics, fitted on training data only. A "feature" is one index
 * of the last non-singleton axis of the example shape: each of the 180 values of a `[180]` or
 * `[180, 1]` vector, each mel band of a time-major `[frames, nMels]` log-mel (pooled over frames).
 * Value `i` of a flattened example is standardised with `mean[i % period]`, `std[i % period]`.
 */
export interface Standardization {
  mean: number[];
  std: number[];
  /** Number of features (= mean.length). */
  period: number;
}

/** Number of features of an example shape (see {@link Standardization}). */
export function featurePeriod(shape: number[]): number {
  const trimmed = shape.slice();
  while (trimmed.length > 1 && trimmed[trimmed.length - 1] === 1) trimmed.pop();
  return trimmed[trimmed.length - 1]!; // example shapes have rank ≥ 1
}

/**
 * Fits per-feature mean and standard deviation (population std; features with std < 1e-8 get std 1).
 * @param x - examples of shape `shape`, back to back.
 */
export function fitStandardization(x: Float32Array, shape: number[]): Standardization {
  const period = featurePeriod(shape);
  const size = exampleSize(shape);
  if (x.length === 0 || x.length % size !== 0) {
    throw new ModelError(
      'INVALID_DATA',
      `fitStandardization: ${x.length} values is not a positive multiple of ${size}`,
    );
  }
  const sum = new Float64Array(period);
  const sumSq = new Float64Array(period);
  for (let i = 0; i < x.length; i++) sum[i % period]! += x[i]!;
  const count = x.length / period;
  const mean = Array.from(sum, (s) => s / count);
  for (let i = 0; i < x.length; i++) {
    const d = x[i]! - mean[i % period]!;
    sumSq[i % period]! += d * d;
  }
  const std = Array.from(sumSq, (s) => {
    const v = Math.sqrt(s / count);
    return v < 1e-8 ? 1 : v;
  });
  return { mean, std, period };
}

/** Returns a standardised copy of `x` ((x - mean) / std per feature). */
export function applyStandardization(x: Float32Array, stats: Standardization): Float32Array {
  if (x.length % stats.period !== 0) {
    throw new ModelError(
      'INVALID_DATA',
      `standardisation expects a multiple of ${stats.period} values, got ${x.length}`,
    );
  }
  const out = new Float32Array(x.length);
  const { mean, std, period } = stats;
  for (let i = 0; i < x.length; i++) {
    const f = i % period;
    out[i] = (x[i]! - mean[f]!) / std[f]!;
  }
  return out;
}

/** Checks that a parsed object is a usable {@link Standardization}. */
export function validateStandardization(value: unknown, where: string): Standardization {
  const s = value as Standardization;
  const ok =
    s &&
    Array.isArray(s.mean) &&
    Array.isArray(s.std) &&
    s.mean.length === s.std.length &&
    s.period === s.mean.length &&
    s.mean.every(Number.isFinite) &&
    s.std.every((v) => Number.isFinite(v) && v > 0);
  if (!ok)
    throw new ModelError(
      'INVALID_BUNDLE',
      `${where}: standardization must have equal-length finite mean/std (std > 0) and period`,
    );
  return s;
}
