/** Mel-frequency cepstral coefficients, as librosa 0.11 `feature.mfcc`. */
import { AudioFeaturesError, assertInteger, assertOptionsObject } from '../../errors.js';
import { dct } from '../core/dct.js';
import { assertValidMatrix, type Matrix } from '../core/matrix.js';
import { melSpectrogram, type MelSpectrogramOptions } from './mel.js';
import { powerToDb } from '../core/power-to-db.js';

/** Options of {@link mfcc}. `norm` is the DCT's; the mel bank is Slaney-normalised unless `melNorm` says otherwise. */
export interface MfccOptions extends Omit<MelSpectrogramOptions, 'norm' | 'S'> {
  /** A log-power (dB) mel spectrogram [nMels][frames], used instead of `y` (librosa `S`). */
  S?: Matrix;
  /** Number of coefficients, 1 … nMels (default 20). */
  nMfcc?: number;
  /** DCT type (default 2). */
  dctType?: 2 | 3;
  /** DCT normalisation (default 'ortho'). */
  norm?: 'ortho' | null;
  /** Cepstral liftering: 0 disables (default); L > 0 multiplies coefficient k by 1 + (L/2)·sin(π(k+1)/L). */
  lifter?: number;
  /** Normalisation of the mel bank when computing from `y` (default 'slaney'). */
  melNorm?: MelSpectrogramOptions['norm'];
}

/**
 * MFCCs [nMfcc][frames]: DCT-II (orthonormal) of `powerToDb(melSpectrogram(y))` (ref 1, amin 1e-10,
 * topDb 80), optionally liftered. Unlike librosa, nMfcc > nMels is refused rather than silently truncated.
 *
 * @example
 * const coeffs = mfcc({ y, sr: 22050, nMfcc: 40 }); // 40 × frames
 */
export function mfcc(options: MfccOptions): Matrix {
  assertOptionsObject('mfcc', options, '{ y, sr: 22050 }');
  const nMfcc = options.nMfcc ?? 20;
  assertInteger('nMfcc', nMfcc, 1);
  const lifter = options.lifter ?? 0;
  if (!(typeof lifter === 'number' && Number.isFinite(lifter) && lifter >= 0)) {
    throw new AudioFeaturesError('INVALID_ARGUMENT', `lifter must be a number ≥ 0, got ${String(lifter)}`);
  }
  let logMel: Matrix;
  if (options.S !== undefined && options.S !== null) {
    assertValidMatrix(options.S);
    logMel = options.S;
  } else {
    const { S: _ignored, norm: _dctNorm, melNorm, ...melOptions } = options;
    logMel = powerToDb(melSpectrogram({ ...melOptions, norm: melNorm }));
  }
  if (nMfcc > logMel.rows) {
    throw new AudioFeaturesError('INVALID_ARGUMENT', `nMfcc=${nMfcc} exceeds the number of mel bands (${logMel.rows})`);
  }
  const M = dct(logMel, {
    type: options.dctType ?? 2,
    norm: options.norm === undefined ? 'ortho' : options.norm,
    nOut: nMfcc,
  });
  if (lifter > 0) {
    for (let k = 0; k < nMfcc; k++) {
      const scale = 1 + (lifter / 2) * Math.sin((Math.PI * (k + 1)) / lifter);
      for (let t = 0; t < M.cols; t++) M.data[k * M.cols + t] = M.data[k * M.cols + t]! * scale;
    }
  }
  return M;
}
