/**
 * Pitch tracking by parabolic interpolation of spectral peaks, as librosa 0.11 `piptrack`. The arithmetic
 * follows numpy's float32 evaluation order so peaks and pitches match librosa to the last bit where the
 * spectrogram does.
 */
import { AudioFeaturesError, assertPositive, assertOptionsObject } from '../../errors.js';
import { fftFrequencies } from '../core/convert.js';
import { f32, FLOAT32_TINY_VALUE } from '../core/float32.js';
import { createMatrix, type Matrix } from '../core/matrix.js';
import { spectrogramFromOptions } from './mel.js';
import type { FrameMajorSpectrogram } from '../core/spectrogram.js';
import type { StftOptions } from '../core/stft.js';

/** Reference for the peak threshold: a fixed value, or a function of each frame's spectrum (default max). */
export type PiptrackReference = number | ((frame: Float32Array) => number);

/** Peak-picking parameters of {@link piptrack} (librosa names). */
export interface PiptrackParameters {
  /** Lowest pitch in Hz (default 150). */
  fmin?: number;
  /** Highest pitch in Hz, exclusive, clipped to sr/2 (default 4000). */
  fmax?: number;
  /** A bin is a candidate when above `threshold · ref(frame)` (default 0.1). Not used when `ref` is a number. */
  threshold?: number;
  /** A number: the absolute threshold itself; a function: `threshold · ref(frame)` (default the frame's max). */
  ref?: PiptrackReference;
}

/** Options of {@link piptrack}. */
export interface PiptrackOptions extends PiptrackParameters, StftOptions {
  /** Audio signal; its magnitude STFT is analysed. Either `y` or `S` is required. */
  y?: Float32Array | Float64Array;
  /** A magnitude (or power) spectrogram [1 + nFft/2][frames], used as is. */
  S?: Matrix;
  /** Sample rate in Hz (default 22050). */
  sr?: number;
}

/** The pitch candidates of a spectrogram: bin, frame, interpolated frequency and magnitude of each peak. */
export interface PitchCandidates {
  count: number;
  bin: Int32Array;
  frame: Int32Array;
  /** Interpolated frequency in Hz (float32, as librosa). */
  pitch: Float32Array;
  /** Interpolated peak magnitude (float32). */
  magnitude: Float32Array;
}

function validateParameters(
  p: PiptrackParameters,
): Required<Omit<PiptrackParameters, 'ref'>> & { ref?: PiptrackReference } {
  const fmin = p.fmin ?? 150;
  const fmax = p.fmax ?? 4000;
  const threshold = p.threshold ?? 0.1;
  for (const [name, v] of [
    ['fmin', fmin],
    ['fmax', fmax],
    ['threshold', threshold],
  ] as const) {
    if (typeof v !== 'number' || Number.isNaN(v)) {
      throw new AudioFeaturesError('INVALID_ARGUMENT', `${name} must be a number, got ${String(v)}`);
    }
  }
  if (p.ref !== undefined && typeof p.ref !== 'function' && !Number.isFinite(p.ref)) {
    throw new AudioFeaturesError('INVALID_ARGUMENT', `ref must be a finite number or a function, got ${String(p.ref)}`);
  }
  return { fmin, fmax, threshold, ref: p.ref };
}

/**
 * Finds the spectral peaks of every frame (frame-major magnitude spectrogram) within [fmin, fmax) that exceed
 * the threshold, with their parabolically interpolated frequency and magnitude.
 */
