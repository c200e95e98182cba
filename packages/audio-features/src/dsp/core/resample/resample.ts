import { AudioFeaturesError, assertPositive, assertValidSignal } from '../../../errors.js';
import { resampleFft } from './resample-fft.js';
import { greatestCommonDivisor, resampledLength } from './resample-length.js';
import { resamplePolyphase } from './resample-polyphase.js';

/** Resampling algorithms, named after librosa's `res_type`. */
export type ResampleMethod = 'polyphase' | 'fft';

/** Options of {@link resample}. */
export interface ResampleOptions {
  /**
   * `'polyphase'` (default): `librosa.resample(res_type='polyphase')`, i.e. SciPy `resample_poly`
   * with a Kaiser-windowed sinc (β = 5) — band-limited, fast, needs integer rates.
   * `'fft'`: `librosa.resample(res_type='fft')`, i.e. SciPy `resample` (periodic FFT method).
   */
  method?: ResampleMethod;
}

/**
 * Resamples a mono signal from `fromSr` to `toSr` Hz, band-limited, reproducing
 * `librosa.resample(y, orig_sr=fromSr, target_sr=toSr, res_type=method, fix=True, scale=False)`:
 * the output has exactly `ceil(y.length · toSr / fromSr)` samples. Equal rates return a copy.
 *
 * @throws AudioFeaturesError EMPTY_AUDIO / NON_FINITE_AUDIO for a bad signal; INVALID_ARGUMENT for
 *   non-positive rates, non-integer rates with `'polyphase'`, or an unknown method
 *
 * @example
 * ```ts
 * const y22k = resample(y16k, 16000, 22050); // polyphase, like librosa.load(..., sr=22050, res_type='polyphase')
 * ```
 */
export function resample(y: Float32Array, fromSr: number, toSr: number, options: ResampleOptions = {}): Float32Array {
  const method = options.method ?? 'polyphase';
  assertValidSignal(y);
  assertPositive('fromSr', fromSr);
  assertPositive('toSr', toSr);
  if (method !== 'polyphase' && method !== 'fft') {
    throw new AudioFeaturesError(
      'INVALID_ARGUMENT',
      `unknown resampling method '${String(method)}': expected 'polyphase' or 'fft'`,
    );
  }
  if (fromSr === toSr) return y.slice();
  const outputLength = resampledLength(y.length, fromSr, toSr);
  if (method === 'fft') return resampleFft(y, outputLength);
  if (!Number.isInteger(fromSr) || !Number.isInteger(toSr)) {
    throw new AudioFeaturesError(
      'INVALID_ARGUMENT',
      `polyphase resampling needs integer sample rates, got ${fromSr} → ${toSr} Hz (use method 'fft')`,
    );
  }
  const divisor = greatestCommonDivisor(fromSr, toSr);
  return fixLength(resamplePolyphase(y, toSr / divisor, fromSr / divisor), outputLength);
}

/** `librosa.util.fix_length`: truncate, or pad with zeros at the end, to exactly `length` samples. */
function fixLength(y: Float32Array, length: number): Float32Array {
  if (y.length === length) return y;
  if (y.length > length) return y.slice(0, length);
  const padded = new Float32Array(length);
  padded.set(y);
  return padded;
}
