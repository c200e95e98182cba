/**
 * Analysis windows, periodic ("fftbins=True") as scipy's `get_window` builds them for librosa's STFT.
 */
import { AudioFeaturesError, assertInteger } from '../../errors.js';

/** Window names accepted by the STFT. 'rectangular', 'ones' and 'boxcar' are the same all-ones window. */
export type WindowName = 'hann' | 'hamming' | 'rectangular' | 'ones' | 'boxcar';

/** A window given by name or as explicit coefficients (length `winLength`, or `nFft`). */
export type WindowSpec = WindowName | ArrayLike<number>;

/** Periodic generalised cosine window `a0 − (1 − a0)·cos(2πn / length)`. */
function periodicCosineWindow(length: number, a0: number): Float64Array {
  const out = new Float64Array(length);
  if (length === 1) {
    out[0] = 1;
    return out;
  }
  const a1 = 1 - a0;
  for (let n = 0; n < length; n++) out[n] = a0 - a1 * Math.cos((2 * Math.PI * n) / length);
  return out;
}

/**
 * The periodic window `name` of `length` samples (scipy `get_window(name, length, fftbins=True)`):
 * 'hann' = 0.5 − 0.5·cos(2πn/N), 'hamming' = 0.54 − 0.46·cos(2πn/N), 'rectangular' / 'ones' / 'boxcar' = 1.
 */
export function getWindow(name: WindowName, length: number): Float64Array {
  assertInteger('window length', length, 1);
  switch (name) {
    case 'hann':
      return periodicCosineWindow(length, 0.5);
    case 'hamming':
      return periodicCosineWindow(length, 0.54);
    case 'rectangular':
    case 'ones':
    case 'boxcar':
      return new Float64Array(length).fill(1);
    default:
      throw new AudioFeaturesError(
        'INVALID_ARGUMENT',
        `unknown window '${String(name)}': expected 'hann', 'hamming', 'rectangular', 'ones' or 'boxcar'`,
      );
  }
}

/**
 * Centre-pads `x` with zeros to `size` samples (librosa `util.pad_center`: left pad `floor((size − n) / 2)`).
 * Throws INVALID_ARGUMENT when `x` is longer than `size`.
 */
export function padCenter(x: ArrayLike<number>, size: number): Float64Array {
  const n = x.length;
  if (n > size) {
    throw new AudioFeaturesError('INVALID_ARGUMENT', `window length ${n} is longer than nFft=${size}`);
  }
  const out = new Float64Array(size);
  const left = Math.floor((size - n) / 2);
  for (let i = 0; i < n; i++) out[left + i] = x[i]!;
  return out;
}

/**
 * The `nFft`-long analysis window of librosa's `stft`: `window` of `winLength` samples, centre-padded with
 * zeros to `nFft`. An explicit coefficient array must have `winLength` (or `nFft`) values.
 */
export function stftWindow(window: WindowSpec, winLength: number, nFft: number): Float64Array {
  if (typeof window === 'string') return padCenter(getWindow(window, winLength), nFft);
  if (!window || typeof window.length !== 'number') {
    throw new AudioFeaturesError('INVALID_ARGUMENT', `window must be a window name or an array of coefficients`);
  }
  if (window.length !== winLength && window.length !== nFft) {
    throw new AudioFeaturesError(
      'INVALID_ARGUMENT',
      `window array has ${window.length} values: expected winLength=${winLength} or nFft=${nFft}`,
    );
  }
  for (let i = 0; i < window.length; i++) {
    if (!Number.isFinite(window[i]!)) {
      throw new AudioFeaturesError('INVALID_ARGUMENT', `window coefficient ${i} is not finite`);
    }
  }
  return padCenter(window, nFft);
}
