/**
 * The classic 180-value speech-emotion feature vector, computed from ONE STFT shared by all three parts:
 * [0:40] time-mean of `mfcc(nMfcc 40)`, [40:52] time-mean of `chromaStft(S = |stft|)`,
 * [52:180] time-mean of `melSpectrogram` (power) — librosa 0.11's
 * `concat(mean(mfcc(y, sr, n_mfcc=40)), mean(chroma_stft(S=abs(stft(y)), sr)), mean(melspectrogram(y, sr)))`.
 */
import { assertInteger, assertPositive, AudioFeaturesError } from '../../errors.js';
import { chromaFromSpectrogram } from './chroma-stft.js';
import { applyDct, dctMatrix } from '../core/dct.js';
import { cachedMelFilterbank } from '../filters/mel-filterbank.js';
import { meanPowerToDbRows } from '../core/power-to-db.js';
import { applyFilterbank } from '../filters/sparse-filterbank.js';
import { setupStft, stftPowerFrames } from '../core/stft.js';
import type { WarningOptions } from '../../warnings.js';

/** Options of {@link serFeatureVector}; the defaults give librosa's defaults and 40 + 12 + 128 = 180 values. */
export interface SerFeatureVectorOptions extends WarningOptions {
  /** Sample rate of `y` in Hz. */
  sr: number;
  /** FFT length (default 2048). */
  nFft?: number;
  /** Hop length (default 512). */
  hopLength?: number;
  /** Mel bands (default 128). */
  nMels?: number;
  /** MFCCs (default 40). */
  nMfcc?: number;
}

/** Length of the vector for these options: nMfcc + 12 + nMels (180 by default). */
export function serFeatureVectorLength(options: Partial<SerFeatureVectorOptions> = {}): number {
  return (options.nMfcc ?? 40) + 12 + (options.nMels ?? 128);
}

/**
 * The speech-emotion feature vector of a mono signal (180 float32 values with the defaults).
 * Silence gives librosa's values (MFCC c0 = −1131.371, chroma 0, mel 0), never NaN.
 *
 * @example
 * const features = serFeatureVector(samples, { sr: 22050 }); // Float32Array(180)
 */
export function serFeatureVector(y: Float32Array | Float64Array, options: SerFeatureVectorOptions): Float32Array {
  if (!options || typeof options !== 'object') {
    throw new AudioFeaturesError('INVALID_ARGUMENT', 'serFeatureVector needs options { sr }');
  }
  const { sr } = options;
  assertPositive('sr', sr);
  const nFft = options.nFft ?? 2048;
  const hopLength = options.hopLength ?? 512;
  const nMels = options.nMels ?? 128;
  const nMfcc = options.nMfcc ?? 40;
  assertInteger('nMels', nMels, 1);
  assertInteger('nMfcc', nMfcc, 1);
  if (nMfcc > nMels) {
    throw new AudioFeaturesError('INVALID_ARGUMENT', `nMfcc=${nMfcc} exceeds nMels=${nMels}`);
  }
  const setup = setupStft(y, { nFft, hopLength, onWarning: options.onWarning });
  const { nBins, nFrames } = setup;
  const mel = cachedMelFilterbank({ sr, nFft, nMels, onWarning: options.onWarning }).sparse;

  // One STFT: |X|² (float32, as librosa's power spectrogram) for mel/MFCC and |X| for chroma.
  const frames = stftPowerFrames(setup, true);
  const power = frames.power;
  const magnitude = frames.magnitude!;
  const melPower = applyFilterbank(mel, power, nFrames); // [nMels][nFrames]

  const out = new Float32Array(nMfcc + 12 + nMels);
  const melOffset = nMfcc + 12;
  const rowMean = (data: Float32Array, row: number) => {
    let sum = 0;
    for (let t = row * nFrames, end = t + nFrames; t < end; t++) sum += data[t]!;
    return sum / nFrames;
  };
  for (let m = 0; m < nMels; m++) out[melOffset + m] = rowMean(melPower.data, m);

  // MFCC means: the DCT is linear, so mean(DCT(dB)) = DCT(mean(dB)); mean(dB) needs no dB matrix.
  const dbMean = meanPowerToDbRows(melPower);
  applyDct(dctMatrix(nMels, 2, 'ortho', nMfcc), nMels, nMfcc, dbMean, 0, 1, out, 0, 1);

  const chroma = chromaFromSpectrogram(
    { nBins, nFrames, nFft, data: magnitude, frameMax: frames.frameMaxMagnitude },
    sr,
    { onWarning: options.onWarning },
  );
  for (let c = 0; c < 12; c++) {
    let sum = 0;
    for (let t = 0; t < nFrames; t++) sum += chroma.data[c * nFrames + t]!;
    out[nMfcc + c] = sum / nFrames;
  }
  return out;
}
