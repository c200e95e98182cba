/**
 * Per-recording normalisation of time-major frame features (cepstral/spectral mean and variance normalisation,
 * CMVN): each feature (column) minus its mean over the frames, divided by its standard deviation over the frames
 * (population, + 1e-5). Part of a feature configuration (`normalize: 'cmvn'`), so that training and prediction
 * apply it identically.
 */

/** How the frames of a time-series feature set are normalised per recording. */
export type FrameNormalization = 'none' | 'cmvn';

/** The names {@link FrameNormalization} accepts. */
export const FRAME_NORMALIZATIONS: readonly FrameNormalization[] = ['none', 'cmvn'];

/** Added to the standard deviation, as in the reference recipe (keeps constant features finite). */
export const CMVN_EPSILON = 1e-5;

/**
 * Normalises `data` (`frames` rows of `columns` values, time-major) in place, per column, and returns it.
 *
 * @example
 * meanVarianceNormalizeFrames(logmel.data, 300, 64); // each band: mean 0, std ≈ 1 over the 300 frames
 */
export function meanVarianceNormalizeFrames(data: Float32Array, frames: number, columns: number): Float32Array {
  const mean = new Float64Array(columns);
  const sumSq = new Float64Array(columns);
  for (let t = 0; t < frames; t++) for (let c = 0; c < columns; c++) mean[c]! += data[t * columns + c]!;
  for (let c = 0; c < columns; c++) mean[c]! /= frames;
  for (let t = 0; t < frames; t++) {
    for (let c = 0; c < columns; c++) {
      const d = data[t * columns + c]! - mean[c]!;
      sumSq[c]! += d * d;
    }
  }
  const scale = Float64Array.from(sumSq, (s) => 1 / (Math.sqrt(s / frames) + CMVN_EPSILON));
  for (let t = 0; t < frames; t++) {
    for (let c = 0; c < columns; c++) data[t * columns + c] = (data[t * columns + c]! - mean[c]!) * scale[c]!;
  }
  return data;
}
