import { ModelError } from '../errors.js';
import type { Random } from '../random.js';
import { checkSignal } from './check-signal.js';

/**
 * A random window of `length` samples from `y` (uniform start). A signal no longer than `length` is
 * returned whole (copied): padding to a fixed length is the feature set's job.
 *
 * @throws ModelError INVALID_ARGUMENT for an empty/non-finite signal or a non-positive length.
 */
export function randomCrop(y: Float32Array, length: number, random: Random): Float32Array {
  checkSignal(y, 'randomCrop');
  if (!Number.isInteger(length) || length < 1)
    throw new ModelError('INVALID_ARGUMENT', `randomCrop: length must be a positive integer, got ${length}`);
  if (y.length <= length) return new Float32Array(y);
  const start = Math.floor(random() * (y.length - length + 1));
  return y.slice(start, start + length);
}
