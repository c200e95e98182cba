/** Mel spectrogram, as librosa 0.11 `feature.melspectrogram`. */
import { AudioFeaturesError, assertPositive, assertOptionsObject } from '../../errors.js';
import { cachedMelFilterbank, type MelFilterOptions } from '../filters/mel-filterbank.js';
import type { Matrix } from '../core/matrix.js';
import { applyFilterbank } from '../filters/sparse-filterbank.js';
import { spectrogramFrames, toFrameMajor, type FrameMajorSpectrogram } from '../core/spectrogram.js';
import type { StftOptions } from '../core/stft.js';

/** Options of {@link melSpectrogram}: a signal `y` (or a spectrogram `S`), STFT and mel-bank parameters. */
export interface MelSpectrogramOptions extends StftOptions, MelFilterOptions {
  /** Audio signal (mono). Either `y` or `S` is required. */
  y?: Float32Array | Float64Array;
  /** A precomputed |STFT|^power spectrogram [1 + nFft/2][frames]; used as is when given. */
  S?: Matrix;
  /** Sample rate of `y` in Hz (default 22050). */
  sr?: number;
  /** Exponent of the magnitude: 1 = energy, 2 = power (default 2). Ignored when `S` is given. */
  power?: number;
}

/** The frame-major |STFT|^power spectrogram for feature options with `y` or `S` (librosa `_spectrogram`). */
export function spectrogramFromOptions(
  options: { y?: Float32Array | Float64Array; S?: Matrix } & StftOptions,
  power: number,
  defaultHopLength = 512,
): FrameMajorSpectrogram {
  if (options.S !== undefined && options.S !== null) return toFrameMajor(options.S, options.nFft);
  if (options.y === undefined || options.y === null) {
    throw new AudioFeaturesError('INVALID_ARGUMENT', 'either y (audio samples) or S (a spectrogram) is required');
  }
  return spectrogramFrames(options.y, { ...options, hopLength: options.hopLength ?? defaultHopLength }, power);
}

/**
 * The mel spectrogram [nMels][frames]: `melFilterbank · |stft(y)|^power` (librosa `melspectrogram`;
 * defaults nFft 2048, hopLength 512, power 2, 128 Slaney mel bands from 0 to sr/2).
 *
 * @example
 * const M = melSpectrogram({ y, sr: 22050 }); // M.rows === 128
 */
export function melSpectrogram(options: MelSpectrogramOptions): Matrix {
  assertOptionsObject('melSpectrogram', options, '{ y, sr: 22050 }');
  const sr = options.sr ?? 22050;
  assertPositive('sr', sr);
  const power = options.power ?? 2;
  assertPositive('power', power);
  const spec = spectrogramFromOptions({ ...options, nFft: options.nFft ?? 2048 }, power);
  const bank = cachedMelFilterbank({ ...options, sr, nFft: spec.nFft });
  return applyFilterbank(bank.sparse, spec.data, spec.nFrames);
}