export function pitchCandidates(
  spec: FrameMajorSpectrogram,
  sr: number,
  parameters: PiptrackParameters = {},
): PitchCandidates {
  assertPositive('sr', sr);
  const { fmin: fminRaw, fmax: fmaxRaw, threshold, ref } = validateParameters(parameters);
  const fmin = Math.max(fminRaw, 0);
  const fmax = Math.min(fmaxRaw, sr / 2);
  const { nBins, nFrames, nFft, data, frameMax } = spec;
  const freqs = fftFrequencies(sr, nFft);
  let lo = 0;
  while (lo < nBins && !(fmin <= freqs[lo]!)) lo++;
  let hi = lo;
  while (hi < nBins && freqs[hi]! < fmax) hi++;
  // Peaks at the first or last bin have no neighbours to interpolate with; librosa pads shift/avg with 0.
  const bins: number[] = [];
  const frames: number[] = [];
  const pitches: number[] = [];
  const mags: number[] = [];
  const thresholdF32 = f32(threshold);
  for (let t = 0; t < nFrames; t++) {
    const base = t * nBins;
    let refValue: number;
    if (typeof ref === 'number') {
      refValue = Math.abs(ref);
    } else if (typeof ref === 'function') {
      refValue = f32(thresholdF32 * ref(data.subarray(base, base + nBins)));
    } else {
      let max = -Infinity;
      if (frameMax !== undefined) max = frameMax[t]!;
      else for (let f = 0; f < nBins; f++) if (data[base + f]! > max) max = data[base + f]!;
      refValue = f32(thresholdF32 * max);
    }
    // Slide over the thresholded spectrum (values ≤ refValue count as 0): a peak is > its left neighbour
    // and ≥ its right one.
    const last = nBins - 1;
    let left = 0;
    if (lo > 0) {
      const v = data[base + lo - 1]!;
      left = v > refValue ? v : 0;
    }
    for (let f = lo; f < hi; f++) {
      const v = data[base + f]!;
      const x = v > refValue ? v : 0;
      const isPeakFromLeft = f !== 0 && x > left;
      left = x;
      if (!isPeakFromLeft) continue;
      if (f < last) {
        const a = data[base + f + 1]!;
        if (!(x >= (a > refValue ? a : 0))) continue;
      }
      let shift = 0;
      let dskew = 0;
      if (f > 0 && f < nBins - 1) {
        const below = data[base + f - 1]!,
          here = data[base + f]!,
          above = data[base + f + 1]!;
        const avg = f32(0.5 * f32(above - below));
        let denominator = f32(f32(f32(2 * here) - above) - below);
        if (Math.abs(denominator) < FLOAT32_TINY_VALUE) denominator = f32(denominator + 1);
        shift = f32(avg / denominator);
        dskew = f32(f32(0.5 * avg) * shift);
      }
      bins.push(f);
      frames.push(t);
      pitches.push(f32(((f + shift) * sr) / nFft));
      mags.push(f32(data[base + f]! + dskew));
    }
  }
  return {
    count: bins.length,
    bin: Int32Array.from(bins),
    frame: Int32Array.from(frames),
    pitch: Float32Array.from(pitches),
    magnitude: Float32Array.from(mags),
  };
}

/**
 * Pitch tracking on the thresholded, parabolically interpolated STFT (librosa `piptrack`). Returns
 * `pitches` and `magnitudes` [1 + nFft/2][frames], zero except at the detected peaks.
 *
 * @example
 * const { pitches, magnitudes } = piptrack({ y, sr: 22050, fmin: 75, fmax: 1600 });
 */
export function piptrack(options: PiptrackOptions): { pitches: Matrix; magnitudes: Matrix } {
  assertOptionsObject('piptrack', options, '{ y, sr: 22050 }');
  const sr = options.sr ?? 22050;
  assertPositive('sr', sr);
  const nFft = options.nFft ?? 2048;
  const spec = spectrogramFromOptions({ ...options, nFft }, 1, Math.floor((options.winLength ?? nFft) / 4));
  const c = pitchCandidates(spec, sr, options);
  const pitches = createMatrix(spec.nBins, spec.nFrames);
  const magnitudes = createMatrix(spec.nBins, spec.nFrames);
  for (let i = 0; i < c.count; i++) {
    const at = c.bin[i]! * spec.nFrames + c.frame[i]!;
    pitches.data[at] = c.pitch[i]!;
    magnitudes.data[at] = c.magnitude[i]!;
  }
  return { pitches, magnitudes };
}
