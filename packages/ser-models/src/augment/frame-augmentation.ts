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
  for (const [name, value] of Object.entries({ maxShift, timeMasks, maxTimeWidth, bandMasks })) {
    if (!Number.isInteger(value) || value < 0) throw new ModelError('INVALID_ARGUMENT', `frameAugmentation: ${name} must be an integer ≥ 0, got ${value}`);
  }
  return ({ x, shape, count }, random) => {
    if (shape.length !== 2) throw new ModelError('INVALID_ARGUMENT', `frameAugmentation: expected [frames, bands] examples, got ${JSON.stringify(shape)}`);
    const [frames, bands] = shape as [number, number];
    const maxBandWidth = options.maxBandWidth ?? Math.max(1, Math.floor(bands / 8));
    const size = frames * bands;
    const rolled = new Float32Array(size);
    for (let e = 0; e < count; e++) {
      const example = x.subarray(e * size, (e + 1) * size);
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
