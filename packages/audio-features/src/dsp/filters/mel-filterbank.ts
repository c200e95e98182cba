/**
 * Mel filter bank, as librosa 0.11 `filters.mel`: triangular filters between mel-spaced edge frequencies,
 * Slaney-normalised (area 1) by default, stored in float32.
 */
import { AudioFeaturesError, assertInteger, assertPositive, assertOptionsObject } from '../../errors.js';
import { fftFrequencies, melFrequencies } from '../core/convert.js';
import { createMatrix, type Matrix } from '../core/matrix.js';
import { normalizeRowsInPlace, type NormOrder } from '../core/normalize.js';
import { filterbankCache, type CachedFilterbank } from './sparse-filterbank.js';
import { emitWarning, type WarningOptions } from '../../warnings.js';

/** Parameters of the mel bank (librosa `filters.mel`). */
export interface MelFilterOptions {
  /** Number of mel bands (default 128). */
  nMels?: number;
  /** Lowest frequency in Hz (default 0). */
  fmin?: number;
  /** Highest frequency in Hz (default sr / 2). */
  fmax?: number;
  /** HTK mel formula instead of Slaney's (default false). */
  htk?: boolean;
  /** 'slaney' (divide each triangle by its width in Hz / 2), a p-norm order per filter, or null (default 'slaney'). */
  norm?: 'slaney' | NormOrder | null;
}

/** Full options of {@link melFilterbank}. */
export interface MelFilterbankOptions extends MelFilterOptions, WarningOptions {
  /** Sample rate in Hz. */
  sr: number;
  /** FFT length. */
  nFft: number;
}

function validateMelOptions(o: MelFilterbankOptions): Required<Omit<MelFilterbankOptions, 'onWarning'>> {
  assertPositive('sr', o.sr);
  assertInteger('nFft', o.nFft, 1);
  const nMels = o.nMels ?? 128;
  assertInteger('nMels', nMels, 1);
  const fmin = o.fmin ?? 0;
  const fmax = o.fmax ?? o.sr / 2;
  if (!Number.isFinite(fmin) || fmin < 0) {
    throw new AudioFeaturesError('INVALID_ARGUMENT', `fmin must be a finite number ≥ 0, got ${String(fmin)}`);
  }
  if (!Number.isFinite(fmax) || fmax <= fmin) {
    throw new AudioFeaturesError(
      'INVALID_ARGUMENT',
      `fmax must be a finite number > fmin=${fmin}, got ${String(fmax)}`,
    );
  }
  const norm = o.norm === undefined ? 'slaney' : o.norm;
  if (norm !== null && norm !== 'slaney' && !(typeof norm === 'number' && norm > 0)) {
    throw new AudioFeaturesError(
      'INVALID_ARGUMENT',
      `mel norm must be 'slaney', a number > 0 or null, got ${String(norm)}`,
    );
  }
  return { sr: o.sr, nFft: o.nFft, nMels, fmin, fmax, htk: o.htk ?? false, norm };
}

function buildMelFilterbank(o: MelFilterbankOptions): Matrix {
  const { sr, nFft, nMels, fmin, fmax, htk, norm } = validateMelOptions(o);
  const fftFreqs = fftFrequencies(sr, nFft);
  const nBins = fftFreqs.length;
  const melF = melFrequencies(nMels + 2, fmin, fmax, htk);
  const weights = createMatrix(nMels, nBins);
  const w = weights.data;
  for (let i = 0; i < nMels; i++) {
    const fdiffLower = melF[i + 1]! - melF[i]!;
    const fdiffUpper = melF[i + 2]! - melF[i + 1]!;
    for (let k = 0; k < nBins; k++) {
      const lower = -(melF[i]! - fftFreqs[k]!) / fdiffLower;
      const upper = (melF[i + 2]! - fftFreqs[k]!) / fdiffUpper;
      w[i * nBins + k] = Math.max(0, Math.min(lower, upper));
    }
  }
  if (norm === 'slaney') {
    for (let i = 0; i < nMels; i++) {
      const enorm = 2.0 / (melF[i + 2]! - melF[i]!);
      for (let k = 0; k < nBins; k++) w[i * nBins + k] = w[i * nBins + k]! * enorm;
    }
  } else if (norm !== null) {
    normalizeRowsInPlace(weights, norm);
  }
  for (let i = 0; i < nMels; i++) {
    let max = 0;
    for (let k = 0; k < nBins; k++) max = Math.max(max, w[i * nBins + k]!);
    if (!(melF[i] === 0 || max > 0)) {
      emitWarning(
        'Empty filters detected in mel frequency basis. Some channels will produce empty responses. ' +
          'Try increasing your sampling rate (and fmax) or reducing n_mels.',
        o.onWarning,
      );
      break;
    }
  }
  return weights;
}

/** Mel banks by configuration (few in practice). */
const melBanks = filterbankCache(64);

/** The cached dense + sparse mel bank for these options (internal: callers must not modify it). */
export function cachedMelFilterbank(o: MelFilterbankOptions): CachedFilterbank {
  const v = validateMelOptions(o);
  const key = `${v.sr}|${v.nFft}|${v.nMels}|${v.fmin}|${v.fmax}|${v.htk}|${String(v.norm)}`;
  return melBanks(key, () => buildMelFilterbank(o));
}

/**
 * The mel filter bank [nMels][1 + nFft/2] (librosa `filters.mel`), float32.
 *
 * @example
 * const fb = melFilterbank({ sr: 22050, nFft: 2048 }); // 128 × 1025, Slaney scale and norm
 */
export function melFilterbank(options: MelFilterbankOptions): Matrix {
  assertOptionsObject('melFilterbank', options, '{ sr: 22050, nFft: 2048 }');
  const { dense } = cachedMelFilterbank(options);
  return { rows: dense.rows, cols: dense.cols, data: dense.data.slice() };
}
