import { ModelError } from '../errors.js';
import type { Random } from '../random.js';

/** A batch as the training loop holds it: `count` examples of `shape`, back to back (already standardised). */
export interface AugmentableBatch {
  x: Float32Array;
  shape: readonly number[];
  count: number;
}

/** Changes a training batch in place with a seeded generator (called on every batch by `trainModel`). */
export type BatchAugmentation = (batch: AugmentableBatch, random: Random) => void;

/** Options of {@link frameAugmentation}; the defaults are the default-model recipe's. */
export interface FrameAugmentationOptions {
  /** Largest circular shift along time, in frames, either way (default 30). */
  maxShift?: number;
  /** Time masks per example (default 2). */
  timeMasks?: number;
  /** Largest time-mask width in frames (default 30). */
  maxTimeWidth?: number;
  /** Band masks per example (default 2). */
  bandMasks?: number;
  /** Largest band-mask width (default: an eighth of the bands). */
  maxBandWidth?: number;
  /** Value of masked cells (default 0: the mean of standardised features). */
  fillValue?: number;
  /**
   * Shortest random crop, in frames (default: no crops). With a crop, an example is replaced (with probability
   * {@link FrameAugmentationOptions.cropProbability}) by a random window of `minCropFrames`–`frames` of its frames repeated cyclically to
   * the full length, each band then rescaled to the mean and standard deviation it had before — as
   * `padMode: 'wrap'` + `normalize: 'cmvn'` features of a shorter chunk of the recording look — so that a
   * model learns to hear 1–2-s chunks, not only whole clips.
   */
  minCropFrames?: number;
  /** Probability that an example is cropped when {@link FrameAugmentationOptions.minCropFrames} is set (default 0.5). */
  cropProbability?: number;
  /**
   * Rescale each band of a crop to the mean and standard deviation the example had (default true: right for
   * `normalize: 'cmvn'` features). False keeps a crop's own levels, as un-normalised (e.g. calibrated) features
   * of a shorter chunk have them.
   */
  rescaleCrops?: boolean;
}

/**
 * On-the-fly augmentation of time-major frame features `[frames, bands]`: each example is rolled circularly along
 * time by a uniform shift in [−maxShift, maxShift], then gets `timeMasks` runs of up to `maxTimeWidth` whole frames
 * and `bandMasks` runs of up to `maxBandWidth` bands set to `fillValue` (SpecAugment without time warping).
 *
 * @example
 * ```ts
 * await trainModel(model, data, { augment: frameAugmentation() });
 * ```
 */
export function frameAugmentation(options: FrameAugmentationOptions = {}): BatchAugmentation {
  const maxShift = options.maxShift ?? 30;
  const timeMasks = options.timeMasks ?? 2;
  const maxTimeWidth = options.maxTimeWidth ?? 30;
  const bandMasks = options.bandMasks ?? 2;
  const fill = options.fillValue ?? 0;
  const minCropFrames = options.minCropFrames ?? 0;
  const cropProbability = options.cropProbability ?? 0.5;
  const rescaleCrops = options.rescaleCrops ?? true;
  for (const [name, value] of Object.entries({ maxShift, timeMasks, maxTimeWidth, bandMasks, minCropFrames })) {
    if (!Number.isInteger(value) || value < 0)
      throw new ModelError('INVALID_ARGUMENT', `frameAugmentation: ${name} must be an integer ≥ 0, got ${value}`);
  }
  if (!(cropProbability >= 0 && cropProbability <= 1)) {
    throw new ModelError(
      'INVALID_ARGUMENT',
      `frameAugmentation: cropProbability must be in [0, 1], got ${cropProbability}`,
    );
  }
  return ({ x, shape, count }, random) => {
    if (shape.length !== 2)
      throw new ModelError(
        'INVALID_ARGUMENT',
        `frameAugmentation: expected [frames, bands] examples, got ${JSON.stringify(shape)}`,
      );
    const [frames, bands] = shape as [number, number];
    const maxBandWidth = options.maxBandWidth ?? Math.max(1, Math.floor(bands / 8));
    const size = frames * bands;
    const rolled = new Float32Array(size);
    for (let e = 0; e < count; e++) {
      const example = x.subarray(e * size, (e + 1) * size);
      if (minCropFrames > 0 && minCropFrames < frames && random() < cropProbability) {
        const length = minCropFrames + Math.floor(random() * (frames - minCropFrames + 1));
        const start = Math.floor(random() * (frames - length + 1));
        cropAndWrap(example, frames, bands, start, length, rolled, rescaleCrops);
      }
      const shift = Math.floor(random() * (2 * maxShift + 1)) - maxShift;
      const s = ((shift % frames) + frames) % frames;
      if (s !== 0) {
        // rolled[t] = example[t − s]: as numpy/torch roll by s frames
        rolled.set(example.subarray((frames - s) * bands), 0);
        rolled.set(example.subarray(0, (frames - s) * bands), s * bands);
        example.set(rolled);
      }
      for (let m = 0; m < timeMasks; m++) {
        const width = Math.min(frames, Math.floor(random() * (maxTimeWidth + 1)));
        const start = Math.floor(random() * (frames - width + 1));
        example.fill(fill, start * bands, (start + width) * bands);
      }
      for (let m = 0; m < bandMasks; m++) {
        const width = Math.min(bands, Math.floor(random() * (maxBandWidth + 1)));
        const start = Math.floor(random() * (bands - width + 1));
        for (let t = 0; t < frames; t++) example.fill(fill, t * bands + start, t * bands + start + width);
      }
    }
  };
}

/**
 * Replaces `example` ([frames, bands]) by its frames `start … start + length − 1` repeated cyclically, each band
 * rescaled (unless `rescale` is false) to the mean and standard deviation over time that it had before (`scratch`:
 * frames × bands floats).
 */
export function cropAndWrap(
  example: Float32Array,
  frames: number,
  bands: number,
  start: number,
  length: number,
  scratch: Float32Array,
  rescale = true,
): void {
  const before = rescale ? bandMoments(example, frames, bands) : null;
  for (let t = 0; t < frames; t++) {
    const source = (start + (t % length)) * bands;
    for (let b = 0; b < bands; b++) scratch[t * bands + b] = example[source + b]!;
  }
  if (!before) {
    example.set(scratch);
    return;
  }
  const after = bandMoments(scratch, frames, bands);
  for (let b = 0; b < bands; b++) {
    const scale = after.std[b]! > 1e-6 ? before.std[b]! / after.std[b]! : 1;
    for (let t = 0; t < frames; t++) {
      const i = t * bands + b;
      example[i] = (scratch[i]! - after.mean[b]!) * scale + before.mean[b]!;
    }
  }
}

/** Mean and population standard deviation over time of each band of time-major `[frames, bands]` values. */
function bandMoments(data: Float32Array, frames: number, bands: number): { mean: Float64Array; std: Float64Array } {
  const mean = new Float64Array(bands);
  const std = new Float64Array(bands);
  for (let t = 0; t < frames; t++) for (let b = 0; b < bands; b++) mean[b]! += data[t * bands + b]!;
  for (let b = 0; b < bands; b++) mean[b]! /= frames;
  for (let t = 0; t < frames; t++) {
    for (let b = 0; b < bands; b++) {
      const d = data[t * bands + b]! - mean[b]!;
      std[b]! += d * d;
    }
  }
  for (let b = 0; b < bands; b++) std[b] = Math.sqrt(std[b]! / frames);
  return { mean, std };
}
