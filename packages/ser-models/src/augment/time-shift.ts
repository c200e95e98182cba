import { ModelError } from '../errors.js';
import { checkSignal } from './check-signal.js';

/**
 * Shifts a signal in time by `shift` samples, keeping its length: a positive shift delays it (zeros
 * enter at the start, the end is cut), a negative one advances it (the start is cut, zeros at the end).
 *
 * @returns a new signal of the same length.
 * @throws ModelError INVALID_ARGUMENT for an empty/non-finite signal or a non-integer shift.
 */
export function timeShift(y: Float32Array, shift: number): Float32Array {
  checkSignal(y, 'timeShift');
  if (!Number.isInteger(shift))
    throw new ModelError('INVALID_ARGUMENT', `timeShift: shift must be an integer number of samples, got ${shift}`);
  const out = new Float32Array(y.length);
  if (Math.abs(shift) >= y.length) return out;
  if (shift >= 0) out.set(y.subarray(0, y.length - shift), shift);
  else out.set(y.subarray(-shift));
  return out;
}
