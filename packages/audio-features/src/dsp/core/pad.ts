/** Signal edge padding for centred STFT frames (numpy `np.pad` modes 'constant' and 'reflect'). */
import { AudioFeaturesError } from '../../errors.js';

/** Padding modes supported for `center: true`. 'constant' pads with zeros (librosa 0.11's default). */
export type PadMode = 'constant' | 'reflect';

/** Index into `[0, n)` of sample `i` of the reflect-padded signal (mirror without repeating the edge). */
function reflectIndex(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  let k = i % period;
  if (k < 0) k += period;
  return k < n ? k : period - k;
}

/**
 * Returns `y` with `left` samples before and `right` samples after, as float64.
 * 'constant' pads zeros; 'reflect' mirrors about the first/last sample (numpy 'reflect', repeated as numpy
 * does when the pad is longer than the signal).
 */
export function padSignal(y: ArrayLike<number>, left: number, right: number, mode: PadMode): Float64Array {
  const n = y.length;
  const out = new Float64Array(n + left + right);
  for (let i = 0; i < n; i++) out[left + i] = y[i]!;
  if (mode === 'constant') return out;
  if (mode !== 'reflect') {
    throw new AudioFeaturesError('INVALID_ARGUMENT', `padMode must be 'constant' or 'reflect', got '${String(mode)}'`);
  }
  for (let i = 0; i < left; i++) out[i] = y[reflectIndex(i - left, n)]!;
  for (let i = 0; i < right; i++) out[left + n + i] = y[reflectIndex(n + i, n)]!;
  return out;
}
