/**
 * Magnitude and power spectrograms (librosa `np.abs(stft(y)) ** power`), and the frame-major form the
 * feature pipelines use internally (each frame's spectrum contiguous).
 */
import { AudioFeaturesError, assertPositive } from '../../errors.js';
import { assertValidMatrix, createMatrix, type Matrix } from './matrix.js';
import { forEachStftFrame, setupStft, stftPowerFrames, type ComplexMatrix, type StftOptions } from './stft.js';

/**
 * A spectrogram stored frame by frame: bin f of frame t is `data[t * nBins + f]`
 * (the transpose of librosa's [bin][frame] layout).
 */
export interface FrameMajorSpectrogram {
  nBins: number;
  nFrames: number;
  /** FFT length the bins come from. */
  nFft: number;
  data: Float32Array;
  /** The largest value of each frame, when the producer already knows it (saves a pass in piptrack). */
  frameMax?: Float32Array;
}

/** |D|^power element-wise from a complex STFT (power 1 = magnitude, 2 = power). */
function complexToSpectrogram(D: ComplexMatrix, power: number): Matrix {
  const out = createMatrix(D.rows, D.cols);
  for (let i = 0; i < out.data.length; i++) {
    const re = D.re[i]!,
      im = D.im[i]!;
    const squared = re * re + im * im;
    out.data[i] = power === 2 ? squared : power === 1 ? Math.sqrt(squared) : Math.pow(squared, power / 2);
  }
  return out;
}

/** Magnitude spectrogram |D| of a complex STFT, [bin][frame]. */
export function magnitudeSpectrogram(D: ComplexMatrix): Matrix {
  return complexToSpectrogram(D, 1);
}

/** Power spectrogram |D|^power of a complex STFT (default power 2), [bin][frame]. */
export function powerSpectrogram(D: ComplexMatrix, power = 2): Matrix {
  assertPositive('power', power);
  return complexToSpectrogram(D, power);
}

/**
 * |stft(y)|^power computed frame by frame without storing the complex STFT, frame-major.
 * `power` is 1 (magnitude) or 2 (power) usually; any value > 0 is accepted.
 */
export function spectrogramFrames(
  y: Float32Array | Float64Array,
  options: StftOptions,
  power: number,
): FrameMajorSpectrogram {
  assertPositive('power', power);
  const setup = setupStft(y, options);
  const { nBins, nFrames } = setup;
  if (power === 2) return { nBins, nFrames, nFft: setup.nFft, data: stftPowerFrames(setup, false).power };
  if (power === 1) {
    const frames = stftPowerFrames(setup, true);
    return { nBins, nFrames, nFft: setup.nFft, data: frames.magnitude!, frameMax: frames.frameMaxMagnitude };
  }
  const data = new Float32Array(nBins * nFrames);
  forEachStftFrame(setup, (t, re, im) => {
    const base = t * nBins;
    for (let f = 0; f < nBins; f++) {
      const squared = re[f]! * re[f]! + im[f]! * im[f]!;
      data[base + f] = power === 2 ? squared : power === 1 ? Math.sqrt(squared) : Math.pow(squared, power / 2);
    }
  });
  return { nBins, nFrames, nFft: setup.nFft, data };
}

/**
 * The FFT length a spectrogram with `rows` bins comes from: `nFft` when it matches (`1 + floor(nFft/2)`
 * bins), else `2·(rows − 1)` — librosa's `_spectrogram` rule.
 */
export function nFftForBins(rows: number, nFft?: number): number {
  if (nFft !== undefined && Math.floor(nFft / 2) + 1 === rows) return nFft;
  if (rows < 2) {
    throw new AudioFeaturesError('INVALID_ARGUMENT', `a spectrogram needs at least 2 frequency bins, got ${rows}`);
  }
  return 2 * (rows - 1);
}

/** Converts a [bin][frame] spectrogram matrix to frame-major form (validating it). */
export function toFrameMajor(S: Matrix, nFft?: number, name = 'S'): FrameMajorSpectrogram {
  assertValidMatrix(S, name);
  const { rows, cols } = S;
  const data = new Float32Array(rows * cols);
  for (let f = 0; f < rows; f++) {
    const base = f * cols;
    for (let t = 0; t < cols; t++) data[t * rows + f] = S.data[base + t]!;
  }
  return { nBins: rows, nFrames: cols, nFft: nFftForBins(rows, nFft), data };
}
