import { ModelError } from '../errors.js';
import type { Random } from '../random.js';

/** Options of {@link specAugment}. */
export interface SpecAugmentOptions {
  /** Number of time masks (runs of whole frames). */
  timeMasks: number;
  /** Largest width of a time mask in frames (each width is uniform in 0 … maxTimeWidth). */
  maxTimeWidth: number;
  /** Number of frequency masks (runs of bins, across all frames). */
  freqMasks: number;
  /** Largest width of a frequency mask in bins. */
  maxFreqWidth: number;
  /** Value written into masked cells (default: the mean of the whole input). */
  fillValue?: number;
  /** Seeded uniform generator. */
  random: Random;
}

function checkCount(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0)
    throw new ModelError('INVALID_ARGUMENT', `specAugment: ${what} must be an integer ≥ 0, got ${value}`);
}

/**
 * SpecAugment-style masking (Park et al. 2019, without time warping) of a time-major
 * `[frames, bins]` feature matrix such as a log-mel spectrogram: `timeMasks` runs of frames and
 * `freqMasks` runs of bins are overwritten with `fillValue`.
 *
 * @param x - `frames × bins` values, time-major (row = frame).
 * @param shape - `[frames, bins]`.
 * @returns a masked copy.
 * @throws ModelError INVALID_ARGUMENT when `x` does not hold `frames × bins` values or a count is negative.
 */
export function specAugment(
  x: Float32Array,
  shape: readonly [number, number] | number[],
  options: SpecAugmentOptions,
): Float32Array {
  const [frames, bins] = shape;
  if (
    shape.length !== 2 ||
    !Number.isInteger(frames) ||
    !Number.isInteger(bins) ||
    frames < 1 ||
    bins < 1 ||
    x.length !== frames * bins
  ) {
    throw new ModelError(
      'INVALID_ARGUMENT',
      `specAugment: expected a [frames, bins] matrix of ${String(frames)}×${String(bins)} values, got shape ${JSON.stringify(shape)} and ${x.length} values`,
    );
  }
  checkCount(options.timeMasks, 'timeMasks');
  checkCount(options.maxTimeWidth, 'maxTimeWidth');
  checkCount(options.freqMasks, 'freqMasks');
  checkCount(options.maxFreqWidth, 'maxFreqWidth');
  const out = new Float32Array(x);
  let fill = options.fillValue;
  if (fill === undefined) {
    let sum = 0;
    for (let i = 0; i < x.length; i++) sum += x[i]!;
    fill = sum / x.length;
  }
  const { random } = options;
  for (let m = 0; m < options.timeMasks; m++) {
    const width = Math.min(frames, Math.floor(random() * (options.maxTimeWidth + 1)));
    const start = Math.floor(random() * (frames - width + 1));
    out.fill(fill, start * bins, (start + width) * bins);
  }
  for (let m = 0; m < options.freqMasks; m++) {
    const width = Math.min(bins, Math.floor(random() * (options.maxFreqWidth + 1)));
    const start = Math.floor(random() * (bins - width + 1));
    for (let t = 0; t < frames; t++) out.fill(fill, t * bins + start, t * bins + start + width);
  }
  return out;
}
