/** Chromagram from a power spectrogram, as librosa 0.11 `feature.chroma_stft`. */
import { AudioFeaturesError, assertPositive, assertOptionsObject } from '../../errors.js';
import { cachedChromaFilterbank, type ChromaFilterOptions } from '../filters/chroma-filterbank.js';
import { estimateTuningFromSpectrogram } from './estimate-tuning.js';
import type { Matrix } from '../core/matrix.js';
import { spectrogramFromOptions } from './mel.js';
import { normalizeColumnsInPlace, type NormOrder } from '../core/normalize.js';
import { applyFilterbank } from '../filters/sparse-filterbank.js';
import type { FrameMajorSpectrogram } from '../core/spectrogram.js';
import type { StftOptions } from '../core/stft.js';

/** Options of {@link chromaStft}. */
export interface ChromaStftOptions extends StftOptions, Omit<ChromaFilterOptions, 'norm' | 'tuning'> {
  /** Audio signal; its power STFT is used. Either `y` or `S` is required. */
  y?: Float32Array | Float64Array;
  /** A power (or magnitude) spectrogram [1 + nFft/2][frames], used as is. */
  S?: Matrix;
  /** Sample rate in Hz (default 22050). */
  sr?: number;
  /** Tuning in fractions of a chroma bin; when undefined it is estimated from the spectrogram (as librosa). */
  tuning?: number;
  /** Per-frame normalisation of the chroma vectors: Infinity (max = 1, default), another p, or null. */
  norm?: NormOrder | null;
}

/** {@link chromaStft} on a frame-major spectrogram; `tuning` undefined means estimate it from `spec`. */
export function chromaFromSpectrogram(
  spec: FrameMajorSpectrogram,
  sr: number,
  options: Omit<ChromaStftOptions, 'y' | 'S' | 'sr'> = {},
): Matrix {
  const nChroma = options.nChroma ?? 12;
  const tuning =
    options.tuning ?? estimateTuningFromSpectrogram(spec, sr, { binsPerOctave: nChroma, onWarning: options.onWarning });
  const bank = cachedChromaFilterbank({
    sr,
    nFft: spec.nFft,
    nChroma,
    tuning,
    ctroct: options.ctroct,
    octwidth: options.octwidth,
    baseC: options.baseC,
  });
  const chroma = applyFilterbank(bank.sparse, spec.data, spec.nFrames);
  const norm = options.norm === undefined ? Infinity : options.norm;
  if (norm !== null) normalizeColumnsInPlace(chroma, norm);
  return chroma;
}

/**
 * The chromagram [nChroma][frames]: chroma filter bank (at the given or estimated tuning) applied to the
 * power spectrogram, each frame normalised to max 1 (librosa `chroma_stft`; defaults nFft 2048,
 * hopLength 512).
 *
 * @example
 * const chroma = chromaStft({ y, sr: 22050 }); // 12 × frames
 */
export function chromaStft(options: ChromaStftOptions): Matrix {
  assertOptionsObject('chromaStft', options, '{ y, sr: 22050 }');
  const sr = options.sr ?? 22050;
  assertPositive('sr', sr);
  if (options.tuning !== undefined && !Number.isFinite(options.tuning)) {
    throw new AudioFeaturesError('INVALID_ARGUMENT', `tuning must be a finite number, got ${String(options.tuning)}`);
  }
  const spec = spectrogramFromOptions({ ...options, nFft: options.nFft ?? 2048 }, 2);
  return chromaFromSpectrogram(spec, sr, options);
}
